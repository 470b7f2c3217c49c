package org.glyphocr.augment;

import java.util.SplittableRandom;

/**
 * The random values that {@link Augmenter} draws for one image: which rotation, scale, shear,
 * shift, stroke width change, blur and speck it gets. The elastic field and the noise come from
 * their own generators, split off after these draws.
 *
 * @param angleRadians rotation; positive turns clockwise as seen on screen (y points down)
 * @param scaleX horizontal scale factor, {@code > 0}
 * @param scaleY vertical scale factor, {@code > 0}
 * @param shear horizontal shear {@code k} in {@code x' = x + k·y}
 * @param shiftX shift as a fraction of the ink's width
 * @param shiftY shift as a fraction of the ink's height
 * @param widthChange stroke width change in glyph pixels; negative thins
 * @param blurSigma Gaussian blur in glyph pixels, {@code >= 0}
 * @param speck whether to add a speck
 * @param speckX speck centre across the ink's bounding box, {@code [0, 1)}
 * @param speckY speck centre down the ink's bounding box, {@code [0, 1)}
 * @param speckDiameter in glyph pixels
 * @param speckInk the speck's ink, {@code (0, 1]}
 */
record Distortion(double angleRadians, double scaleX, double scaleY, double shear, double shiftX, double shiftY,
                  double widthChange, double blurSigma,
                  boolean speck, double speckX, double speckY, double speckDiameter, double speckInk) {

    /** No change at all. */
    static final Distortion IDENTITY = new Distortion(0, 1, 1, 0, 0, 0, 0, 0, false, 0, 0, 0, 0);

    /**
     * Draws the values for one image, always the same number of draws in the same order, so that
     * switching one transform off leaves the others' values as they were.
     */
    static Distortion draw(AugmentSettings s, SplittableRandom random) {
        double angle = Math.toRadians(s.rotationDegrees()) * symmetric(random);
        double scaleX = 1 + s.scaling() * symmetric(random);
        double scaleY = 1 + s.scaling() * symmetric(random);
        double shear = s.shear() * symmetric(random);
        double shiftX = s.translate() * symmetric(random);
        double shiftY = s.translate() * symmetric(random);
        double widthChange = s.strokeWidthChange() * symmetric(random);
        double blurSigma = s.blurSigma() * random.nextDouble();
        boolean speck = random.nextDouble() < s.speckProbability();
        double speckX = random.nextDouble();
        double speckY = random.nextDouble();
        double speckDiameter = 0.5 + random.nextDouble();
        double speckInk = 1 - 0.5 * random.nextDouble();
        return new Distortion(angle, scaleX, scaleY, shear, shiftX, shiftY, widthChange, blurSigma,
                speck, speckX, speckY, speckDiameter, speckInk);
    }

    /** Uniform in {@code [-1, 1)}. */
    private static double symmetric(SplittableRandom random) {
        return 2 * random.nextDouble() - 1;
    }
}

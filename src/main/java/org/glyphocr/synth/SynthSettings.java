package org.glyphocr.synth;

import java.util.Arrays;

/**
 * How {@link GlyphSynthesizer} renders a character set. Variant 0 of every face and size is the
 * character as the font draws it; the others are redrawn with small changes of geometry and
 * print-like degradations, each drawn uniformly up to its strength.
 *
 * @param sizes font sizes in pixels (the em height); several, because small type rasterises
 *     differently from large. Each {@code 8..400}
 * @param variants renderings of each character per face and size, {@code >= 1}
 * @param rotationDegrees slight skew, up to {@code ±} this, {@code [0, 15]}
 * @param shear slant {@code x' = x + k·y}, {@code k} up to {@code ±} this, {@code [0, 0.5]}
 * @param inkSpread ink spreading (bleed) or erosion, by up to {@code ±} this fraction of the size,
 *     {@code [0, 0.1]}
 * @param blur Gaussian blur up to this fraction of the size, {@code [0, 0.1]}
 * @param noise Gaussian noise up to this standard deviation, in levels of 255, {@code [0, 64]}
 * @param jpeg the chance that a variant goes through JPEG compression at a quality from 30 to 90,
 *     {@code [0, 1]}
 * @param specks the chance that a variant gets a speck of ink somewhere on the paper, {@code [0, 1]}
 * @param seed makes the drawings reproducible
 */
public record SynthSettings(int[] sizes, int variants, double rotationDegrees, double shear, double inkSpread,
                            double blur, double noise, double jpeg, double specks, long seed) {
    /** Sizes 20, 28, 40 and 64 pixels, 6 variants, ±2°, shear 0.1, ink ±3%, blur 3%, noise 12, JPEG 0.3, specks 0.3, seed 1. */
    public static final SynthSettings DEFAULT = new SynthSettings(new int[] {20, 28, 40, 64}, 6, 2, 0.1, 0.03, 0.03, 12, 0.3, 0.3, 1);

    public SynthSettings {
        sizes = sizes.clone();
        if (sizes.length == 0) throw new IllegalArgumentException("sizes must not be empty");
        for (int s : sizes) if (s < 8 || s > 400) throw new IllegalArgumentException("each size must be within 8..400 pixels, was " + s);
        if (variants < 1) throw new IllegalArgumentException("variants must be >= 1, was " + variants);
        check("rotationDegrees", rotationDegrees, 15);
        check("shear", shear, 0.5);
        check("inkSpread", inkSpread, 0.1);
        check("blur", blur, 0.1);
        check("noise", noise, 64);
        check("jpeg", jpeg, 1);
        check("specks", specks, 1);
    }

    private static void check(String name, double value, double max) {
        if (!(value >= 0 && value <= max)) throw new IllegalArgumentException(name + " must be within [0, " + max + "], was " + value);
    }

    @Override
    public int[] sizes() {
        return sizes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SynthSettings s && Arrays.equals(sizes, s.sizes) && variants == s.variants
                && rotationDegrees == s.rotationDegrees && shear == s.shear && inkSpread == s.inkSpread && blur == s.blur
                && noise == s.noise && jpeg == s.jpeg && specks == s.specks && seed == s.seed;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(sizes) * 31 + Long.hashCode(seed);
    }

    @Override
    public String toString() {
        return "SynthSettings[sizes=" + Arrays.toString(sizes) + ", variants=" + variants + ", rotationDegrees=" + rotationDegrees
                + ", shear=" + shear + ", inkSpread=" + inkSpread + ", blur=" + blur + ", noise=" + noise + ", jpeg=" + jpeg
                + ", specks=" + specks + ", seed=" + seed + "]";
    }
}

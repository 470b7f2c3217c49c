package org.glyphocr.augment;

/**
 * How strongly an {@link Augmenter} distorts ink images during training. Immutable; every field is
 * a plain number, so models can store the settings they were trained with as text. A strength of
 * 0 switches its transform off.
 *
 * <p>Lengths are relative to the glyph, so the same settings behave alike at any scan resolution:
 * "glyph pixels" are pixels of the fitted glyph, {@code 1/fitSize} of the ink's longer side
 * (so with the default fit size of 16, a glyph pixel is 1/16 of the character's height or width).
 *
 * <p>Build variations with {@link #builder()} or {@link #toBuilder()}:
 * <pre>{@code
 * AugmentSettings s = AugmentSettings.DEFAULT.toBuilder().rotationDegrees(5).elasticAlpha(0).build();
 * AugmentSettings strokesOnly = AugmentSettings.NONE.toBuilder().probability(1).strokeWidthChange(2).build();
 * }</pre>
 *
 * @param probability the chance that a sample is augmented at all; the rest pass through unchanged,
 *     so the network also sees clean samples. {@code [0, 1]}; default 0.9
 * @param rotationDegrees rotation by an angle drawn uniformly from {@code ±rotationDegrees}, about
 *     the ink's centre; positive angles turn clockwise. Deskewing undoes the horizontal-shear part
 *     of a rotation, so with it on, a rotated digit changes less than the angle suggests.
 *     {@code [0, 180]}; default 12, within the ±10–15° usual for handwritten digits
 * @param scaling independent horizontal and vertical scale factors, each uniform in
 *     {@code [1 − scaling, 1 + scaling]}. A uniform scale is undone by fitting the glyph into the
 *     frame, so what this varies is the aspect ratio (narrow and wide hands). {@code [0, 0.9]};
 *     default 0.15, an aspect ratio within about ±30%
 * @param shear horizontal shear {@code x' = x + k·y} by {@code k} uniform in {@code ±shear}
 *     (0.3 slants a stroke by about 17°). Deskewing ({@link org.glyphocr.image.PreprocessSettings#deskew()},
 *     on by default) undoes nearly all of a horizontal shear, so this matters mainly for models
 *     trained without deskewing. {@code [0, 1]}; default 0.3
 * @param translate a shift by up to {@code ±translate} of the ink's width (horizontally) and height
 *     (vertically), each uniform. The glyph stage crops to the ink and puts its centre of mass at
 *     the centre of the frame, so the shift itself is normalised away; what remains is the
 *     sub-pixel phase at which the ink is resampled, a slight blur (on MNIST digits a mean change
 *     of 0.018 per glyph value, against 0.008 from resampling alone). {@code [0, 1]}; default 0.1
 * @param elasticAlpha strength of the elastic distortion of Simard, Steinkraus and Platt (2003),
 *     as a fraction of the ink's longer side; see {@code elasticSigma}. 0 switches it off.
 *     {@code [0, 10]}; default 1.7
 * @param elasticSigma smoothness of the elastic distortion: the standard deviation of the Gaussian
 *     that smooths the random displacement field, as a fraction of the ink's longer side.
 *     The field is Simard's: uniform noise in {@code [−1, 1]} on a grid of 20 cells along the longer
 *     side (MNIST's digit box), smoothed with a Gaussian of {@code 20·elasticSigma} cells and scaled
 *     by {@code 20·elasticAlpha} cells. The defaults are therefore Simard's σ = 4 and α = 34 pixels
 *     on a 20-pixel MNIST digit. Each component of the displacement has a standard deviation of
 *     about {@code elasticAlpha / (40·√(3π)·elasticSigma)} of the longer side: 0.069 at the defaults,
 *     1.1 glyph pixels at fit size 16. {@code (0, 1]}, and {@code elasticAlpha} at most
 *     {@value #MAX_ELASTIC_RATIO} times {@code elasticSigma} (a displacement of a third of the
 *     glyph); default 0.2
 * @param strokeWidthChange strokes are thickened or thinned by a width change drawn uniformly from
 *     {@code ±strokeWidthChange} glyph pixels, by gray-level dilation or erosion. Thinning stops at
 *     {@value Augmenter#MIN_WIDTH_FRACTION} of the measured mean stroke width (the last part by
 *     fading rather than eroding), so it never breaks or erases the glyph. This is what lets a
 *     network trained on marker strokes read thin pencil and the other way round. {@code [0, 8]};
 *     default 2: MNIST strokes are 2.0 glyph pixels wide on average (fit size 16), so widths range
 *     from the thinning limit (0.6 px, 0.3×, reached by about one sample in seven) to 4 px (2×)
 * @param blurSigma Gaussian blur with a standard deviation drawn uniformly from
 *     {@code [0, blurSigma]} glyph pixels, like an out-of-focus or low-resolution scan.
 *     {@code [0, 4]}; default 0.7
 * @param noise additive noise of this standard deviation (nearly Gaussian: a sum of four uniform
 *     variates) on the ink values of inked working pixels (strokes and their soft rim), clipped to
 *     {@code [0, 1]}: the grain of pencil, paper and sensor. Paper stays clean because
 *     {@link org.glyphocr.image.Preprocessor#extractInk} sets everything but the ink and its rim to
 *     exactly 0 in real images too. {@code [0, 1]}; default 0.05
 * @param speckProbability the chance that one speck of dirt, a dot between 0.5 and 1.5 glyph pixels
 *     across with ink between 0.5 and 1, is added inside the ink's bounding box, so that it does not
 *     change the crop the glyph is fitted to. {@code [0, 1]}; default 0.1
 */
public record AugmentSettings(
        double probability,
        double rotationDegrees,
        double scaling,
        double shear,
        double translate,
        double elasticAlpha,
        double elasticSigma,
        double strokeWidthChange,
        double blurSigma,
        double noise,
        double speckProbability) {

    /**
     * The largest {@code elasticAlpha / elasticSigma}: displacements with a standard deviation of a
     * third of the glyph (0.069 at the defaults) distort beyond recognition, and cost a large grid.
     */
    public static final double MAX_ELASTIC_RATIO = 40;

    /** Every transform on, at the default strengths given for each field above. */
    public static final AugmentSettings DEFAULT = new AugmentSettings(
            0.9, 12, 0.15, 0.3, 0.1, 1.7, 0.2, 2.0, 0.7, 0.05, 0.1);

    /**
     * Every transform off: {@link Augmenter#apply} returns its input. The probability is still 0.9
     * and {@code elasticSigma} still 0.2, so that switching one transform on with {@link #toBuilder()}
     * needs only its strength.
     */
    public static final AugmentSettings NONE = new AugmentSettings(
            0.9, 0, 0, 0, 0, 0, 0.2, 0, 0, 0, 0);

    /**
     * @throws IllegalArgumentException if a value is out of range or not finite, naming the field
     *     and the value
     */
    public AugmentSettings {
        check("probability", probability, 0, 1);
        check("rotationDegrees", rotationDegrees, 0, 180);
        check("scaling", scaling, 0, 0.9);
        check("shear", shear, 0, 1);
        check("translate", translate, 0, 1);
        check("elasticAlpha", elasticAlpha, 0, 10);
        if (!(elasticSigma > 0 && elasticSigma <= 1)) {
            throw new IllegalArgumentException("elasticSigma must be within (0, 1], was " + elasticSigma);
        }
        if (elasticAlpha > MAX_ELASTIC_RATIO * elasticSigma) {
            throw new IllegalArgumentException("elasticAlpha must be at most " + format(MAX_ELASTIC_RATIO)
                    + " times elasticSigma, was " + elasticAlpha + " with elasticSigma " + elasticSigma);
        }
        check("strokeWidthChange", strokeWidthChange, 0, 8);
        check("blurSigma", blurSigma, 0, 4);
        check("noise", noise, 0, 1);
        check("speckProbability", speckProbability, 0, 1);
    }

    private static void check(String field, double value, double min, double max) {
        // The negated comparison also rejects NaN.
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(field + " must be within [" + format(min) + ", " + format(max)
                    + "], was " + value);
        }
    }

    private static String format(double bound) {
        return bound == Math.rint(bound) ? Long.toString((long) bound) : Double.toString(bound);
    }

    /**
     * Whether these settings never change an image: the probability is 0, or every strength is 0.
     * {@link Augmenter#apply} then returns its input without drawing random numbers.
     */
    public boolean isIdentity() {
        return probability == 0 || (rotationDegrees == 0 && scaling == 0 && shear == 0 && translate == 0
                && elasticAlpha == 0 && strokeWidthChange == 0 && blurSigma == 0 && noise == 0
                && speckProbability == 0);
    }

    /** A builder holding the {@link #DEFAULT} settings. */
    public static Builder builder() {
        return DEFAULT.toBuilder();
    }

    /** A builder holding these settings. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Collects settings; {@link #build()} checks them. Not thread-safe. */
    public static final class Builder {
        private double probability;
        private double rotationDegrees;
        private double scaling;
        private double shear;
        private double translate;
        private double elasticAlpha;
        private double elasticSigma;
        private double strokeWidthChange;
        private double blurSigma;
        private double noise;
        private double speckProbability;

        private Builder(AugmentSettings s) {
            probability = s.probability;
            rotationDegrees = s.rotationDegrees;
            scaling = s.scaling;
            shear = s.shear;
            translate = s.translate;
            elasticAlpha = s.elasticAlpha;
            elasticSigma = s.elasticSigma;
            strokeWidthChange = s.strokeWidthChange;
            blurSigma = s.blurSigma;
            noise = s.noise;
            speckProbability = s.speckProbability;
        }

        /** See {@link AugmentSettings#probability()}. */
        public Builder probability(double probability) {
            this.probability = probability;
            return this;
        }

        /** See {@link AugmentSettings#rotationDegrees()}. */
        public Builder rotationDegrees(double rotationDegrees) {
            this.rotationDegrees = rotationDegrees;
            return this;
        }

        /** See {@link AugmentSettings#scaling()}. */
        public Builder scaling(double scaling) {
            this.scaling = scaling;
            return this;
        }

        /** See {@link AugmentSettings#shear()}. */
        public Builder shear(double shear) {
            this.shear = shear;
            return this;
        }

        /** See {@link AugmentSettings#translate()}. */
        public Builder translate(double translate) {
            this.translate = translate;
            return this;
        }

        /** See {@link AugmentSettings#elasticAlpha()}. */
        public Builder elasticAlpha(double elasticAlpha) {
            this.elasticAlpha = elasticAlpha;
            return this;
        }

        /** See {@link AugmentSettings#elasticSigma()}. */
        public Builder elasticSigma(double elasticSigma) {
            this.elasticSigma = elasticSigma;
            return this;
        }

        /** See {@link AugmentSettings#strokeWidthChange()}. */
        public Builder strokeWidthChange(double strokeWidthChange) {
            this.strokeWidthChange = strokeWidthChange;
            return this;
        }

        /** See {@link AugmentSettings#blurSigma()}. */
        public Builder blurSigma(double blurSigma) {
            this.blurSigma = blurSigma;
            return this;
        }

        /** See {@link AugmentSettings#noise()}. */
        public Builder noise(double noise) {
            this.noise = noise;
            return this;
        }

        /** See {@link AugmentSettings#speckProbability()}. */
        public Builder speckProbability(double speckProbability) {
            this.speckProbability = speckProbability;
            return this;
        }

        /**
         * The settings collected so far.
         *
         * @throws IllegalArgumentException if a value is out of range, naming the field and value
         */
        public AugmentSettings build() {
            return new AugmentSettings(probability, rotationDegrees, scaling, shear, translate, elasticAlpha,
                    elasticSigma, strokeWidthChange, blurSigma, noise, speckProbability);
        }
    }
}

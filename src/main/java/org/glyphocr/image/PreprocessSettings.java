package org.glyphocr.image;

import java.util.Objects;

/**
 * How a {@link Preprocessor} turns an image into a {@link Glyph}. Immutable; models store the
 * settings they were trained with, so every field is a plain value.
 *
 * <p>Build variations with {@link #builder()} or {@link #toBuilder()}:
 * <pre>{@code
 * PreprocessSettings s = PreprocessSettings.DEFAULT.toBuilder().deskew(false).fitSize(16).build();
 * }</pre>
 *
 * @param polarity which way round ink and paper are; default {@link Polarity#AUTO}
 * @param fitSize side, in glyph pixels, that the longer side of the ink's bounding box is scaled
 *     to (keeping the aspect ratio), {@code 1..Glyph.SIZE}; default 16
 * @param centerOfMass {@code true}: the ink's centre of mass is put at the frame centre (as far as the
 *     frame allows without clipping ink); {@code false}: the bounding box is centred. Default {@code true}
 * @param deskew whether to undo slant by shearing rows so that the ink's second-order moment
 *     {@code mu11} becomes zero; default {@code true} (see {@link #DEFAULT} for the measurement)
 * @param speckleFraction 8-connected ink components with fewer pixels than this fraction of the
 *     largest component are removed as noise; the largest component is never removed by this rule.
 *     {@code 0..1}; default 0.02
 * @param minComponentPixels components with fewer pixels than this are noise whatever their
 *     relative size, so an image whose only ink is a lone pixel is blank. {@code >= 1}; default 2
 * @param normalizeContrast whether ink intensity is scaled so that the strongest ink (see
 *     {@code contrastPercentile}) is full ink, making light pencil and black marker look alike;
 *     default {@code true}. Without it, ink is measured against the darkest (or lightest) value the
 *     background leaves room for
 * @param contrastPercentile which percentile of the ink pixels' contrast counts as full ink when
 *     normalising, {@code (0, 1]}; default 0.95
 * @param minContrast the smallest difference from the background luminance, as a fraction of the
 *     full luminance range, that can count as ink even on perfectly clean paper, {@code (0, 1)};
 *     on grainy paper the floor rises to three times the grain measured at the border
 *     ({@code PaperBackground}), so paper texture and sensor noise are ignored either way.
 *     Default 0.03 (8 levels of 255), measured with the default trainer on digits redrawn with a
 *     marker (training) and read as pencil (dev digits, never the pencil test split): with the old
 *     fixed floor of 0.1 and a single background level, pencil 65 levels lighter than the paper
 *     (a third of the range) read 89.6%, against 93.6% for darker pencil, because the floor cut
 *     its faint parts; with the fitted background, the grain floor and 0.03, 93.8%, and on unevenly
 *     lit (±10 levels) or grainy (σ 6) paper 94.0% and 93.3% instead of 89.6% and 91.2%
 * @param strokeWidth the mean stroke width, in glyph pixels, that strokes are thickened or thinned
 *     to before scaling into the frame, so thin pencil and thick marker look alike
 *     ({@code StrokeNormalizer}); 0 leaves strokes as drawn. Default 2.5, measured with the default
 *     trainer on digits redrawn with a marker (training) and a pencil (reading; {@code
 *     MarkerAndPencil}): pencil accuracy 50% with strokes as drawn and no stroke augmentation, 73%
 *     with stroke augmentation alone, 94.4% normalised to 2 px and 95.0% to 2.5 px; clean MNIST
 *     digits stayed within noise (96.3% at 0, 96.1% at 2.5)
 */
public record PreprocessSettings(
        Polarity polarity,
        int fitSize,
        boolean centerOfMass,
        boolean deskew,
        double speckleFraction,
        int minComponentPixels,
        boolean normalizeContrast,
        double contrastPercentile,
        double minContrast,
        double strokeWidth) {

    /**
     * The defaults: automatic polarity, fit to 16, centre of mass, deskew, speckles below 2% of
     * the largest component or below 2 pixels removed, contrast normalised at the 95th percentile,
     * minimum contrast 0.03, strokes normalised to 2.5 glyph pixels.
     *
     * <p>Deskew was chosen by measurement: accuracy of a 1-nearest-neighbour (Euclidean) and a
     * nearest-class-mean classifier on the glyphs of {@code testdata/mnist-7k} (7 000 digits; in each
     * digit's folder the first 70% of files by name are references, the rest queries; see
     * {@code PreprocessingMeasurementTest}):
     * <pre>
     *   deskew  fitSize   1-NN     class mean
     *   false   20        92.43%   75.92%
     *   true    20        94.86%   82.91%
     *   false   16        94.38%   78.72%
     *   true    16        96.19%   85.15%
     * </pre>
     * Deskewing wins at every fit size. A fit size of 16 also beats 20, because it leaves the
     * centre-of-mass centring room to move the glyph (MNIST itself fits digits into 20 of 28
     * pixels for the same reason). The default MLP ({@code train} with default settings, seed 1)
     * agreed: validation accuracy 95.7% at fit size 16 against 95.4% at 20, both with deskew.
     */
    public static final PreprocessSettings DEFAULT = new PreprocessSettings(
            Polarity.AUTO, 16, true, true, 0.02, 2, true, 0.95, 0.03, 2.5);

    /**
     * @throws NullPointerException if {@code polarity} is null
     * @throws IllegalArgumentException if a number is out of range, naming the field and value
     */
    public PreprocessSettings {
        Objects.requireNonNull(polarity, "polarity");
        if (fitSize < 1 || fitSize > Glyph.SIZE) {
            throw new IllegalArgumentException("fitSize must be within 1.." + Glyph.SIZE + ", was " + fitSize);
        }
        if (!(speckleFraction >= 0 && speckleFraction <= 1)) {
            throw new IllegalArgumentException("speckleFraction must be within [0, 1], was " + speckleFraction);
        }
        if (minComponentPixels < 1) {
            throw new IllegalArgumentException("minComponentPixels must be >= 1, was " + minComponentPixels);
        }
        if (!(contrastPercentile > 0 && contrastPercentile <= 1)) {
            throw new IllegalArgumentException("contrastPercentile must be within (0, 1], was " + contrastPercentile);
        }
        if (!(minContrast > 0 && minContrast < 1)) {
            throw new IllegalArgumentException("minContrast must be within (0, 1), was " + minContrast);
        }
        if (!(strokeWidth >= 0 && strokeWidth <= Glyph.SIZE / 2.0)) {
            throw new IllegalArgumentException("strokeWidth must be 0 (off) or within (0, " + Glyph.SIZE / 2 + "], was " + strokeWidth);
        }
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
        private Polarity polarity;
        private int fitSize;
        private boolean centerOfMass;
        private boolean deskew;
        private double speckleFraction;
        private int minComponentPixels;
        private boolean normalizeContrast;
        private double contrastPercentile;
        private double minContrast;
        private double strokeWidth;

        private Builder(PreprocessSettings s) {
            polarity = s.polarity;
            fitSize = s.fitSize;
            centerOfMass = s.centerOfMass;
            deskew = s.deskew;
            speckleFraction = s.speckleFraction;
            minComponentPixels = s.minComponentPixels;
            normalizeContrast = s.normalizeContrast;
            contrastPercentile = s.contrastPercentile;
            minContrast = s.minContrast;
            strokeWidth = s.strokeWidth;
        }

        /** See {@link PreprocessSettings#polarity()}. */
        public Builder polarity(Polarity polarity) {
            this.polarity = Objects.requireNonNull(polarity, "polarity");
            return this;
        }

        /** See {@link PreprocessSettings#fitSize()}. */
        public Builder fitSize(int fitSize) {
            this.fitSize = fitSize;
            return this;
        }

        /** See {@link PreprocessSettings#centerOfMass()}. */
        public Builder centerOfMass(boolean centerOfMass) {
            this.centerOfMass = centerOfMass;
            return this;
        }

        /** See {@link PreprocessSettings#deskew()}. */
        public Builder deskew(boolean deskew) {
            this.deskew = deskew;
            return this;
        }

        /** See {@link PreprocessSettings#speckleFraction()}. */
        public Builder speckleFraction(double speckleFraction) {
            this.speckleFraction = speckleFraction;
            return this;
        }

        /** See {@link PreprocessSettings#minComponentPixels()}. */
        public Builder minComponentPixels(int minComponentPixels) {
            this.minComponentPixels = minComponentPixels;
            return this;
        }

        /** See {@link PreprocessSettings#normalizeContrast()}. */
        public Builder normalizeContrast(boolean normalizeContrast) {
            this.normalizeContrast = normalizeContrast;
            return this;
        }

        /** See {@link PreprocessSettings#contrastPercentile()}. */
        public Builder contrastPercentile(double contrastPercentile) {
            this.contrastPercentile = contrastPercentile;
            return this;
        }

        /** See {@link PreprocessSettings#minContrast()}. */
        public Builder minContrast(double minContrast) {
            this.minContrast = minContrast;
            return this;
        }

        /** See {@link PreprocessSettings#strokeWidth()}. */
        public Builder strokeWidth(double strokeWidth) {
            this.strokeWidth = strokeWidth;
            return this;
        }

        /**
         * The settings collected so far.
         *
         * @throws IllegalArgumentException if a value is out of range, naming the field and value
         */
        public PreprocessSettings build() {
            return new PreprocessSettings(polarity, fitSize, centerOfMass, deskew, speckleFraction,
                    minComponentPixels, normalizeContrast, contrastPercentile, minContrast, strokeWidth);
        }
    }
}

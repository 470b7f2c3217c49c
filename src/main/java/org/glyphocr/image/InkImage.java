package org.glyphocr.image;

import java.util.Arrays;
import java.util.Objects;

/**
 * A grayscale raster of ink intensity, immutable: {@code 0} is paper, {@code 1} is full ink. The
 * stage between {@link Preprocessor#extractInk} (which produces one cropped to the ink) and
 * {@link Preprocessor#toGlyph} (which scales and centres it); data augmentation transforms these.
 *
 * <p>Pixel {@code (x, y)} is stored at {@code data[y * width + x]}, {@code (0, 0)} top-left.
 */
public final class InkImage {
    private final int width;
    private final int height;
    private final float[] data;

    /** Wraps {@code data} without copying or checking; callers hand over ownership of a valid array. */
    InkImage(int width, int height, float[] data) {
        this.width = width;
        this.height = height;
        this.data = data;
    }

    /**
     * An ink image holding a copy of the given data. Clamp interpolated values into {@code [0, 1]}
     * before calling this.
     *
     * @param width columns, {@code >= 1}
     * @param height rows, {@code >= 1}
     * @param data {@code width * height} values, row-major, each finite and within {@code [0, 1]}. Not modified.
     * @throws IllegalArgumentException if a size is below 1, the length does not match, or a value
     *     is out of range, naming its position and value
     */
    public static InkImage of(int width, int height, float[] data) {
        Objects.requireNonNull(data, "data");
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("ink image size must be at least 1 x 1, was " + width + " x " + height);
        }
        if ((long) width * height != data.length) {
            throw new IllegalArgumentException("a " + width + " x " + height + " ink image needs "
                    + (long) width * height + " values, got " + data.length);
        }
        float[] copy = new float[data.length];
        for (int i = 0; i < data.length; i++) {
            float v = data[i];
            if (!(v >= 0f && v <= 1f)) {
                throw new IllegalArgumentException("ink at x=" + i % width + ", y=" + i / width
                        + " must be finite and within [0, 1], was " + v);
            }
            copy[i] = v + 0.0f; // turns -0.0f into 0.0f
        }
        return new InkImage(width, height, copy);
    }

    /** Columns, {@code >= 1}. */
    public int width() {
        return width;
    }

    /** Rows, {@code >= 1}. */
    public int height() {
        return height;
    }

    /**
     * The ink at column {@code x}, row {@code y}, in {@code [0, 1]}.
     *
     * @throws IndexOutOfBoundsException if the position is outside the image
     */
    public float ink(int x, int y) {
        Objects.checkIndex(x, width);
        Objects.checkIndex(y, height);
        return data[y * width + x];
    }

    /** A copy of the {@code width * height} values, row-major. */
    public float[] data() {
        return data.clone();
    }

    /**
     * This ink resampled with exact area averaging (the same resampling that {@link Preprocessor#toGlyph}
     * uses) so that its longer side is {@code maxSide} pixels, keeping the aspect ratio. Shrinking
     * averages blocks, so thin strokes keep their weight as fainter ink; enlarging copies each value
     * over the pixels it covers, with fractional weights at its edges. The shorter side becomes
     * {@code ceil(shorter · maxSide / longer)}, at least 1.
     *
     * <p>Data augmentation uses it to bring ink to a fixed working resolution, and training to keep
     * large scans small in memory.
     *
     * @param maxSide the longer side of the result, in pixels, {@code >= 1}
     * @return this image if its longer side already is {@code maxSide}, else a new image
     * @throws IllegalArgumentException if {@code maxSide < 1}
     */
    public InkImage scaledToFit(int maxSide) {
        if (maxSide < 1) throw new IllegalArgumentException("maxSide must be >= 1, was " + maxSide);
        int longer = Math.max(width, height);
        if (longer == maxSide) return this;
        double scale = (double) maxSide / longer;
        int w = width == longer ? maxSide : Math.max(1, (int) Math.ceil(width * scale - 1e-9));
        int h = height == longer ? maxSide : Math.max(1, (int) Math.ceil(height * scale - 1e-9));
        float[] out = new float[w * h];
        AreaResampler.resample(data, width, height, scale, 0, 0, out, w, h);
        // Weights of one destination pixel sum to 1 up to float rounding; keep the promise of [0, 1].
        for (int i = 0; i < out.length; i++) out[i] = Math.min(1f, Math.max(0f, out[i])) + 0.0f;
        return new InkImage(w, h, out);
    }

    /**
     * The mean stroke width of the ink, in pixels of this image, estimated from ink area and edge
     * length as {@code StrokeNormalizer} does: a stroke of width {@code w} and length {@code L} has
     * area {@code A = wL} and total variation (the sum of absolute differences between horizontal and
     * vertical neighbours) {@code TV ≈ 2L · 4/π} averaged over directions, so
     * <pre>
     *   width = (8/π) · A / TV
     * </pre>
     * The ink is assumed to be surrounded by paper. Strokes narrower than about two pixels read too
     * wide, since the estimate cannot see below a pixel.
     *
     * @return the width, {@code >= 0}; 0 for an image without ink
     */
    public double strokeWidth() {
        return StrokeNormalizer.estimateWidth(data, width, height);
    }

    /** The internal array, for this package's code that only reads it. */
    float[] dataView() {
        return data;
    }

    /** Whether {@code o} is an ink image of the same size and values. */
    @Override
    public boolean equals(Object o) {
        return o instanceof InkImage other && width == other.width && height == other.height
                && Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.hashCode(data);
    }

    /** For example {@code InkImage[20x17, mass=61.3]}, where mass is the sum of the ink values. */
    @Override
    public String toString() {
        double mass = 0;
        for (float v : data) mass += v;
        return String.format(java.util.Locale.ROOT, "InkImage[%dx%d, mass=%.1f]", width, height, mass);
    }
}

package org.glyphocr.augment;

import java.util.Arrays;

/**
 * The neighbourhood filters of the augmentation pipeline on row-major float rasters: gray-level
 * dilation and erosion by a fractional radius, and separable Gaussian blur. Pixels beyond the
 * border count as paper (0).
 *
 * <p>Loops run over the whole raster as one flat array rather than row by row: rows are short (a
 * few dozen pixels), and the loop overhead of short rows costs more than the arithmetic. Where a
 * flat loop reaches from the end of one row into the start of the next, callers keep a margin of
 * paper that makes this harmless (see each method).
 */
final class RasterFilters {
    private RasterFilters() {
    }

    /**
     * Gray-level dilation ({@code grow}, a max filter) or erosion (a min filter) by {@code radius}
     * pixels, as {@code StrokeNormalizer} does: whole pixels by passes of 3×3 filters that alternate
     * between the square and the 5-pixel cross (together an octagon, close to a disc), and the
     * fraction by blending with one more pass. Each pass moves a straight edge by one pixel, so a
     * stroke's width changes by about {@code 2·radius}.
     *
     * <p>The passes compare the values' bit patterns as integers, which order non-negative floats
     * as the floats do, because integer max and min compile to branch-free instructions and float
     * comparisons to branches that ink edges make unpredictable.
     *
     * @param ink row-major, {@code w * h}, non-negative. Not modified.
     * @param radius pixels, {@code >= 0}
     * @return a new raster, or {@code ink} itself if {@code radius} is 0
     */
    static float[] morph(float[] ink, int w, int h, double radius, boolean grow) {
        int passes = (int) Math.floor(radius);
        float fraction = (float) (radius - passes);
        if (passes == 0 && fraction < 1e-6f) return ink;
        int n = ink.length;
        int[] current = new int[n];
        for (int i = 0; i < n; i++) current[i] = Float.floatToRawIntBits(ink[i]);
        int[] next = new int[n];
        int[] tmp = new int[n];
        for (int p = 0; p < passes; p++) {
            filter3x3(current, next, tmp, w, h, p % 2 == 0, grow);
            int[] old = current;
            current = next;
            next = old;
        }
        float[] out = new float[n];
        if (fraction >= 1e-6f) {
            filter3x3(current, next, tmp, w, h, passes % 2 == 0, grow);
            for (int i = 0; i < n; i++) {
                float a = Float.intBitsToFloat(current[i]);
                out[i] = a + fraction * (Float.intBitsToFloat(next[i]) - a);
            }
        } else {
            for (int i = 0; i < n; i++) out[i] = Float.intBitsToFloat(current[i]);
        }
        return out;
    }

    /**
     * One 3×3 max ({@code grow}) or min pass over the square or the cross, from {@code src} into
     * {@code dst}; {@code tmp} is scratch. The square is separable (a row pass, then a column pass);
     * the cross is the row pass combined with the pixels above and below.
     *
     * <p>The row pass runs over the flat raster, so it also compares the last pixel of a row with
     * the first of the next; callers keep at least one column of paper on each side, where this
     * changes nothing.
     */
    private static void filter3x3(int[] src, int[] dst, int[] tmp, int w, int h, boolean square, boolean grow) {
        int n = w * h;
        rowPass(src, tmp, n, grow);
        int[] vertical = square ? tmp : src;
        if (grow) {
            for (int i = 0; i < Math.min(w, n); i++) dst[i] = i + w < n ? Math.max(tmp[i], vertical[i + w]) : tmp[i];
            for (int i = w; i < n - w; i++) dst[i] = Math.max(tmp[i], Math.max(vertical[i - w], vertical[i + w]));
            for (int i = Math.max(w, n - w); i < n; i++) dst[i] = Math.max(tmp[i], vertical[i - w]);
        } else {
            // A neighbour beyond the border is paper: the first and last rows erode to nothing.
            Arrays.fill(dst, 0, Math.min(w, n), 0);
            for (int i = w; i < n - w; i++) dst[i] = Math.min(tmp[i], Math.min(vertical[i - w], vertical[i + w]));
            Arrays.fill(dst, Math.max(w, n - w), n, 0);
        }
    }

    /** The max (or min) of each value and its left and right neighbours, over the flat raster. */
    private static void rowPass(int[] src, int[] dst, int n, boolean grow) {
        if (n == 1) {
            dst[0] = grow ? src[0] : 0;
            return;
        }
        if (grow) {
            dst[0] = Math.max(src[0], src[1]);
            for (int i = 1; i < n - 1; i++) dst[i] = Math.max(src[i - 1], Math.max(src[i], src[i + 1]));
            dst[n - 1] = Math.max(src[n - 2], src[n - 1]);
        } else {
            dst[0] = 0;
            for (int i = 1; i < n - 1; i++) dst[i] = Math.min(src[i - 1], Math.min(src[i], src[i + 1]));
            dst[n - 1] = 0;
        }
    }

    /**
     * Separable Gaussian blur: a row pass, then a column pass, with the same normalised kernel.
     * Each kernel tap is one loop over the whole flat raster (see the class comment), so the row
     * pass reaches from a row's end into the next row's start; callers keep at least
     * {@code kernel.length / 2} columns of paper on each side, where this changes nothing.
     *
     * @param ink row-major, {@code w * h}. Not modified.
     * @param kernel odd length {@code 2r + 1}, centred. Not modified.
     * @return a new raster
     */
    static float[] blur(float[] ink, int w, int h, float[] kernel) {
        float[] rows = new float[w * h];
        convolve(ink, rows, kernel, 1);
        float[] out = new float[w * h];
        convolve(rows, out, kernel, w);
        return out;
    }

    /**
     * {@code dst[i] = Σ_t kernel[t] · src[i + (t − r)·step]} over the flat array, terms beyond
     * either end counting as 0. The kernel is symmetric, so taps are taken in pairs.
     */
    private static void convolve(float[] src, float[] dst, float[] kernel, int step) {
        int n = src.length;
        int r = kernel.length / 2;
        float centre = kernel[r];
        for (int i = 0; i < n; i++) dst[i] = centre * src[i];
        for (int t = 1; t <= r; t++) {
            float k = kernel[r + t];
            int o = t * step;
            for (int i = 0; i < Math.min(o, n - o); i++) dst[i] += k * src[i + o];
            for (int i = o; i < n - o; i++) dst[i] += k * (src[i - o] + src[i + o]);
            for (int i = Math.max(o, n - o); i < n; i++) dst[i] += k * src[i - o];
        }
    }
}

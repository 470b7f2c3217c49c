package org.glyphocr.image;

/**
 * Exact box-filter resampling of ink rasters, for any scale factor up or down.
 *
 * <p>Coordinates are continuous: pixel {@code (x, y)} covers the unit square
 * {@code [x, x+1) × [y, y+1)}. Ink is a density, so a destination pixel's value is the
 * area-weighted mean of the source ink that the mapping lays over it:
 * <pre>
 *   dst[v][u] = Σ_y Σ_x  overlap_u(x) · overlap_v(y) · src[y][x]
 * </pre>
 * where {@code overlap_u(x)} is the length of the intersection of the mapped source interval
 * {@code [offsetX + scale·x, offsetX + scale·(x+1))} with {@code [u, u+1)}. When shrinking 50×, each
 * destination pixel averages a 50×50 block, so a stroke 1 pixel wide still leaves 1/50 of its ink
 * instead of aliasing to nothing or to full ink; when enlarging, each destination pixel takes the
 * value of the source pixel it lies in (with fractional weights at the edges).
 */
final class AreaResampler {
    /** Overlaps thinner than this, in pixels, are rounding slop and count as none. */
    private static final double EPSILON = 1e-9;

    private AreaResampler() {
    }

    /**
     * Scales {@code src} by {@code scale} and moves it by {@code (offsetX, offsetY)}, adding the
     * result into {@code dst}. Ink mapped outside {@code dst} is dropped.
     *
     * @param src source ink, row-major, {@code srcWidth * srcHeight}. Not modified.
     * @param scale destination pixels per source pixel, {@code > 0}
     * @param offsetX destination x of the source's left edge
     * @param offsetY destination y of the source's top edge
     * @param dst destination, row-major, {@code dstWidth * dstHeight}. Modified: values are added.
     */
    static void resample(float[] src, int srcWidth, int srcHeight, double scale, double offsetX, double offsetY,
                         float[] dst, int dstWidth, int dstHeight) {
        Weights wx = Weights.of(srcWidth, scale, offsetX, dstWidth);
        Weights wy = Weights.of(srcHeight, scale, offsetY, dstHeight);
        // The passes are methods of their own: in one, C2 compiled the whole several times over
        // while read warmed up, as each pass's branches turned out other than first profiled.
        float[] rows = acrossRows(src, srcWidth, srcHeight, wx, dstWidth);
        downColumns(rows, srcHeight, wy, dst, dstWidth);
    }

    /** Horizontal pass: each source row becomes a row of {@code dstWidth}. */
    private static float[] acrossRows(float[] src, int srcWidth, int srcHeight, Weights wx, int dstWidth) {
        float[] rows = new float[srcHeight * dstWidth];
        for (int y = 0; y < srcHeight; y++) {
            int in = y * srcWidth;
            int out = y * dstWidth;
            for (int x = 0; x < srcWidth; x++) {
                float v = src[in + x];
                if (v == 0f) continue;
                int first = wx.first[x];
                int k0 = x * wx.stride;
                for (int k = 0; k < wx.count[x]; k++) rows[out + first + k] += v * wx.weights[k0 + k];
            }
        }
        return rows;
    }

    /** Vertical pass: each row spreads over the destination rows it overlaps, added into {@code dst}. */
    private static void downColumns(float[] rows, int srcHeight, Weights wy, float[] dst, int dstWidth) {
        for (int y = 0; y < srcHeight; y++) {
            int in = y * dstWidth;
            int k0 = y * wy.stride;
            for (int k = 0; k < wy.count[y]; k++) {
                float w = wy.weights[k0 + k];
                int out = (wy.first[y] + k) * dstWidth;
                for (int u = 0; u < dstWidth; u++) dst[out + u] += w * rows[in + u];
            }
        }
    }

    /**
     * Shifts each row sideways, row {@code y} by {@code -shear · (y + 0.5 − centerY)} pixels, so that
     * a stroke slanting by {@code shear} pixels per row stands upright. Shifts are fractional; each
     * source pixel's unit interval is spread over the (at most two) pixels it lands on, which keeps
     * every row's ink exactly.
     *
     * @param src ink, row-major, {@code width * height}. Not modified.
     * @return the sheared ink, wide enough to hold every shifted row, with the same height
     */
    static Plane shearRows(float[] src, int width, int height, double shear, double centerY) {
        double minShift = Double.POSITIVE_INFINITY;
        double maxShift = Double.NEGATIVE_INFINITY;
        for (int y = 0; y < height; y++) {
            double s = -shear * (y + 0.5 - centerY);
            minShift = Math.min(minShift, s);
            maxShift = Math.max(maxShift, s);
        }
        int outWidth = width + (int) Math.ceil(maxShift - minShift) + 1;
        float[] out = new float[outWidth * height];
        for (int y = 0; y < height; y++) {
            double s = -shear * (y + 0.5 - centerY) - minShift; // >= 0
            int whole = (int) Math.floor(s + EPSILON);
            float frac = (float) Math.max(0, s - whole);
            if (frac < EPSILON) frac = 0f;
            int in = y * width;
            int base = y * outWidth + whole;
            for (int x = 0; x < width; x++) {
                float v = src[in + x];
                if (v == 0f) continue;
                out[base + x] += (1f - frac) * v;
                out[base + x + 1] += frac * v;
            }
        }
        return new Plane(out, outWidth, height);
    }

    /** A row-major float raster; the internal currency of the glyph stage. */
    record Plane(float[] data, int width, int height) {
    }

    /** For each source index, the destination indices it overlaps and by how much. */
    private static final class Weights {
        final int[] first;
        final int[] count;
        final float[] weights;
        final int stride;

        private Weights(int[] first, int[] count, float[] weights, int stride) {
            this.first = first;
            this.count = count;
            this.weights = weights;
            this.stride = stride;
        }

        static Weights of(int srcLength, double scale, double offset, int dstLength) {
            int stride = (int) Math.ceil(scale) + 2;
            int[] first = new int[srcLength];
            int[] count = new int[srcLength];
            float[] weights = new float[srcLength * stride];
            for (int i = 0; i < srcLength; i++) {
                double a = offset + scale * i;
                double b = a + scale;
                // Rounding slop must not create slivers of ink (1e-12 of a pixel) in an extra
                // column: they would widen the ink's bounding box.
                int lo = Math.max(0, (int) Math.floor(a + EPSILON));
                int hi = Math.min(dstLength - 1, (int) Math.ceil(b - EPSILON) - 1);
                first[i] = lo;
                int n = 0;
                for (int j = lo; j <= hi && n < stride; j++) {
                    double w = Math.min(b, j + 1) - Math.max(a, j);
                    weights[i * stride + n++] = (float) Math.max(0, w);
                }
                count[i] = n;
            }
            return new Weights(first, count, weights, stride);
        }
    }
}

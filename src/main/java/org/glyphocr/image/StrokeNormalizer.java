package org.glyphocr.image;

import org.glyphocr.image.AreaResampler.Plane;

/**
 * Brings strokes to a common width, so that a glyph drawn with a thin pencil and one drawn with a
 * thick marker reach the network alike.
 *
 * <p>The ink is resampled (area averaging) to {@value #RESOLUTION}× the fitted glyph resolution,
 * its mean stroke width estimated from ink area and edge length, and then grown with a gray-level
 * dilation (max filter) or shrunk with an erosion (min filter) by half the difference to the
 * target. Width estimate: a stroke of width {@code w} and length {@code L} has ink area
 * {@code A = wL}; its total variation (the sum of absolute differences between horizontal and
 * vertical neighbours) is {@code 2L(|cos θ| + |sin θ|)}, which averages {@code 2L · 4/π} over
 * directions; so {@code w ≈ (8/π) · A / TV}.
 *
 * <p>A grown stroke is brought to full strength, since a hairline arrives faint from the area
 * averaging. Erosion is limited to a quarter of the measured width, so the thinner parts of a stroke
 * survive thinning the thick ones.
 */
final class StrokeNormalizer {
    /** Working pixels per glyph pixel: 2 keeps the morphology cheap, and fractional radii blend between passes. */
    static final int RESOLUTION = 2;
    private static final double WIDTH_PER_AREA_OVER_VARIATION = 8 / Math.PI;

    private StrokeNormalizer() {
    }

    /**
     * The ink with strokes about {@code targetWidth} glyph pixels wide.
     *
     * @param plane trimmed ink. Not modified.
     * @param targetWidth in glyph pixels, {@code > 0}
     * @param fitSize the glyph pixels the longer side will be scaled to
     */
    static Plane normalize(Plane plane, double targetWidth, int fitSize) {
        double scale = (double) RESOLUTION * fitSize / Math.max(plane.width(), plane.height());
        double target = targetWidth * RESOLUTION;
        int pad = (int) Math.ceil(target / 2) + 1;
        int w = (int) Math.ceil(plane.width() * scale - 1e-9) + 2 * pad;
        int h = (int) Math.ceil(plane.height() * scale - 1e-9) + 2 * pad;
        float[] fine = new float[w * h];
        AreaResampler.resample(plane.data(), plane.width(), plane.height(), scale, pad, pad, fine, w, h);
        double width = estimateWidth(fine, w, h);
        if (!(width > 0)) return plane;
        double radius = (target - width) / 2;
        if (radius < 0) return new Plane(morph(fine, w, h, Math.min(-radius, width / 4), false), w, h);
        float[] grown = morph(fine, w, h, radius, true);
        saturate(grown);
        return new Plane(grown, w, h);
    }

    /**
     * Scales ink so that its strongest value is full ink. A stroke thinner than a working pixel
     * arrives faint from area averaging; once grown to the target width it should be as dark as a
     * stroke drawn that wide.
     */
    private static void saturate(float[] ink) {
        float max = 0f;
        for (float v : ink) max = Math.max(max, v);
        if (max <= 0f || max >= 1f) return;
        float gain = 1f / max;
        for (int i = 0; i < ink.length; i++) ink[i] = Math.min(1f, ink[i] * gain);
    }

    /**
     * Mean stroke width in pixels, {@code (8/π) · A / TV}; 0 for no ink. Pixels beyond the border
     * count as paper, so ink cropped to its bounding box has its outer edges counted.
     */
    static double estimateWidth(float[] ink, int w, int h) {
        double area = 0;
        double variation = 0;
        // Each pixel adds its ink, then its difference to the right, then the one below, in this
        // order (the sums are doubles); the last column and the last row, which lack a neighbour,
        // have loops of their own so that the inner loop tests nothing.
        for (int y = 0; y < h; y++) {
            int row = y * w;
            int last = row + w - 1;
            variation += ink[row] + ink[last]; // the left and right borders
            if (y + 1 < h) {
                for (int i = row; i < last; i++) {
                    float v = ink[i];
                    area += v;
                    variation += Math.abs(ink[i + 1] - v);
                    variation += Math.abs(ink[i + w] - v);
                }
                area += ink[last];
                variation += Math.abs(ink[last + w] - ink[last]);
            } else {
                for (int i = row; i < last; i++) {
                    float v = ink[i];
                    area += v;
                    variation += Math.abs(ink[i + 1] - v);
                }
                area += ink[last];
            }
        }
        for (int x = 0; x < w; x++) variation += ink[x] + ink[(h - 1) * w + x]; // the top and bottom borders
        return variation == 0 ? 0 : WIDTH_PER_AREA_OVER_VARIATION * area / variation;
    }

    /**
     * Dilates ({@code grow}) or erodes by {@code radius} pixels: whole pixels by passes of 3×3
     * filters alternating square and cross shapes (an octagon, close to a disc), the fraction by
     * blending with one more pass.
     */
    private static float[] morph(float[] ink, int w, int h, double radius, boolean grow) {
        int passes = (int) Math.floor(radius);
        double fraction = radius - passes;
        float[] current = ink;
        float[] scratch = new float[ink.length];
        for (int p = 0; p < passes; p++) {
            filter3x3(current, scratch, w, h, p % 2 == 0, grow);
            float[] t = current == ink ? new float[ink.length] : current;
            current = scratch;
            scratch = t;
        }
        if (fraction > 1e-6) {
            filter3x3(current, scratch, w, h, passes % 2 == 0, grow);
            float f = (float) fraction;
            float[] out = current == ink ? new float[ink.length] : current;
            for (int i = 0; i < out.length; i++) out[i] = current[i] + f * (scratch[i] - current[i]);
            current = out;
        }
        return current;
    }

    /**
     * One max (grow) or min filter pass over the 3×3 square or the 5-pixel cross; the border counts
     * as paper. A row pass over each pixel's horizontal neighbours, then a column pass: the square
     * takes the row pass's result from the rows above and below, the cross the pixels themselves.
     * Max and min are exact, so this gives what the nine-neighbour loop gave, in a third of the time.
     * Growing and shrinking are separate loops without tests inside: one loop for both, its
     * branches profiled one way and then taken the other, made the JIT compiler throw its code
     * away and compile it again several times while `read` warmed up.
     */
    static void filter3x3(float[] src, float[] dst, int w, int h, boolean square, boolean grow) {
        float[] across = new float[src.length];
        float[] paper = new float[w];
        if (grow) {
            maxAcross(src, across, w, h);
            maxDown(square ? across : src, across, dst, paper, w, h);
        } else {
            minAcross(src, across, w, h);
            minDown(square ? across : src, across, dst, paper, w, h);
        }
    }

    /** Each pixel's maximum with its left and right neighbours, paper (0) beyond the border. */
    private static void maxAcross(float[] src, float[] out, int w, int h) {
        for (int y = 0; y < h; y++) {
            int first = y * w;
            int last = first + w - 1;
            if (w == 1) {
                out[first] = Math.max(src[first], 0f); // both neighbours are paper
                continue;
            }
            out[first] = Math.max(src[first], Math.max(0f, src[first + 1]));
            for (int i = first + 1; i < last; i++) out[i] = Math.max(src[i], Math.max(src[i - 1], src[i + 1]));
            out[last] = Math.max(src[last], Math.max(src[last - 1], 0f));
        }
    }

    /** Each pixel's minimum with its left and right neighbours, paper (0) beyond the border. */
    private static void minAcross(float[] src, float[] out, int w, int h) {
        for (int y = 0; y < h; y++) {
            int first = y * w;
            int last = first + w - 1;
            if (w == 1) {
                out[first] = Math.min(src[first], 0f); // both neighbours are paper
                continue;
            }
            out[first] = Math.min(src[first], Math.min(0f, src[first + 1]));
            for (int i = first + 1; i < last; i++) out[i] = Math.min(src[i], Math.min(src[i - 1], src[i + 1]));
            out[last] = Math.min(src[last], Math.min(src[last - 1], 0f));
        }
    }

    /** {@code across} at each pixel, maximum with {@code vertical} above and below it; {@code paper} (zeros) beyond the border. */
    private static void maxDown(float[] vertical, float[] across, float[] dst, float[] paper, int w, int h) {
        for (int y = 0; y < h; y++) {
            int row = y * w;
            float[] above = y > 0 ? vertical : paper;
            int up = y > 0 ? row - w : 0;
            float[] below = y + 1 < h ? vertical : paper;
            int down = y + 1 < h ? row + w : 0;
            for (int x = 0; x < w; x++) dst[row + x] = Math.max(across[row + x], Math.max(above[up + x], below[down + x]));
        }
    }

    /** {@code across} at each pixel, minimum with {@code vertical} above and below it; {@code paper} (zeros) beyond the border. */
    private static void minDown(float[] vertical, float[] across, float[] dst, float[] paper, int w, int h) {
        for (int y = 0; y < h; y++) {
            int row = y * w;
            float[] above = y > 0 ? vertical : paper;
            int up = y > 0 ? row - w : 0;
            float[] below = y + 1 < h ? vertical : paper;
            int down = y + 1 < h ? row + w : 0;
            for (int x = 0; x < w; x++) dst[row + x] = Math.min(across[row + x], Math.min(above[up + x], below[down + x]));
        }
    }
}

package org.glyphocr.image;

import java.util.Arrays;

/**
 * The paper's luminance under a glyph, as a plane {@code B(x, y) = a + b·x + c·y} fitted by least
 * squares to the border pixels on the paper side of the Otsu split, and the paper's grain: the
 * standard deviation of the border pixels about the plane, estimated robustly as 1.4826 times their
 * median absolute residual (which ignores the ink among them).
 *
 * <p>A photographed or scanned glyph is rarely lit evenly: one side of a small crop is often
 * 10 to 20 levels darker than the other. Against a single background level, that shading passes
 * for faint ink on the dark side, and a minimum contrast high enough to ignore it also cuts away the
 * lightly pressed parts of a pencil stroke. Across a crop the size of one character, the shading
 * is close to linear, which the plane removes; the grain then says how faint real ink may be.
 */
record PaperBackground(double a, double b, double c, double grain) {
    /** Fewer paper pixels on the border than this: the plane is not fitted, and the level is constant. */
    static final int MIN_PAPER_PIXELS = 8;

    /** A constant level {@code level} with no grain measured. */
    static PaperBackground constant(double level) {
        return new PaperBackground(level, 0, 0, 0);
    }

    /**
     * Fits the plane to the border pixels of {@code lum} that lie on the paper side of {@code split},
     * then once more to the border pixels within {@value #OUTLIER_GRAINS} grains of that plane, on
     * either side of the split: where the image holds only paper, the split cuts through the grain
     * itself, and one side alone would bias the level and understate the grain.
     *
     * @param lum row-major luminance, {@code width × height}
     * @param darkInk whether ink is darker than paper (paper is then above {@code split})
     * @param fallback the level to use where the border holds too little paper to fit a plane
     */
    static PaperBackground fit(byte[] lum, int width, int height, int split, boolean darkInk, double fallback) {
        int[] border = borderIndices(width, height);
        boolean[] use = new boolean[border.length];
        for (int k = 0; k < border.length; k++) {
            int l = lum[border[k]] & 0xff;
            use[k] = darkInk ? l > split : l <= split;
        }
        PaperBackground first = fitPlane(lum, width, border, use);
        if (first == null) return constant(fallback);
        double limit = OUTLIER_GRAINS * Math.max(first.grain, 0.5);
        for (int k = 0; k < border.length; k++) {
            use[k] = Math.abs((lum[border[k]] & 0xff) - first.level(border[k] % width, border[k] / width)) <= limit;
        }
        PaperBackground second = fitPlane(lum, width, border, use);
        return second == null ? first : second;
    }

    /** Border pixels further than this many grains from the first plane are ink, not paper, for the second fit. */
    static final double OUTLIER_GRAINS = 3;

    /**
     * The least-squares plane through the chosen border pixels, with the grain of all border pixels
     * about it (robust: the median absolute residual ignores the ink among them); {@code null} if
     * fewer than {@value #MIN_PAPER_PIXELS} are chosen.
     */
    private static PaperBackground fitPlane(byte[] lum, int width, int[] border, boolean[] use) {
        double n = 0;
        double sx = 0;
        double sy = 0;
        double sl = 0;
        double sxx = 0;
        double syy = 0;
        double sxy = 0;
        double sxl = 0;
        double syl = 0;
        for (int k = 0; k < border.length; k++) {
            if (!use[k]) continue;
            int l = lum[border[k]] & 0xff;
            double x = border[k] % width;
            double y = border[k] / width;
            n++;
            sx += x;
            sy += y;
            sl += l;
            sxx += x * x;
            syy += y * y;
            sxy += x * y;
            sxl += x * l;
            syl += y * l;
        }
        if (n < MIN_PAPER_PIXELS) return null;
        double[] abc = solve(new double[][] {{n, sx, sy, sl}, {sx, sxx, sxy, sxl}, {sy, sxy, syy, syl}});
        // A glyph one pixel high or wide has no slope across it: the mean level then.
        PaperBackground plane = abc == null ? constant(sl / n) : new PaperBackground(abc[0], abc[1], abc[2], 0);
        double[] residuals = new double[border.length];
        for (int k = 0; k < border.length; k++) {
            residuals[k] = Math.abs((lum[border[k]] & 0xff) - plane.level(border[k] % width, border[k] / width));
        }
        return new PaperBackground(plane.a, plane.b, plane.c, 1.4826 * OrderStatistics.kthSmallest(residuals, residuals.length / 2));
    }

    /** The paper's luminance at pixel {@code (x, y)}. */
    double level(int x, int y) {
        return a + b * x + c * y;
    }

    /** Each border pixel's index once, for images of any size including one row or column. */
    private static int[] borderIndices(int width, int height) {
        int[] indices = new int[width * height <= 2 * (width + height) ? width * height : 2 * (width + height) - 4];
        int k = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                boolean edge = y == 0 || y == height - 1 || x == 0 || x == width - 1;
                if (edge) indices[k++] = y * width + x;
                else x = width - 2; // jump to the right edge
            }
        }
        return Arrays.copyOf(indices, k);
    }

    /** Gauss-Jordan elimination with partial pivoting on a 3 × 4 augmented matrix; {@code null} if singular. */
    private static double[] solve(double[][] m) {
        for (int col = 0; col < 3; col++) {
            int pivot = col;
            for (int r = col + 1; r < 3; r++) if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) pivot = r;
            double[] swap = m[col];
            m[col] = m[pivot];
            m[pivot] = swap;
            if (Math.abs(m[col][col]) < 1e-9 * Math.max(1, Math.abs(m[0][0]))) return null;
            for (int r = 0; r < 3; r++) {
                if (r == col) continue;
                double f = m[r][col] / m[col][col];
                for (int j = col; j < 4; j++) m[r][j] -= f * m[col][j];
            }
        }
        return new double[] {m[0][3] / m[0][0], m[1][3] / m[1][1], m[2][3] / m[2][2]};
    }
}

package org.glyphocr.augment;

import java.util.Arrays;

/**
 * Resamples a raster through a mapping that is given at the nodes of a regular grid and
 * interpolated bilinearly in between: output pixel {@code q} takes the source ink at position
 * {@code p(q)}, itself interpolated bilinearly between the four nearest source pixel centres.
 *
 * <p>An affine map composed with a bilinearly interpolated displacement field is again bilinear
 * within each grid cell, so mapping only the nodes and interpolating the source positions gives
 * the same positions as mapping every pixel (up to rounding), for a fraction of the arithmetic.
 *
 * <p>Output coordinates are continuous: output pixel {@code (i, j)} has its centre at
 * {@code (x0 + i + 0.5, y0 + j + 0.5)}, node {@code (n, m)} sits at
 * {@code (originX + n·spacingX, originY + m·spacingY)}, and every output pixel centre must lie
 * within the grid. Source positions are index coordinates: source pixel {@code (x, y)} holds its ink
 * at {@code (x, y)}, and beyond the border the ink is 0.
 */
final class GridWarp {
    private GridWarp() {
    }

    /** Where the output canvas lies and how large it is. */
    record Canvas(int x0, int y0, int width, int height) {
    }

    /** The grid: node positions in output coordinates, and each node's source position. */
    record Grid(double originX, double originY, double spacingX, double spacingY, int nodesX, int nodesY,
                double[] sourceX, double[] sourceY) {
    }

    /**
     * The warped raster.
     *
     * @param src source ink, row-major, {@code sw * sh}. Not modified.
     * @param grid node source positions, row-major {@code nodesY × nodesX}, at least 2 × 2. Not modified.
     * @param canvas the output; its pixel centres must lie within the grid
     * @param inkBounds receives the bounding box {x0, y0, x1, y1} (inclusive, canvas pixels) of the
     *     positive output values, or {@code {0, 0, -1, -1}} if there are none. Modified.
     * @return a new raster of {@code canvas.width() * canvas.height()} values
     */
    static float[] resample(float[] src, int sw, int sh, Grid grid, Canvas canvas, int[] inkBounds) {
        int cw = canvas.width();
        int ch = canvas.height();
        int nx = grid.nodesX();
        float[] out = new float[cw * ch];
        // A frame of one pixel of paper lets every interpolation read four pixels without checks.
        int stride = sw + 2;
        float[] framed = new float[stride * (sh + 2)];
        for (int y = 0; y < sh; y++) System.arraycopy(src, y * sw, framed, (y + 1) * stride + 1, sw);

        // The output columns in each grid cell: cells only grow along a row.
        int[] firstPixel = new int[nx - 1];
        int[] lastPixel = new int[nx - 1];
        Arrays.fill(firstPixel, Integer.MAX_VALUE);
        Arrays.fill(lastPixel, -1);
        for (int i = 0; i < cw; i++) {
            double u = (canvas.x0() + i + 0.5 - grid.originX()) / grid.spacingX();
            int n = Math.max(0, Math.min(nx - 2, (int) Math.floor(u)));
            firstPixel[n] = Math.min(firstPixel[n], i);
            lastPixel[n] = i;
        }

        double[] rowX = new double[nx];
        double[] rowY = new double[nx];
        int inkX0 = cw;
        int inkY0 = ch;
        int inkX1 = -1;
        int inkY1 = -1;
        for (int j = 0; j < ch; j++) {
            double v = (canvas.y0() + j + 0.5 - grid.originY()) / grid.spacingY();
            int m = Math.max(0, Math.min(grid.nodesY() - 2, (int) Math.floor(v)));
            double b = v - m;
            int top = m * nx;
            int bottom = top + nx;
            for (int n = 0; n < nx; n++) {
                rowX[n] = grid.sourceX()[top + n] + b * (grid.sourceX()[bottom + n] - grid.sourceX()[top + n]);
                rowY[n] = grid.sourceY()[top + n] + b * (grid.sourceY()[bottom + n] - grid.sourceY()[top + n]);
            }
            int row = j * cw;
            int first = cw;
            int last = -1;
            for (int n = 0; n < nx - 1; n++) {
                // Positions are linear along a cell, so a cell whose two ends are beyond the same
                // edge of the source lies wholly beyond it.
                if (firstPixel[n] > lastPixel[n]
                        || beyond(rowX[n], rowX[n + 1], sw) || beyond(rowY[n], rowY[n + 1], sh)) continue;
                double stepX = (rowX[n + 1] - rowX[n]) / grid.spacingX();
                double stepY = (rowY[n + 1] - rowY[n]) / grid.spacingX();
                double offset = canvas.x0() + firstPixel[n] + 0.5 - (grid.originX() + n * grid.spacingX());
                double px = rowX[n] + offset * stepX;
                double py = rowY[n] + offset * stepY;
                for (int i = firstPixel[n]; i <= lastPixel[n]; i++, px += stepX, py += stepY) {
                    if (!(px > -1 && px < sw && py > -1 && py < sh)) continue;
                    float ink = bilinear(framed, stride, px, py);
                    if (ink <= 0f) continue;
                    out[row + i] = ink;
                    if (i < first) first = i;
                    last = i;
                }
            }
            if (last >= 0) {
                inkX0 = Math.min(inkX0, first);
                inkX1 = Math.max(inkX1, last);
                if (inkY1 < 0) inkY0 = j;
                inkY1 = j;
            }
        }
        if (inkY1 < 0) {
            inkX0 = 0;
            inkY0 = 0;
            inkX1 = -1;
        }
        inkBounds[0] = inkX0;
        inkBounds[1] = inkY0;
        inkBounds[2] = inkX1;
        inkBounds[3] = inkY1;
        return out;
    }

    /**
     * Whether both ends of a segment lie where a source of this size has no ink: at or below −1, or
     * at or above {@code size}.
     */
    private static boolean beyond(double a, double b, int size) {
        return (a <= -1 && b <= -1) || (a >= size && b >= size);
    }

    /**
     * The ink at index coordinates {@code (px, py)} of the source, interpolated between the four
     * nearest pixel centres, read from the source framed by one pixel of paper.
     *
     * @param framed the source with a frame of zeros, {@code stride} wide. Not modified.
     * @param px requires {@code −1 < px < sw}
     * @param py requires {@code −1 < py < sh}
     */
    static float bilinear(float[] framed, int stride, double px, double py) {
        // Shifted by one into the frame, positions are positive, and truncation is the floor.
        double fx1 = px + 1;
        double fy1 = py + 1;
        int x = (int) fx1;
        int y = (int) fy1;
        float fx = (float) (fx1 - x);
        float fy = (float) (fy1 - y);
        int i = y * stride + x;
        float v00 = framed[i];
        float v10 = framed[i + 1];
        float v01 = framed[i + stride];
        float v11 = framed[i + stride + 1];
        float upper = v00 + fx * (v10 - v00);
        float lower = v01 + fx * (v11 - v01);
        return upper + fy * (lower - upper);
    }
}

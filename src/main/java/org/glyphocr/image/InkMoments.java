package org.glyphocr.image;

/**
 * Mass, centre of mass and central second moments of an ink raster, with each pixel's ink placed
 * at its centre {@code (x + 0.5, y + 0.5)}:
 * <pre>
 *   mass = Σ v,   cx = Σ v·x / mass,   mu11 = Σ v·(x − cx)(y − cy) / mass,   mu02 = Σ v·(y − cy)² / mass
 * </pre>
 *
 * @param mass total ink, {@code >= 0}
 * @param cx centre of mass, in pixels from the left edge (undefined, 0, when mass is 0)
 * @param cy centre of mass, in pixels from the top edge
 * @param mu20 horizontal variance, in pixels²
 * @param mu11 covariance of x and y, in pixels²
 * @param mu02 vertical variance, in pixels²
 */
record InkMoments(double mass, double cx, double cy, double mu20, double mu11, double mu02) {

    /** The moments of {@code data}, row-major, {@code width * height}. {@code data} is not modified. */
    static InkMoments of(float[] data, int width, int height) {
        double mass = 0;
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        for (int y = 0; y < height; y++) {
            double py = y + 0.5;
            double rowMass = 0;
            double rowSx = 0;
            double rowSxx = 0;
            for (int x = 0, i = y * width; x < width; x++, i++) {
                double v = data[i];
                if (v == 0) continue;
                double px = x + 0.5;
                rowMass += v;
                rowSx += v * px;
                rowSxx += v * px * px;
            }
            mass += rowMass;
            sx += rowSx;
            sxx += rowSxx;
            sy += rowMass * py;
            sxy += rowSx * py;
            syy += rowMass * py * py;
        }
        if (mass <= 0) return new InkMoments(0, 0, 0, 0, 0, 0);
        double cx = sx / mass;
        double cy = sy / mass;
        return new InkMoments(mass, cx, cy, sxx / mass - cx * cx, sxy / mass - cx * cy, syy / mass - cy * cy);
    }
}

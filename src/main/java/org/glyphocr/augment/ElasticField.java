package org.glyphocr.augment;

import java.util.SplittableRandom;

/**
 * A smooth random displacement field (Simard, Steinkraus and Platt 2003), held on a coarse grid of
 * nodes and interpolated bilinearly in between. Immutable once generated.
 *
 * <p>Simard's field is uniform noise in {@code [−1, 1]} per pixel, smoothed with a Gaussian of σ
 * pixels and multiplied by α. Its value at any point is a weighted sum of many independent terms,
 * so what matters is its covariance, a Gaussian of width {@code σ√2}, and its standard deviation,
 * {@code α·√(1/3)·Σk²} for the discrete kernel {@code k}, about {@code α / (2√(3π)·σ)}. Here the
 * noise is smoothed on a grid with nodes σ apart instead of per pixel, which keeps the covariance
 * at the nodes, and is interpolated bilinearly in between, which lowers the variance between
 * nodes a little (at the centre of a cell to about 0.8 of that at the nodes); the gain is set so
 * that the variance averaged over the plane is the requested one. At the default σ this takes a
 * few hundred noise values per component instead of a few thousand, and a kernel of 7 taps
 * instead of 25 or more.
 *
 * <p>Coordinates are continuous, in working pixels; node {@code (n, m)} sits at
 * {@code (originX + n·spacing, originY + m·spacing)}. Between nodes the field is interpolated
 * bilinearly ({@link GridWarp}); it is not defined beyond the outermost nodes. The noise is drawn
 * from the generator given, and the kernel uses {@link StrictMath}, so a field is the same on every
 * machine.
 */
final class ElasticField {
    private final double originX;
    private final double originY;
    private final double spacing;
    private final int nx;
    private final int ny;
    private final float[] dx;
    private final float[] dy;
    private final double maxAbsDx;
    private final double maxAbsDy;

    private ElasticField(double originX, double originY, double spacing, int nx, int ny, float[] dx, float[] dy) {
        this.originX = originX;
        this.originY = originY;
        this.spacing = spacing;
        this.nx = nx;
        this.ny = ny;
        this.dx = dx;
        this.dy = dy;
        this.maxAbsDx = maxAbs(dx);
        this.maxAbsDy = maxAbs(dy);
    }

    /** The largest horizontal displacement anywhere, in pixels, {@code >= 0}. */
    double maxAbsDx() {
        return maxAbsDx;
    }

    /** The largest vertical displacement anywhere, in pixels, {@code >= 0}. */
    double maxAbsDy() {
        return maxAbsDy;
    }

    /** The x of node column 0, in pixels. */
    double originX() {
        return originX;
    }

    /** The y of node row 0, in pixels. */
    double originY() {
        return originY;
    }

    /** The distance between neighbouring nodes, in pixels, {@code >= 1}. */
    double spacing() {
        return spacing;
    }

    /** Node columns, {@code >= 2}. */
    int nodesX() {
        return nx;
    }

    /** Node rows, {@code >= 2}. */
    int nodesY() {
        return ny;
    }

    /** The horizontal displacement at node {@code m · nodesX() + n}, in pixels. */
    float dx(int node) {
        return dx[node];
    }

    /** The vertical displacement at node {@code m · nodesX() + n}, in pixels. */
    float dy(int node) {
        return dy[node];
    }

    private static double maxAbs(float[] values) {
        float max = 0f;
        for (float v : values) {
            float a = Math.abs(v);
            if (a > max) max = a;
        }
        return max;
    }

    /**
     * Makes fields of one strength and smoothness. Immutable and thread-safe; holds the smoothing
     * kernel, computed once.
     */
    static final class Generator {
        /**
         * Grid nodes per σ. With nodes σ apart, neighbouring nodes are correlated at
         * {@code exp(−1/4) = 0.78}, so the field is smooth within a cell and bilinear interpolation
         * is close to the true field; twice as many nodes cost eight times the work.
         */
        private static final double NODES_PER_SIGMA = 1;

        private final double spacing;
        private final float[] kernel;
        private final float gain;
        private final double margin;

        /**
         * @param std the standard deviation of each displacement component, in pixels, {@code > 0}
         * @param sigma the smoothing Gaussian's standard deviation, in pixels, {@code > 0}
         */
        Generator(double std, double sigma) {
            spacing = Math.max(1, sigma / NODES_PER_SIGMA);
            kernel = gaussianKernel(sigma / spacing);
            double sumOfSquares = 0;
            for (float k : kernel) sumOfSquares += (double) k * k;
            // Uniform noise in [-1, 1] has variance 1/3; a normalised 2-D kernel k(x)k(y) keeps
            // (Σk²)² of it at each node, and interpolation a fraction of that between nodes.
            double nodeStd = Math.sqrt(1.0 / 3) * sumOfSquares;
            gain = (float) (std / (nodeStd * Math.sqrt(interpolatedVarianceRatio(kernel))));
            // The grid, and so the canvas, reaches this far beyond the ink: ink displaced further
            // (beyond 4 standard deviations) is rare enough to lose.
            margin = 4 * std + spacing;
        }

        /**
         * The variance of the bilinearly interpolated field relative to that at the nodes, averaged
         * over a cell: {@code mean over (a, b) of Σ w_p w_q ρ(p − q)} over the four corners
         * {@code p, q} with bilinear weights {@code w}, where {@code ρ} is the correlation of the
         * smoothed noise between nodes, the kernel's normalised autocorrelation in each direction.
         */
        static double interpolatedVarianceRatio(float[] kernel) {
            double zero = 0;
            double one = 0;
            for (int t = 0; t < kernel.length; t++) {
                zero += (double) kernel[t] * kernel[t];
                if (t + 1 < kernel.length) one += (double) kernel[t] * kernel[t + 1];
            }
            double rho = one / zero; // between neighbours along one axis
            int steps = 16;
            double total = 0;
            for (int i = 0; i < steps; i++) {
                for (int j = 0; j < steps; j++) {
                    double a = (i + 0.5) / steps;
                    double b = (j + 0.5) / steps;
                    // Separable: the 2-D sum is the product of the 1-D sums along x and y.
                    double alongX = (1 - a) * (1 - a) + a * a + 2 * a * (1 - a) * rho;
                    double alongY = (1 - b) * (1 - b) + b * b + 2 * b * (1 - b) * rho;
                    total += alongX * alongY;
                }
            }
            return total / (steps * steps);
        }

        /**
         * A field covering the rectangle {@code [minX, maxX] × [minY, maxY]} and a margin of four
         * standard deviations around it.
         *
         * @param random supplies the noise; drawn from in a fixed order. Modified.
         */
        ElasticField generate(double minX, double maxX, double minY, double maxY, SplittableRandom random) {
            int nx = (int) Math.ceil((maxX - minX + 2 * margin) / spacing) + 1;
            int ny = (int) Math.ceil((maxY - minY + 2 * margin) / spacing) + 1;
            float[] dx = smoothedNoise(nx, ny, random);
            float[] dy = smoothedNoise(nx, ny, random);
            return new ElasticField(minX - margin, minY - margin, spacing, nx, ny, dx, dy);
        }

        /**
         * Uniform noise on {@code (nx + 2r) × (ny + 2r)} nodes, convolved with the kernel of radius
         * {@code r} where it fits entirely (so the field is stationary up to its edges), times the gain.
         */
        private float[] smoothedNoise(int nx, int ny, SplittableRandom random) {
            int r = kernel.length / 2;
            int wide = nx + 2 * r;
            int tall = ny + 2 * r;
            float[] noise = new float[wide * tall];
            for (int i = 0; i < noise.length; i++) noise[i] = (float) (2 * random.nextDouble() - 1);
            float[] rows = new float[nx * tall];
            for (int y = 0; y < tall; y++) {
                for (int t = 0; t < kernel.length; t++) {
                    float k = kernel[t];
                    int in = y * wide + t;
                    int out = y * nx;
                    for (int x = 0; x < nx; x++) rows[out + x] += k * noise[in + x];
                }
            }
            float[] field = new float[nx * ny];
            for (int y = 0; y < ny; y++) {
                for (int t = 0; t < kernel.length; t++) {
                    float k = kernel[t] * gain;
                    int in = (y + t) * nx;
                    int out = y * nx;
                    for (int x = 0; x < nx; x++) field[out + x] += k * rows[in + x];
                }
            }
            return field;
        }
    }

    /**
     * A normalised Gaussian of standard deviation {@code sigma}, sampled at integer offsets
     * {@code −r..r} with {@code r = ceil(3σ)}: {@code k[t] ∝ exp(−(t − r)² / 2σ²)}, {@code Σk = 1}.
     */
    static float[] gaussianKernel(double sigma) {
        int r = Math.max(1, (int) Math.ceil(3 * sigma));
        float[] kernel = new float[2 * r + 1];
        double sum = 0;
        double[] raw = new double[kernel.length];
        for (int t = -r; t <= r; t++) {
            raw[t + r] = StrictMath.exp(-(t * t) / (2 * sigma * sigma));
            sum += raw[t + r];
        }
        for (int i = 0; i < kernel.length; i++) kernel[i] = (float) (raw[i] / sum);
        return kernel;
    }
}

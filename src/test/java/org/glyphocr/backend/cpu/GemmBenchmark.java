package org.glyphocr.backend.cpu;

import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_FDRM;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Measures {@link FloatGemm} and {@link VectorGemm} against EJML's {@code CommonOps_FDRM} side by side
 * in one JVM: for each shape, timed rounds alternate between the three (the order rotates every
 * round), and the table shows the median GFLOP/s of each. Not a test; run it with {@code mvn -Pbench -o test-compile exec:exec}
 * (see the {@code bench} profile in {@code pom.xml}), optionally with {@code -Dbench.args="ROUNDS
 * MILLIS"} (default 15 rounds of about 40 ms each).
 */
public final class GemmBenchmark {
    private enum Op { AB, AB_PACKED, ATB, ABT }

    /** One product: for AB, A is m×k and B k×n; for ATB, A is m×k and B m×n; for ABT, A is m×n and B k×n. */
    private record Shape(Op op, int m, int k, int n, String note) {
        double flops() {
            return 2.0 * m * k * n;
        }

        String label() {
            return switch (op) {
                case AB -> "A·B   " + m + "×" + k + " · " + k + "×" + n;
                case AB_PACKED -> "A·B   " + m + "×" + k + " · " + k + "×" + n + " packed";
                case ATB -> "Aᵀ·B  (" + m + "×" + k + ")ᵀ · " + m + "×" + n;
                case ABT -> "A·Bᵀ  " + m + "×" + n + " · (" + k + "×" + n + ")ᵀ";
            };
        }
    }

    private interface Kernel {
        void run();
    }

    private GemmBenchmark() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        long roundNanos = (args.length > 1 ? Long.parseLong(args[1]) : 40) * 1_000_000L;
        List<Shape> shapes = List.of(
                new Shape(Op.AB, 1, 400, 256, "forward, layer 1, batch 1"),
                new Shape(Op.AB_PACKED, 1, 400, 256, "predictor, layer 1, batch 1"),
                new Shape(Op.AB_PACKED, 1, 256, 10, "predictor, layer 2, batch 1"),
                new Shape(Op.AB_PACKED, 256, 400, 256, "predictor, layer 1, batch 256"),
                new Shape(Op.AB, 32, 400, 256, "forward, layer 1, batch 32"),
                new Shape(Op.AB, 64, 400, 256, "forward, layer 1, batch 64"),
                new Shape(Op.AB, 256, 400, 256, "forward, layer 1, batch 256"),
                new Shape(Op.AB, 32, 256, 10, "forward, layer 2, batch 32"),
                new Shape(Op.AB, 256, 256, 10, "forward, layer 2, batch 256"),
                new Shape(Op.ATB, 32, 400, 256, "weight gradient, layer 1, batch 32"),
                new Shape(Op.ATB, 64, 400, 256, "weight gradient, layer 1, batch 64"),
                new Shape(Op.ATB, 256, 400, 256, "weight gradient, layer 1, batch 256"),
                new Shape(Op.ATB, 32, 256, 10, "weight gradient, layer 2, batch 32"),
                new Shape(Op.ATB, 256, 256, 10, "weight gradient, layer 2, batch 256"),
                new Shape(Op.ABT, 32, 400, 256, "deltas through a 400×256 layer, batch 32"),
                new Shape(Op.ABT, 256, 400, 256, "deltas through a 400×256 layer, batch 256"),
                new Shape(Op.ABT, 32, 256, 10, "deltas, layer 2 → 1, batch 32"),
                new Shape(Op.ABT, 256, 256, 10, "deltas, layer 2 → 1, batch 256"),
                new Shape(Op.AB, 1024, 1024, 1024, "square"),
                new Shape(Op.ATB, 1024, 1024, 1024, "square"),
                new Shape(Op.ABT, 1024, 1024, 1024, "square"));

        FloatGemm scalar = new FloatGemm();
        VectorGemm vector = new VectorGemm();
        List<Kernel[]> kernels = new ArrayList<>();
        for (Shape s : shapes) kernels.add(kernelsFor(s, scalar, vector));

        // Warm up every kernel on every shape first, so that each compiles with the mix of sizes it serves.
        for (int warm = 0; warm < 3; warm++) {
            for (Kernel[] pair : kernels) for (Kernel k : pair) time(k, roundNanos / 4);
        }
        System.out.printf(Locale.ROOT, "%s %s, %d rounds of ~%d ms per implementation and shape, median GFLOP/s%n",
                System.getProperty("java.vm.name"), System.getProperty("java.version"), rounds, roundNanos / 1_000_000);
        System.out.printf(Locale.ROOT, "%-36s %8s %9s %10s %7s  %s%n", "product", "EJML", "FloatGemm", "VectorGemm", "vs EJML", "");
        for (int s = 0; s < shapes.size(); s++) {
            Shape shape = shapes.get(s);
            Kernel[] three = kernels.get(s);
            double[][] gflops = new double[three.length][rounds];
            for (int r = 0; r < rounds; r++) {
                for (int i = 0; i < three.length; i++) {
                    int which = (i + r) % three.length;
                    gflops[which][r] = shape.flops() / time(three[which], roundNanos);
                }
            }
            double ejml = median(gflops[0]);
            double scalarRate = median(gflops[1]);
            double vectorRate = median(gflops[2]);
            System.out.printf(Locale.ROOT, "%-36s %8.2f %9.2f %10.2f %6.1fx  %s%n", shape.label(), ejml, scalarRate, vectorRate,
                    vectorRate / ejml, shape.note());
        }
    }

    /** Returns the mean nanoseconds per call over repeated calls lasting about {@code nanos}. */
    private static double time(Kernel k, long nanos) {
        k.run();
        long start = System.nanoTime();
        long calls = 0;
        long now;
        do {
            k.run();
            calls++;
            now = System.nanoTime();
        } while (now - start < nanos);
        return (double) (now - start) / calls;
    }

    private static double median(double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static float[] random(int size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[size];
        for (int i = 0; i < x.length; i++) x[i] = (float) random.nextDouble(-1, 1);
        return x;
    }

    /** {EJML, then each of {@code gemms}} for one shape; each checks itself against EJML once, before timing. */
    private static Kernel[] kernelsFor(Shape s, Gemm... gemms) {
        Kernel[] kernels = new Kernel[gemms.length + 1];
        for (int g = 0; g < gemms.length; g++) {
            Kernel[] pair = kernelsFor(s, gemms[g]);
            kernels[0] = pair[0];
            kernels[g + 1] = pair[1];
        }
        return kernels;
    }

    private static Kernel[] kernelsFor(Shape s, Gemm gemm) {
        int m = s.m();
        int k = s.k();
        int n = s.n();
        Kernel ejml;
        Kernel ours;
        float[] expected;
        float[] actual;
        switch (s.op()) {
            case AB, AB_PACKED -> {
                FMatrixRMaj a = FMatrixRMaj.wrap(m, k, random(m * k, 1));
                FMatrixRMaj b = FMatrixRMaj.wrap(k, n, random(k * n, 2));
                FMatrixRMaj c = new FMatrixRMaj(m, n);
                float[] c2 = new float[m * n];
                ejml = () -> CommonOps_FDRM.mult(a, b, c);
                if (s.op() == Op.AB) {
                    ours = () -> gemm.mult(m, k, n, a.data, b.data, c2);
                } else {
                    Gemm.Packed packed = gemm.pack(k, n, b.data);
                    ours = () -> gemm.mult(m, a.data, packed, c2);
                }
                expected = c.data;
                actual = c2;
            }
            case ATB -> {
                FMatrixRMaj a = FMatrixRMaj.wrap(m, k, random(m * k, 3));
                FMatrixRMaj b = FMatrixRMaj.wrap(m, n, random(m * n, 4));
                FMatrixRMaj c = new FMatrixRMaj(k, n);
                float[] c2 = new float[k * n];
                ejml = () -> CommonOps_FDRM.multTransA(a, b, c);
                ours = () -> gemm.multTransA(m, k, n, a.data, b.data, c2);
                expected = c.data;
                actual = c2;
            }
            default -> {
                FMatrixRMaj a = FMatrixRMaj.wrap(m, n, random(m * n, 5));
                FMatrixRMaj b = FMatrixRMaj.wrap(k, n, random(k * n, 6));
                FMatrixRMaj c = new FMatrixRMaj(m, k);
                float[] c2 = new float[m * k];
                ejml = () -> CommonOps_FDRM.multTransB(a, b, c);
                ours = () -> gemm.multTransB(m, n, k, a.data, b.data, c2);
                expected = c.data;
                actual = c2;
            }
        }
        ejml.run();
        ours.run();
        int depth = s.op() == Op.ABT ? n : (s.op() == Op.ATB ? m : k);
        for (int i = 0; i < expected.length; i++) {
            if (Math.abs(expected[i] - actual[i]) > 1e-5 * depth) {
                throw new AssertionError(s.label() + ": element " + i + " is " + actual[i] + ", EJML says " + expected[i]);
            }
        }
        return new Kernel[]{ejml, ours};
    }
}

package org.glyphocr.backend.cpu;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Measures the CPU backend's matrix product, {@code C = A·B}, in GFLOP/s, for the {@code bench}
 * command. With several threads, each multiplies its own share of {@code A}'s rows by the shared
 * {@code B}, as a threaded product would.
 *
 * <pre>{@code
 * double gflops = GemmThroughput.measure(1024, 1024, 1024, 1, 5);
 * }</pre>
 */
public final class GemmThroughput {
    private static final double WARMUP_SECONDS = 1;
    private static final double ROUND_SECONDS = 0.2;

    private GemmThroughput() {
    }

    /** Which kernel the CPU backend uses in this JVM. */
    public static String kernel() {
        return Gemm.kernelName();
    }

    /**
     * The median over {@code rounds} timed rounds of {@code 2·m·k·n / seconds}, in units of 10⁹. The
     * JIT needs a while to compile the kernel: products run untimed for a second first, and each
     * round repeats the product for at least {@value #ROUND_SECONDS} s.
     */
    public static double measure(int m, int k, int n, int threads, int rounds) throws InterruptedException {
        if (m < threads || k < 1 || n < 1) throw new IllegalArgumentException("need m >= threads >= 1, k, n >= 1; was " + m + ", " + k + ", " + n);
        if (rounds < 1) throw new IllegalArgumentException("rounds must be >= 1, was " + rounds);
        SplittableRandom random = new SplittableRandom(1);
        float[] b = new float[k * n];
        for (int i = 0; i < b.length; i++) b[i] = (float) random.nextDouble(-1, 1);
        List<Runnable> shares = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int rows = m / threads + (t < m % threads ? 1 : 0);
            float[] a = new float[rows * k];
            for (int i = 0; i < a.length; i++) a[i] = (float) random.nextDouble(-1, 1);
            float[] c = new float[rows * n];
            Gemm gemm = Gemm.create();
            shares.add(() -> gemm.mult(rows, k, n, a, b, c));
        }
        ExecutorService pool = threads > 1 ? Executors.newFixedThreadPool(threads) : null;
        try {
            double[] rates = new double[rounds];
            long warmupEnd = System.nanoTime() + (long) (WARMUP_SECONDS * 1e9);
            while (System.nanoTime() < warmupEnd) runOnce(shares, pool);
            for (int r = 0; r < rounds; r++) {
                long start = System.nanoTime();
                long end = start + (long) (ROUND_SECONDS * 1e9);
                int products = 0;
                long now;
                do {
                    runOnce(shares, pool);
                    products++;
                    now = System.nanoTime();
                } while (now < end);
                rates[r] = 2.0 * m * k * n * products / ((now - start) / 1e9) / 1e9;
            }
            Arrays.sort(rates);
            return rounds % 2 == 1 ? rates[rounds / 2] : (rates[rounds / 2 - 1] + rates[rounds / 2]) / 2;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("matrix product failed", e.getCause());
        } finally {
            if (pool != null) pool.shutdownNow();
        }
    }

    private static void runOnce(List<Runnable> shares, ExecutorService pool) throws InterruptedException, java.util.concurrent.ExecutionException {
        if (pool == null) {
            shares.get(0).run();
            return;
        }
        List<Future<?>> running = new ArrayList<>();
        for (Runnable share : shares) running.add(pool.submit(share));
        for (Future<?> f : running) f.get();
    }
}

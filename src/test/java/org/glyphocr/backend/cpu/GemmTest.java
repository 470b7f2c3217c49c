package org.glyphocr.backend.cpu;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Both {@link Gemm} implementations, against double precision and against the documented bits. */
class GemmTest {
    /** Each implementation, fresh workspaces from one supplier. */
    static Stream<Named<Supplier<Gemm>>> implementations() {
        return Stream.of(Named.of("FloatGemm", FloatGemm::new), Named.of("VectorGemm", VectorGemm::new));
    }

    /** Allowed error, relative to {@code Σ_q |a_iq·b_qj|}, the scale of the rounding errors a float sum can make. */
    private static final double TOLERANCE = 1e-5;

    /**
     * {m, k, n}: for {@code A·B}, A is m×k and B k×n. Edge cases, sizes on both sides of the block
     * sizes (FloatGemm: 8 rows, 256 deep, 512 wide, groups of 4; VectorGemm: tiles of 6 rows and 16 or
     * 32 columns, 256 deep, 192 rows and 1024 columns per block), rows narrower than the vector
     * kernel, one sample, tall and skinny, and the digit network's layers.
     */
    private static final int[][] SHAPES = {
            {1, 1, 1}, {1, 1, 7}, {7, 1, 1}, {1, 7, 1}, {2, 3, 5}, {3, 5, 2}, {5, 2, 3},
            {1, 400, 256}, {1, 256, 10}, {1, 13, 600}, {4, 4, 4}, {8, 8, 8}, {9, 9, 9},
            {15, 16, 17}, {16, 15, 16}, {17, 17, 15}, {33, 255, 31}, {31, 257, 33}, {32, 259, 40},
            {7, 513, 3}, {3, 514, 7}, {40, 260, 513}, {513, 37, 41}, {600, 3, 2}, {2, 3, 600},
            {1000, 2, 1}, {1, 2, 1000}, {32, 400, 256}, {32, 256, 10}, {256, 256, 10}, {64, 300, 520},
            {6, 256, 32}, {12, 512, 64}, {5, 10, 130}, {7, 257, 33}, {193, 300, 1025}, {191, 40, 1100},
            {1, 800, 800}, {3, 19, 129},
    };

    private static float[] random(int size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[size];
        for (int i = 0; i < x.length; i++) x[i] = (float) random.nextDouble(-1, 1);
        return x;
    }

    /** {@code rows × cols} → {@code cols × rows}. */
    private static float[] transpose(float[] x, int rows, int cols) {
        float[] t = new float[x.length];
        for (int r = 0; r < rows; r++) for (int c = 0; c < cols; c++) t[c * rows + r] = x[r * cols + c];
        return t;
    }

    /** Garbage in the output, which every product must overwrite. */
    private static float[] output(int size) {
        float[] c = new float[size];
        Arrays.fill(c, Float.NaN);
        return c;
    }

    /** Checks {@code c = a·b} ({@code a} m×k, {@code b} k×n) against a double-precision triple loop. */
    private static void assertProduct(float[] a, float[] b, float[] c, int m, int k, int n, String what) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                double scale = 0;
                for (int q = 0; q < k; q++) {
                    double t = (double) a[i * k + q] * b[q * n + j];
                    sum += t;
                    scale += Math.abs(t);
                }
                double actual = c[i * n + j];
                if (!(Math.abs(actual - sum) <= TOLERANCE * scale + 1e-30)) {
                    fail(what + ": element (" + i + ", " + j + ") is " + actual + ", expected " + sum + " (scale " + scale + ")");
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void multMatchesDoublePrecision(Supplier<Gemm> implementation) {
        Gemm gemm = implementation.get();
        for (int[] s : SHAPES) {
            int m = s[0], k = s[1], n = s[2];
            float[] a = random(m * k, 1);
            float[] b = random(k * n, 2);
            float[] c = output(m * n);
            gemm.mult(m, k, n, a, b, c);
            assertProduct(a, b, c, m, k, n, "A·B " + Arrays.toString(s));
        }
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void multTransAMatchesDoublePrecision(Supplier<Gemm> implementation) {
        Gemm gemm = implementation.get();
        for (int[] s : SHAPES) {
            // C (k×n) = Aᵀ·B with A m×k and B m×n: the reduction runs over the m rows.
            int m = s[1], k = s[0], n = s[2];
            float[] a = random(m * k, 3);
            float[] b = random(m * n, 4);
            float[] c = output(k * n);
            gemm.multTransA(m, k, n, a, b, c);
            assertProduct(transpose(a, m, k), b, c, k, m, n, "Aᵀ·B " + Arrays.toString(s));
        }
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void multTransBMatchesDoublePrecision(Supplier<Gemm> implementation) {
        Gemm gemm = implementation.get();
        for (int[] s : SHAPES) {
            // C (m×k) = A·Bᵀ with A m×n and B k×n: the reduction runs over the n columns.
            int m = s[0], n = s[1], k = s[2];
            float[] a = random(m * n, 5);
            float[] b = random(k * n, 6);
            float[] c = output(m * k);
            gemm.multTransB(m, n, k, a, b, c);
            assertProduct(a, transpose(b, k, n), c, m, n, k, "A·Bᵀ " + Arrays.toString(s));
        }
    }

    /** The documented result, written as plainly as possible: one chain of fused multiply-adds in order of depth. */
    private static float[] documentedOrder(float[] a, float[] b, int m, int k, int n) {
        float[] c = new float[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float sum = 0f;
                for (int q = 0; q < k; q++) sum = Math.fma(a[i * k + q], b[q * n + j], sum);
                c[i * n + j] = sum;
            }
        }
        return c;
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void everyProductGivesTheDocumentedSumsBitForBit(Supplier<Gemm> implementation) {
        // Whatever the implementation, blocking, vector width, orientation or packing, each element is the same float.
        Gemm gemm = implementation.get();
        for (int[] s : SHAPES) {
            int m = s[0], k = s[1], n = s[2];
            float[] a = random(m * k, 7);
            float[] b = random(k * n, 8);
            float[] expected = documentedOrder(a, b, m, k, n);
            String shape = Arrays.toString(s);

            float[] c = output(m * n);
            gemm.mult(m, k, n, a, b, c);
            assertArrayEquals(expected, c, "A·B " + shape);

            c = output(m * n);
            gemm.mult(m, a, gemm.pack(k, n, b), c);
            assertArrayEquals(expected, c, "A·B, B packed, " + shape);

            c = output(m * n);
            gemm.multTransA(k, m, n, transpose(a, m, k), b, c);
            assertArrayEquals(expected, c, "(Aᵀ)ᵀ·B " + shape);

            c = output(m * n);
            gemm.multTransB(m, k, n, a, transpose(b, k, n), c);
            assertArrayEquals(expected, c, "A·(Bᵀ)ᵀ " + shape);

            // Cᵀ = Bᵀ·Aᵀ: the same products, commuted, in the same order; with m ≠ n the two
            // calls accumulate in opposite orientations.
            float[] ct = output(m * n);
            gemm.mult(n, k, m, transpose(b, k, n), transpose(a, m, k), ct);
            assertArrayEquals(expected, transpose(ct, n, m), "(Bᵀ·Aᵀ)ᵀ " + shape);
        }
    }

    /** Like a ReLU layer's outputs: {@code zeroShare} of the values 0 (some of them -0), the rest random. */
    private static float[] mostlyZero(int size, double zeroShare, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[size];
        for (int i = 0; i < x.length; i++) {
            double u = random.nextDouble();
            x[i] = u < zeroShare * 0.9 ? 0f : u < zeroShare ? -0f : (float) random.nextDouble(-1, 1);
        }
        return x;
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void inputsOfMostlyZerosGiveTheDocumentedSumsBitForBit(Supplier<Gemm> implementation) {
        // FloatGemm skips the zeros of such inputs times packed weights (accumulateNonZero); the
        // sums must not change by a bit, at every share of zeros around its threshold.
        Gemm gemm = implementation.get();
        for (double zeroShare : new double[]{0.5, 0.6, 0.7, 0.85, 0.99, 1.0}) {
            for (int[] s : SHAPES) {
                int m = s[0], k = s[1], n = s[2];
                float[] a = mostlyZero(m * k, zeroShare, 21);
                float[] b = random(k * n, 22);
                float[] c = output(m * n);
                gemm.mult(m, a, gemm.pack(k, n, b), c);
                assertArrayEquals(documentedOrder(a, b, m, k, n), c, "A·B, B packed, " + Arrays.toString(s) + ", zeros " + zeroShare);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void zerosTimesInfinitePackedWeightsStayNaN(Supplier<Gemm> implementation) {
        int m = 16, k = 300, n = 64;
        float[] a = mostlyZero(m * k, 0.9, 23);
        float[] b = random(k * n, 24);
        b[5 * n + 7] = Float.POSITIVE_INFINITY;
        float[] c = output(m * n);
        Gemm gemm = implementation.get();
        gemm.mult(m, a, gemm.pack(k, n, b), c);
        assertArrayEquals(documentedOrder(a, b, m, k, n), c);
        assertTrue(Float.isNaN(c[7]) || a[5] != 0f, "0·∞ is NaN");
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void sameInputsGiveSameBitsOnEveryCall(Supplier<Gemm> implementation) {
        int m = 70, k = 300, n = 530;
        float[] a = random(m * k, 9);
        float[] b = random(k * n, 10);
        Gemm gemm = implementation.get();
        float[] first = new float[m * n];
        gemm.mult(m, k, n, a, b, first);
        float[] again = output(m * n);
        gemm.mult(m, k, n, a, b, again);
        assertArrayEquals(first, again);

        // A workspace that has served other shapes, and a fresh one, give the same bits too.
        gemm.multTransA(n, m, 3, random(n * m, 11), random(n * 3, 12), new float[m * 3]);
        gemm.multTransB(5, 7, 2, random(35, 13), random(14, 14), new float[10]);
        float[] reused = output(m * n);
        gemm.mult(m, k, n, a, b, reused);
        assertArrayEquals(first, reused);
        float[] fresh = output(m * n);
        implementation.get().mult(m, k, n, a, b, fresh);
        assertArrayEquals(first, fresh);

        float[] at = new float[k * n];
        float[] at2 = output(k * n);
        gemm.multTransA(m, k, n, a, random(m * n, 15), at);
        gemm.multTransA(m, k, n, a, random(m * n, 15), at2);
        assertArrayEquals(at, at2);

        float[] bt = new float[m * k];
        float[] bt2 = output(m * k);
        float[] w = random(k * n, 16);
        float[] d = random(m * n, 17);
        gemm.multTransB(m, n, k, d, w, bt);
        gemm.multTransB(m, n, k, d, w, bt2);
        assertArrayEquals(bt, bt2);
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void zeroDepthGivesZeros(Supplier<Gemm> implementation) {
        float[] c = output(6);
        implementation.get().mult(2, 0, 3, new float[0], new float[0], c);
        assertArrayEquals(new float[6], c);
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void emptyOutputsLeaveArraysAlone(Supplier<Gemm> implementation) {
        float[] c = {42f};
        Gemm gemm = implementation.get();
        gemm.mult(0, 5, 3, new float[0], new float[15], c);
        gemm.multTransA(4, 0, 3, new float[0], new float[12], c);
        gemm.multTransB(3, 4, 0, new float[12], new float[0], c);
        assertEquals(42f, c[0]);
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void outputsOnlyTheirOwnElements(Supplier<Gemm> implementation) {
        // Arrays may be longer than the matrices (a session's buffers are sized for its largest batch).
        int m = 3, k = 5, n = 4;
        float[] a = Arrays.copyOf(random(m * k, 18), m * k + 7);
        float[] b = Arrays.copyOf(random(k * n, 19), k * n + 7);
        float[] c = new float[m * n + 5];
        Arrays.fill(c, 9f);
        implementation.get().mult(m, k, n, a, b, c);
        assertProduct(a, b, c, m, k, n, "A·B in longer arrays");
        for (int i = m * n; i < c.length; i++) assertEquals(9f, c[i], "element " + i + " past the product");
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void shortArraysAreRejectedWithTheirSizes(Supplier<Gemm> implementation) {
        Gemm gemm = implementation.get();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> gemm.mult(2, 3, 4, new float[6], new float[11], new float[8]));
        assertEquals("B holds 11 values, needs 3 × 4", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> gemm.multTransB(2, 3, 4, new float[6], new float[12], new float[7]));
        assertEquals("C holds 7 values, needs 2 × 4", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> gemm.multTransA(-1, 3, 4, new float[6], new float[12], new float[12]));
        assertTrue(e.getMessage().contains("-1"), e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void packedWeightsAreACopy(Supplier<Gemm> implementation) {
        int k = 3, n = 2;
        float[] b = random(k * n, 20);
        Gemm gemm = implementation.get();
        Gemm.Packed packed = gemm.pack(k, n, b);
        float[] a = random(2 * k, 21);
        float[] before = new float[2 * n];
        gemm.mult(2, a, packed, before);
        Arrays.fill(b, 0f);
        float[] after = new float[2 * n];
        gemm.mult(2, a, packed, after);
        assertArrayEquals(before, after);
    }

    @Test
    void theVectorKernelRunsInTheTests() {
        // Surefire adds jdk.incubator.vector, so the backend under test is the one users get with it.
        assertTrue(Gemm.create() instanceof VectorGemm, Gemm.kernelName());
    }
}

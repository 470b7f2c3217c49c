package org.glyphocr.backend.cpu;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class FloatGemmTest {
    /** Allowed error, relative to {@code Σ_q |a_iq·b_qj|}, the scale of the rounding errors a float sum can make. */
    private static final double TOLERANCE = 1e-5;

    /**
     * {m, k, n}: for {@code A·B}, A is m×k and B k×n. Edge cases, sizes on both sides of the block
     * sizes (8 rows, 256 deep, 512 wide, groups of 4), rows narrower than the vector kernel, one
     * sample, tall and skinny, and the digit network's layers.
     */
    private static final int[][] SHAPES = {
            {1, 1, 1}, {1, 1, 7}, {7, 1, 1}, {1, 7, 1}, {2, 3, 5}, {3, 5, 2}, {5, 2, 3},
            {1, 400, 256}, {1, 256, 10}, {1, 13, 600}, {4, 4, 4}, {8, 8, 8}, {9, 9, 9},
            {15, 16, 17}, {16, 15, 16}, {17, 17, 15}, {33, 255, 31}, {31, 257, 33}, {32, 259, 40},
            {7, 513, 3}, {3, 514, 7}, {40, 260, 513}, {513, 37, 41}, {600, 3, 2}, {2, 3, 600},
            {1000, 2, 1}, {1, 2, 1000}, {32, 400, 256}, {32, 256, 10}, {256, 256, 10}, {64, 300, 520},
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

    @Test
    void multMatchesDoublePrecision() {
        FloatGemm gemm = new FloatGemm();
        for (int[] s : SHAPES) {
            int m = s[0], k = s[1], n = s[2];
            float[] a = random(m * k, 1);
            float[] b = random(k * n, 2);
            float[] c = output(m * n);
            gemm.mult(m, k, n, a, b, c);
            assertProduct(a, b, c, m, k, n, "A·B " + Arrays.toString(s));
        }
    }

    @Test
    void multTransAMatchesDoublePrecision() {
        FloatGemm gemm = new FloatGemm();
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

    @Test
    void multTransBMatchesDoublePrecision() {
        FloatGemm gemm = new FloatGemm();
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

    /**
     * The documented order, written as plainly as possible: products in groups of {@link
     * FloatGemm#GROUP}, each group summed left to right, then added to the running sum.
     */
    private static float[] documentedOrder(float[] a, float[] b, int m, int k, int n) {
        float[] c = new float[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float sum = 0f;
                for (int q0 = 0; q0 < k; q0 += FloatGemm.GROUP) {
                    float group = a[i * k + q0] * b[q0 * n + j];
                    for (int q = q0 + 1; q < Math.min(k, q0 + FloatGemm.GROUP); q++) group += a[i * k + q] * b[q * n + j];
                    sum += group;
                }
                c[i * n + j] = sum;
            }
        }
        return c;
    }

    @Test
    void everyProductGivesTheDocumentedSumsBitForBit() {
        // Whatever the blocking, orientation or packing, each element is the same float.
        FloatGemm gemm = new FloatGemm();
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
            gemm.mult(m, a, FloatGemm.pack(k, n, b), c);
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

    @Test
    void sameInputsGiveSameBitsOnEveryCall() {
        int m = 70, k = 300, n = 530;
        float[] a = random(m * k, 9);
        float[] b = random(k * n, 10);
        FloatGemm gemm = new FloatGemm();
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
        new FloatGemm().mult(m, k, n, a, b, fresh);
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

    @Test
    void zeroDepthGivesZeros() {
        float[] c = output(6);
        new FloatGemm().mult(2, 0, 3, new float[0], new float[0], c);
        assertArrayEquals(new float[6], c);
    }

    @Test
    void emptyOutputsLeaveArraysAlone() {
        float[] c = {42f};
        FloatGemm gemm = new FloatGemm();
        gemm.mult(0, 5, 3, new float[0], new float[15], c);
        gemm.multTransA(4, 0, 3, new float[0], new float[12], c);
        gemm.multTransB(3, 4, 0, new float[12], new float[0], c);
        assertEquals(42f, c[0]);
    }

    @Test
    void outputsOnlyTheirOwnElements() {
        // Arrays may be longer than the matrices (a session's buffers are sized for its largest batch).
        int m = 3, k = 5, n = 4;
        float[] a = Arrays.copyOf(random(m * k, 18), m * k + 7);
        float[] b = Arrays.copyOf(random(k * n, 19), k * n + 7);
        float[] c = new float[m * n + 5];
        Arrays.fill(c, 9f);
        new FloatGemm().mult(m, k, n, a, b, c);
        assertProduct(a, b, c, m, k, n, "A·B in longer arrays");
        for (int i = m * n; i < c.length; i++) assertEquals(9f, c[i], "element " + i + " past the product");
    }

    @Test
    void shortArraysAreRejectedWithTheirSizes() {
        FloatGemm gemm = new FloatGemm();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> gemm.mult(2, 3, 4, new float[6], new float[11], new float[8]));
        assertEquals("B holds 11 values, needs 3 × 4", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> gemm.multTransB(2, 3, 4, new float[6], new float[12], new float[7]));
        assertEquals("C holds 7 values, needs 2 × 4", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> gemm.multTransA(-1, 3, 4, new float[6], new float[12], new float[12]));
        assertTrue(e.getMessage().contains("-1"), e.getMessage());
    }

    @Test
    void packedWeightsAreACopy() {
        int k = 3, n = 2;
        float[] b = random(k * n, 20);
        FloatGemm.Packed packed = FloatGemm.pack(k, n, b);
        float[] a = random(2 * k, 21);
        float[] before = new float[2 * n];
        FloatGemm gemm = new FloatGemm();
        gemm.mult(2, a, packed, before);
        Arrays.fill(b, 0f);
        float[] after = new float[2 * n];
        gemm.mult(2, a, packed, after);
        assertArrayEquals(before, after);
    }
}

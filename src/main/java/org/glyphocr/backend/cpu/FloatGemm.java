package org.glyphocr.backend.cpu;

import java.util.Arrays;

/**
 * {@link Gemm} in plain Java, shaped so that HotSpot's C2 compiler vectorises the inner loop; the
 * fallback where the Vector API is absent, with the same results as {@link VectorGemm}.
 *
 * <h2>How it is fast</h2>
 * Every product is reduced to one loop nest: {@code R} accumulator rows of width {@code W}, each
 * {@code acc[r][j] += Σ_q α(r,q)·panel[q][j]} over a depth {@code D}. The innermost loop runs over
 * contiguous {@code j} and chains {@value #GROUP} fused multiply-adds at a time: one load and one
 * store of the accumulator per four of them. Three things about C2 (JDK 17) shape this:
 * <ul>
 *   <li>It vectorises a loop only when every array in it is indexed by the same expression, so the
 *       accumulator and each panel row are separate {@code float[]} indexed from 0, never slices of
 *       one array at different offsets ({@code c[o + j] += x·b[p + j]} stays scalar).
 *   <li>It unrolls a loop to the vector width (16 floats with AVX-512) only if the unrolled body stays
 *       small ({@code LoopUnrollLimit}). Four products per pass fit; eight, or two accumulator rows
 *       per pass, do not, and run scalar.
 *   <li>It sizes that unrolling from the trip counts it has profiled, so rows narrower than
 *       {@value #MIN_VECTOR_WIDTH} go through a separate copy of the kernel.
 * </ul>
 * Each call of the kernel also pays a scalar prologue and epilogue (alignment and remainder), which
 * is why long rows run faster than short ones. Panels are packed (copied, or transposed where the
 * operand is read across its rows) in blocks of {@value #DEPTH_BLOCK} × {@value #COL_BLOCK} that
 * stay in L2, and {@value #ROW_BLOCK} accumulator rows reuse each group of panel rows from L1. When
 * {@code C}'s rows are short (a 10-unit output layer) and its columns are longer, the product
 * accumulates {@code Cᵀ} instead, so that the inner loop is not 10 wide.
 */
final class FloatGemm extends Gemm {
    /** Multiply-adds chained per pass over an accumulator row. */
    static final int GROUP = 4;
    /** Accumulator rows that share each group of panel rows while it is in L1. */
    private static final int ROW_BLOCK = 8;
    /** Panel width: columns of the accumulated matrix per block. */
    static final int COL_BLOCK = 512;
    /** Panel depth. */
    static final int DEPTH_BLOCK = 256;
    /** Narrower rows go through a separate copy of the kernel, so that they never shape its compilation. */
    static final int MIN_VECTOR_WIDTH = 16;
    /**
     * Rows at least this long keep {@code C}'s orientation. Accumulating {@code Cᵀ} costs a strided
     * scatter of the output (and, for {@code A·B}, a transposed copy of {@code A}), which only pays
     * when {@code C}'s own rows are too short to vectorise well.
     */
    private static final int WIDE = 64;

    /**
     * Rows of {@code alpha} with at most this share of non-zero values skip the zeros
     * ({@link #accumulateNonZero}): that reads each panel row from L2 once per accumulator row rather
     * than once per {@value #ROW_BLOCK} rows, which pays only when most terms drop out.
     */
    static final double SPARSE_SHARE = 0.35;

    private float[][] panel = new float[0][];
    private final int[] nonZeroDepths = new int[DEPTH_BLOCK];
    private final float[][] acc = new float[ROW_BLOCK][];

    /**
     * {@code B} packed: its rows split into blocks of {@link #COL_BLOCK} columns ({@code blocks[c][q]}
     * holds row {@code q}, columns {@code c·COL_BLOCK …}), and {@code B} itself, row-major, for
     * products that use the other orientation.
     */
    private record PackedRows(int k, int n, float[][][] blocks, float[] rowMajor, boolean finite) implements Packed {
    }

    @Override
    boolean simd() {
        return false;
    }

    @Override
    Packed pack(int k, int n, float[] b) {
        checkShape("B", b, k, n);
        int blockCount = (n + COL_BLOCK - 1) / COL_BLOCK;
        float[][][] blocks = new float[blockCount][k][];
        for (int c = 0; c < blockCount; c++) {
            int col0 = c * COL_BLOCK;
            int w = Math.min(COL_BLOCK, n - col0);
            for (int q = 0; q < k; q++) blocks[c][q] = Arrays.copyOfRange(b, q * n + col0, q * n + col0 + w);
        }
        boolean finite = true;
        for (float v : b) finite &= Float.isFinite(v);
        return new PackedRows(k, n, blocks, Arrays.copyOf(b, k * n), finite);
    }

    @Override
    void mult(int m, int k, int n, float[] a, float[] b, float[] c) {
        checkShape("A", a, m, k);
        checkShape("B", b, k, n);
        checkShape("C", c, m, n);
        if (keepsOrientation(n, m)) {
            // C rows: α(i,p) = a[i·k + p]; panel rows are B's rows.
            product(m, n, k, a, k, 1, b, n, false, null, false, c, n, 1);
        } else {
            // Cᵀ rows: α(j,p) = b[p·n + j]; panel rows are Aᵀ's rows.
            product(n, m, k, b, 1, n, a, k, true, null, false, c, 1, n);
        }
    }

    @Override
    void mult(int m, float[] a, Packed packed, float[] c) {
        PackedRows b = (PackedRows) packed;
        checkShape("A", a, m, b.k);
        checkShape("C", c, m, b.n);
        if (keepsOrientation(b.n, m)) {
            product(m, b.n, b.k, a, b.k, 1, null, 0, false, b.blocks, b.finite, c, b.n, 1);
        } else {
            product(b.n, m, b.k, b.rowMajor, 1, b.n, a, b.k, true, null, false, c, 1, b.n);
        }
    }

    @Override
    void multTransA(int m, int k, int n, float[] a, float[] b, float[] c) {
        checkShape("A", a, m, k);
        checkShape("B", b, m, n);
        checkShape("C", c, k, n);
        if (keepsOrientation(n, k)) {
            // C rows: α(p,i) = a[i·k + p]; panel rows are B's rows.
            product(k, n, m, a, 1, k, b, n, false, null, false, c, n, 1);
        } else {
            // Cᵀ rows: α(j,i) = b[i·n + j]; panel rows are A's rows.
            product(n, k, m, b, 1, n, a, k, false, null, false, c, 1, n);
        }
    }

    @Override
    void multTransB(int m, int n, int k, float[] a, float[] b, float[] c) {
        checkShape("A", a, m, n);
        checkShape("B", b, k, n);
        checkShape("C", c, m, k);
        if (keepsOrientation(k, m)) {
            // C rows: α(i,j) = a[i·n + j]; panel rows are Bᵀ's rows.
            product(m, k, n, a, n, 1, b, n, true, null, false, c, k, 1);
        } else {
            // Cᵀ rows: α(p,j) = b[p·n + j]; panel rows are Aᵀ's rows.
            product(k, m, n, b, n, 1, a, n, true, null, false, c, 1, k);
        }
    }

    /** Whether to accumulate {@code C} itself, whose rows are {@code width} long, rather than {@code Cᵀ}. */
    private static boolean keepsOrientation(int width, int transposedWidth) {
        return width >= WIDE || width >= transposedWidth;
    }

    /**
     * The one loop nest behind every product: {@code out(r, j) = Σ_q alpha[r·rowStride + q·depthStride]
     * · P[q][j]} for {@code r < rows}, {@code j < width}, {@code q < depth}, where {@code P} is either
     * {@code packedBlocks} or is packed here from {@code src}: row {@code q} is
     * {@code src[q·srcStride + j]}, or {@code src[j·srcStride + q]} if {@code srcTransposed}.
     * {@code out(r, j)} is {@code c[r·cRowStride + j·cColStride]}. With {@code skipZeros} (only for
     * {@code alphaDepthStride == 1} and finite {@code P}), rows of {@code alpha} that are mostly zeros
     * go through {@link #accumulateNonZero}.
     */
    private void product(int rows, int width, int depth,
                         float[] alpha, int alphaRowStride, int alphaDepthStride,
                         float[] src, int srcStride, boolean srcTransposed, float[][][] packedBlocks, boolean skipZeros,
                         float[] c, int cRowStride, int cColStride) {
        if (rows == 0 || width == 0) return;
        if (depth == 0) {
            for (int r = 0; r < rows; r++) for (int j = 0; j < width; j++) c[r * cRowStride + j * cColStride] = 0f;
            return;
        }
        boolean narrow = width < MIN_VECTOR_WIDTH;
        for (int col0 = 0; col0 < width; col0 += COL_BLOCK) {
            int w = Math.min(COL_BLOCK, width - col0);
            ensureAccumulators(Math.min(rows, ROW_BLOCK), w);
            for (int q0 = 0; q0 < depth; q0 += DEPTH_BLOCK) {
                int kc = Math.min(DEPTH_BLOCK, depth - q0);
                float[][] rowsOfP;
                int p0;
                if (packedBlocks != null) {
                    rowsOfP = packedBlocks[col0 / COL_BLOCK];
                    p0 = q0;
                } else {
                    packPanel(src, srcStride, srcTransposed, q0, kc, col0, w);
                    rowsOfP = panel;
                    p0 = 0;
                }
                for (int r0 = 0; r0 < rows; r0 += ROW_BLOCK) {
                    int r1 = Math.min(rows, r0 + ROW_BLOCK);
                    loadAccumulators(q0 == 0, c, cRowStride, cColStride, r0, r1, col0, w);
                    if (narrow) {
                        accumulateNarrow(alpha, alphaRowStride, alphaDepthStride, r0, r1, q0, kc, rowsOfP, p0, w);
                    } else if (skipZeros && mostlyZero(alpha, alphaRowStride, r0, r1, q0, kc)) {
                        accumulateNonZero(alpha, alphaRowStride, r0, r1, q0, kc, rowsOfP, p0, w);
                    } else {
                        accumulate(alpha, alphaRowStride, alphaDepthStride, r0, r1, q0, kc, rowsOfP, p0, w);
                    }
                    storeAccumulators(c, cRowStride, cColStride, r0, r1, col0, w);
                }
            }
        }
    }

    private void ensureAccumulators(int rows, int w) {
        for (int r = 0; r < rows; r++) {
            if (acc[r] == null || acc[r].length < w) acc[r] = new float[w];
        }
    }

    private void packPanel(float[] src, int stride, boolean transposed, int q0, int kc, int col0, int w) {
        if (panel.length < kc) {
            float[][] grown = Arrays.copyOf(panel, kc);
            for (int q = panel.length; q < kc; q++) grown[q] = new float[0];
            panel = grown;
        }
        for (int q = 0; q < kc; q++) if (panel[q].length < w) panel[q] = new float[w];
        if (!transposed) {
            for (int q = 0; q < kc; q++) System.arraycopy(src, (q0 + q) * stride + col0, panel[q], 0, w);
        } else {
            // Four panel rows at a time: four neighbouring reads from each source row, four
            // sequential write streams.
            int q = 0;
            for (; q + 4 <= kc; q += 4) {
                float[] p1 = panel[q];
                float[] p2 = panel[q + 1];
                float[] p3 = panel[q + 2];
                float[] p4 = panel[q + 3];
                for (int t = 0, s = col0 * stride + q0 + q; t < w; t++, s += stride) {
                    p1[t] = src[s];
                    p2[t] = src[s + 1];
                    p3[t] = src[s + 2];
                    p4[t] = src[s + 3];
                }
            }
            for (; q < kc; q++) {
                float[] p1 = panel[q];
                for (int t = 0, s = col0 * stride + q0 + q; t < w; t++, s += stride) p1[t] = src[s];
            }
        }
    }

    private void loadAccumulators(boolean zero, float[] c, int rowStride, int colStride, int r0, int r1, int col0, int w) {
        for (int r = r0; r < r1; r++) {
            float[] row = acc[r - r0];
            if (zero) {
                Arrays.fill(row, 0, w, 0f);
            } else if (colStride == 1) {
                System.arraycopy(c, r * rowStride + col0, row, 0, w);
            } else {
                for (int t = 0; t < w; t++) row[t] = c[r * rowStride + (col0 + t) * colStride];
            }
        }
    }

    private void storeAccumulators(float[] c, int rowStride, int colStride, int r0, int r1, int col0, int w) {
        if (colStride == 1) {
            for (int r = r0; r < r1; r++) System.arraycopy(acc[r - r0], 0, c, r * rowStride + col0, w);
        } else {
            for (int t = 0; t < w; t++) {
                int o = (col0 + t) * colStride;
                for (int r = r0; r < r1; r++) c[r * rowStride + o] = acc[r - r0][t];
            }
        }
    }

    /** Adds depth {@code q0 … q0+kc} of the product to accumulator rows {@code r0 … r1}. */
    private void accumulate(float[] alpha, int rowStride, int depthStride, int r0, int r1, int q0, int kc,
                            float[][] p, int p0, int w) {
        int full = kc - kc % GROUP;
        for (int g = 0; g < full; g += GROUP) {
            float[] p1 = p[p0 + g];
            float[] p2 = p[p0 + g + 1];
            float[] p3 = p[p0 + g + 2];
            float[] p4 = p[p0 + g + 3];
            int a = r0 * rowStride + (q0 + g) * depthStride;
            for (int r = r0; r < r1; r++, a += rowStride) {
                addGroup(acc[r - r0], p1, p2, p3, p4,
                        alpha[a], alpha[a + depthStride], alpha[a + 2 * depthStride], alpha[a + 3 * depthStride], w);
            }
        }
        int left = kc - full;
        if (left == 0) return;
        int a = r0 * rowStride + (q0 + full) * depthStride;
        for (int r = r0; r < r1; r++, a += rowStride) {
            float[] row = acc[r - r0];
            if (left == 1) {
                addOne(row, p[p0 + full], alpha[a], w);
            } else if (left == 2) {
                addTwo(row, p[p0 + full], p[p0 + full + 1], alpha[a], alpha[a + depthStride], w);
            } else {
                addThree(row, p[p0 + full], p[p0 + full + 1], p[p0 + full + 2],
                        alpha[a], alpha[a + depthStride], alpha[a + 2 * depthStride], w);
            }
        }
    }

    /**
     * Whether at most {@link #SPARSE_SHARE} of {@code alpha}'s values at depths {@code q0 … q0+kc} of
     * rows {@code r0 … r1} are non-zero ({@code alpha} has depth stride 1).
     */
    private static boolean mostlyZero(float[] alpha, int rowStride, int r0, int r1, int q0, int kc) {
        int nonZero = 0;
        for (int r = r0; r < r1; r++) {
            for (int q = q0, a = r * rowStride + q0; q < q0 + kc; q++, a++) if (alpha[a] != 0f) nonZero++;
        }
        return nonZero <= SPARSE_SHARE * (r1 - r0) * kc;
    }

    /**
     * {@link #accumulate} for {@code alpha} with depth stride 1 that is mostly zeros, as the outputs
     * of a ReLU layer are (85% and 78% of the two hidden layers' units of the bundled printed-Latin
     * model are 0 for a glyph): each row chains only its non-zero terms, in the same order. A fused
     * multiply-add of a zero and a finite panel value adds an exact zero, which changes no sum, so the
     * results are the same bits as {@code accumulate}'s; the panel must be finite, since 0·∞ is not 0.
     */
    private void accumulateNonZero(float[] alpha, int rowStride, int r0, int r1, int q0, int kc,
                                   float[][] p, int p0, int w) {
        for (int r = r0; r < r1; r++) {
            float[] row = acc[r - r0];
            int a = r * rowStride + q0;
            int n = 0;
            for (int q = 0; q < kc; q++) if (alpha[a + q] != 0f) nonZeroDepths[n++] = q;
            int full = n - n % GROUP;
            for (int g = 0; g < full; g += GROUP) {
                int q1 = nonZeroDepths[g];
                int q2 = nonZeroDepths[g + 1];
                int q3 = nonZeroDepths[g + 2];
                int q4 = nonZeroDepths[g + 3];
                addGroup(row, p[p0 + q1], p[p0 + q2], p[p0 + q3], p[p0 + q4], alpha[a + q1], alpha[a + q2], alpha[a + q3], alpha[a + q4], w);
            }
            int left = n - full;
            if (left == 1) {
                int q1 = nonZeroDepths[full];
                addOne(row, p[p0 + q1], alpha[a + q1], w);
            } else if (left == 2) {
                int q1 = nonZeroDepths[full];
                int q2 = nonZeroDepths[full + 1];
                addTwo(row, p[p0 + q1], p[p0 + q2], alpha[a + q1], alpha[a + q2], w);
            } else if (left == 3) {
                int q1 = nonZeroDepths[full];
                int q2 = nonZeroDepths[full + 1];
                int q3 = nonZeroDepths[full + 2];
                addThree(row, p[p0 + q1], p[p0 + q2], p[p0 + q3], alpha[a + q1], alpha[a + q2], alpha[a + q3], w);
            }
        }
    }

    // The kernels. Each is one loop in which every array is indexed by j alone; see the class comment.

    private static void addGroup(float[] acc, float[] p1, float[] p2, float[] p3, float[] p4,
                                 float x1, float x2, float x3, float x4, int w) {
        for (int j = 0; j < w; j++) acc[j] = Math.fma(x4, p4[j], Math.fma(x3, p3[j], Math.fma(x2, p2[j], Math.fma(x1, p1[j], acc[j]))));
    }

    private static void addThree(float[] acc, float[] p1, float[] p2, float[] p3, float x1, float x2, float x3, int w) {
        for (int j = 0; j < w; j++) acc[j] = Math.fma(x3, p3[j], Math.fma(x2, p2[j], Math.fma(x1, p1[j], acc[j])));
    }

    private static void addTwo(float[] acc, float[] p1, float[] p2, float x1, float x2, int w) {
        for (int j = 0; j < w; j++) acc[j] = Math.fma(x2, p2[j], Math.fma(x1, p1[j], acc[j]));
    }

    private static void addOne(float[] acc, float[] p1, float x1, int w) {
        for (int j = 0; j < w; j++) acc[j] = Math.fma(x1, p1[j], acc[j]);
    }

    /**
     * {@link #accumulate} for rows shorter than {@link #MIN_VECTOR_WIDTH}, with the same sums in the
     * same order. It is a separate copy because C2 sizes a loop's unrolling (and so its vector
     * width) from the trip counts it has seen: short rows must not teach the main kernel to expect them.
     */
    private void accumulateNarrow(float[] alpha, int rowStride, int depthStride, int r0, int r1, int q0, int kc,
                                  float[][] p, int p0, int w) {
        int full = kc - kc % GROUP;
        for (int r = r0; r < r1; r++) {
            float[] row = acc[r - r0];
            int a = r * rowStride + q0 * depthStride;
            for (int g = 0; g < full; g += GROUP, a += GROUP * depthStride) {
                float x1 = alpha[a];
                float x2 = alpha[a + depthStride];
                float x3 = alpha[a + 2 * depthStride];
                float x4 = alpha[a + 3 * depthStride];
                float[] p1 = p[p0 + g];
                float[] p2 = p[p0 + g + 1];
                float[] p3 = p[p0 + g + 2];
                float[] p4 = p[p0 + g + 3];
                for (int j = 0; j < w; j++) row[j] = Math.fma(x4, p4[j], Math.fma(x3, p3[j], Math.fma(x2, p2[j], Math.fma(x1, p1[j], row[j]))));
            }
            int left = kc - full;
            if (left == 1) {
                float x1 = alpha[a];
                float[] p1 = p[p0 + full];
                for (int j = 0; j < w; j++) row[j] = Math.fma(x1, p1[j], row[j]);
            } else if (left == 2) {
                float x1 = alpha[a];
                float x2 = alpha[a + depthStride];
                float[] p1 = p[p0 + full];
                float[] p2 = p[p0 + full + 1];
                for (int j = 0; j < w; j++) row[j] = Math.fma(x2, p2[j], Math.fma(x1, p1[j], row[j]));
            } else if (left == 3) {
                float x1 = alpha[a];
                float x2 = alpha[a + depthStride];
                float x3 = alpha[a + 2 * depthStride];
                float[] p1 = p[p0 + full];
                float[] p2 = p[p0 + full + 1];
                float[] p3 = p[p0 + full + 2];
                for (int j = 0; j < w; j++) row[j] = Math.fma(x3, p3[j], Math.fma(x2, p2[j], Math.fma(x1, p1[j], row[j])));
            }
        }
    }
}

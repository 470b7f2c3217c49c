package org.glyphocr.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

import java.util.Arrays;

/**
 * {@link Gemm} with the JDK's Vector API, laid out as in BLIS and OpenBLAS: {@code B} is packed into
 * panels two vectors wide, {@code A} into slivers of {@value #MR} rows, each contiguous along the
 * depth, and a register-blocked micro-kernel keeps an {@code MR × NR} tile of {@code C} in 16 vector
 * registers while it streams through both (each depth step: two vector loads, {@value #MR} broadcasts
 * from memory, 16 fused multiply-adds). Blocks of {@value #KC} depth × {@value #NC} columns of
 * {@code B} stay in L2, a {@code KC × NR} panel of it and a sliver of {@code A} in L1.
 *
 * <p>The tile's shape was measured, not guessed ({@code GemmBenchmark} and the {@code bench} command,
 * JDK 17, AVX-512): 8 × 2 vectors beat 6 × 2, 12 × 2, 8 × 3 and 16 × 1 on the training shapes
 * (64 × 400 × 256) and at 1024³; unrolling the depth loop by hand made C2 spill and ran at half speed.
 *
 * <p>Transposed operands cost nothing extra: the packing routines read them in either orientation.
 * Every element's sum is one chain of fused multiply-adds in order of depth, across depth blocks too
 * (a later block starts from the stored partial sum), which is the result {@link Gemm} defines.
 */
final class VectorGemm extends Gemm {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Rows of the micro-kernel's tile. */
    static final int MR = 8;
    /** Columns of the micro-kernel's tile: two vectors. */
    static final int NR = 2 * L;
    /** Depth per block. */
    static final int KC = 256;
    /** Rows of {@code A} per packed block: 32 slivers. */
    static final int MC = 32 * MR;
    /** Columns of {@code B} per packed block. */
    static final int NC = 1024;

    private float[] aPack = new float[0];
    private float[] bPack = new float[0];
    /** Panels one row of {@code A} goes through at a time, for independent chains of multiply-adds. */
    private static final int ROW_PANELS = 4;
    private final float[] tile = new float[MR * NR];
    private final float[] rowTile = new float[ROW_PANELS * NR];
    private final int[] rowPanels = new int[ROW_PANELS];

    static String describe() {
        return "Java Vector API GEMM, " + S.vectorBitSize() + "-bit";
    }

    /** {@code B} in the panels the micro-kernel reads, for every depth × column block. */
    private record PackedPanels(int k, int n, float[][] blocks) implements Packed {
    }

    @Override
    boolean simd() {
        return true;
    }

    @Override
    Packed pack(int k, int n, float[] b) {
        checkShape("B", b, k, n);
        int depthBlocks = (k + KC - 1) / KC;
        int columnBlocks = (n + NC - 1) / NC;
        float[][] blocks = new float[depthBlocks * columnBlocks][];
        for (int pc = 0, d = 0; pc < k; pc += KC, d++) {
            int kc = Math.min(KC, k - pc);
            for (int jc = 0, t = 0; jc < n; jc += NC, t++) {
                int nc = Math.min(NC, n - jc);
                float[] block = new float[kc * roundUp(nc, NR)];
                packB(b, n, false, pc, kc, jc, nc, block);
                blocks[d * columnBlocks + t] = block;
            }
        }
        return new PackedPanels(k, n, blocks);
    }

    @Override
    void mult(int m, int k, int n, float[] a, float[] b, float[] c) {
        checkShape("A", a, m, k);
        checkShape("B", b, k, n);
        checkShape("C", c, m, n);
        product(m, n, k, a, k, false, b, n, false, null, c);
    }

    @Override
    void mult(int m, float[] a, Packed packed, float[] c) {
        PackedPanels b = (PackedPanels) packed;
        checkShape("A", a, m, b.k);
        checkShape("C", c, m, b.n);
        product(m, b.n, b.k, a, b.k, false, null, 0, false, b, c);
    }

    @Override
    void multTransA(int m, int k, int n, float[] a, float[] b, float[] c) {
        checkShape("A", a, m, k);
        checkShape("B", b, m, n);
        checkShape("C", c, k, n);
        product(k, n, m, a, k, true, b, n, false, null, c);
    }

    @Override
    void multTransB(int m, int n, int k, float[] a, float[] b, float[] c) {
        checkShape("A", a, m, n);
        checkShape("B", b, k, n);
        checkShape("C", c, m, k);
        product(m, k, n, a, n, false, b, n, true, null, c);
    }

    private static int roundUp(int x, int multiple) {
        return (x + multiple - 1) / multiple * multiple;
    }

    /**
     * {@code C (rows × cols) = A (rows × depth) · B (depth × cols)}, where {@code A(i, p)} is
     * {@code a[i·lda + p]}, or {@code a[p·lda + i]} if {@code aTransposed}, and {@code B(p, j)} is
     * {@code b[p·ldb + j]}, or {@code b[j·ldb + p]} if {@code bTransposed}, or comes from {@code packed}.
     */
    private void product(int rows, int cols, int depth, float[] a, int lda, boolean aTransposed,
                         float[] b, int ldb, boolean bTransposed, PackedPanels packed, float[] c) {
        if (rows == 0 || cols == 0) return;
        if (depth == 0) {
            Arrays.fill(c, 0, rows * cols, 0f);
            return;
        }
        int columnBlocks = (cols + NC - 1) / NC;
        for (int jc = 0, t = 0; jc < cols; jc += NC, t++) {
            int nc = Math.min(NC, cols - jc);
            for (int pc = 0, d = 0; pc < depth; pc += KC, d++) {
                int kc = Math.min(KC, depth - pc);
                float[] panels;
                if (packed != null) {
                    panels = packed.blocks[d * columnBlocks + t];
                } else {
                    int size = kc * roundUp(nc, NR);
                    if (bPack.length < size) bPack = new float[Math.max(size, KC * NC)];
                    packB(b, ldb, bTransposed, pc, kc, jc, nc, bPack);
                    panels = bPack;
                }
                for (int ic = 0; ic < rows; ic += MC) {
                    int mc = Math.min(MC, rows - ic);
                    int size = kc * roundUp(mc, MR);
                    if (aPack.length < size) aPack = new float[Math.max(size, KC * MC)];
                    packA(a, lda, aTransposed, ic, mc, pc, kc, aPack);
                    boolean first = pc == 0;
                    int fullRows = mc - mc % MR;
                    for (int jr = 0; jr < nc; jr += NR) {
                        int nr = Math.min(NR, nc - jr);
                        int panel = jr * kc;
                        for (int ir = 0; ir < fullRows; ir += MR) {
                            int sliver = ir * kc;
                            int co = (ic + ir) * cols + jc + jr;
                            if (nr == NR) {
                                kernel(kc, aPack, sliver, panels, panel, c, co, cols, !first);
                            } else {
                                edge(kc, sliver, panels, panel, c, co, cols, nr, first);
                            }
                        }
                    }
                    // Rows that do not fill a sliver (all of them for a batch of one) go one at a
                    // time across up to four panels, rather than as a tile mostly of padding.
                    for (int i = fullRows; i < mc; i++) {
                        int ao = fullRows * kc + (i - fullRows);
                        for (int jr = 0; jr < nc; jr += ROW_PANELS * NR) {
                            rowEdge(kc, ao, panels, jr, Math.min(ROW_PANELS * NR, nc - jr), c, (ic + i) * cols + jc + jr, first);
                        }
                    }
                }
            }
        }
    }

    /** A tile cut by {@code C}'s right edge: computed whole in {@link #tile}, then the valid part copied. */
    private void edge(int kc, int sliver, float[] panels, int panel, float[] c, int co, int ldc, int nr, boolean first) {
        if (!first) {
            for (int r = 0; r < MR; r++) System.arraycopy(c, co + r * ldc, tile, r * NR, nr);
        }
        kernel(kc, aPack, sliver, panels, panel, tile, 0, NR, !first);
        for (int r = 0; r < MR; r++) System.arraycopy(tile, r * NR, c, co + r * ldc, nr);
    }

    /**
     * One row of {@code C}, columns {@code jr … jr+width} of the packed block ({@code width ≤
     * ROW_PANELS·NR}), through {@link #rowTile}. The row's values in the sliver are {@link #MR} apart.
     */
    private void rowEdge(int kc, int ao, float[] panels, int jr, int width, float[] c, int co, boolean first) {
        if (!first) System.arraycopy(c, co, rowTile, 0, width);
        int used = (width + NR - 1) / NR;
        // Panels past the edge repeat the last real one; their results land in rowTile and are dropped.
        for (int t = 0; t < ROW_PANELS; t++) rowPanels[t] = (jr + Math.min(t, used - 1) * NR) * kc;
        rowKernel(kc, aPack, ao, panels, rowPanels, rowTile, !first);
        System.arraycopy(rowTile, 0, c, co, width);
    }

    /** Rows {@code i0 … i0+mc} × depth {@code p0 … p0+kc} of {@code A} as slivers of {@link #MR} rows, zero-padded. */
    private static void packA(float[] a, int lda, boolean transposed, int i0, int mc, int p0, int kc, float[] out) {
        for (int s = 0; s < mc; s += MR) {
            int mr = Math.min(MR, mc - s);
            int base = s * kc;
            if (transposed) {
                for (int p = 0; p < kc; p++) {
                    int src = (p0 + p) * lda + i0 + s;
                    int dst = base + p * MR;
                    for (int r = 0; r < mr; r++) out[dst + r] = a[src + r];
                    for (int r = mr; r < MR; r++) out[dst + r] = 0f;
                }
            } else {
                for (int r = 0; r < mr; r++) {
                    int src = (i0 + s + r) * lda + p0;
                    for (int p = 0, dst = base + r; p < kc; p++, dst += MR) out[dst] = a[src + p];
                }
                for (int r = mr; r < MR; r++) {
                    for (int p = 0, dst = base + r; p < kc; p++, dst += MR) out[dst] = 0f;
                }
            }
        }
    }

    /** Depth {@code p0 … p0+kc} × columns {@code j0 … j0+nc} of {@code B} as panels {@link #NR} wide, zero-padded. */
    private static void packB(float[] b, int ldb, boolean transposed, int p0, int kc, int j0, int nc, float[] out) {
        for (int t = 0; t < nc; t += NR) {
            int nr = Math.min(NR, nc - t);
            int base = t * kc;
            if (transposed) {
                for (int j = 0; j < nr; j++) {
                    int src = (j0 + t + j) * ldb + p0;
                    for (int p = 0, dst = base + j; p < kc; p++, dst += NR) out[dst] = b[src + p];
                }
                for (int j = nr; j < NR; j++) {
                    for (int p = 0, dst = base + j; p < kc; p++, dst += NR) out[dst] = 0f;
                }
            } else {
                for (int p = 0; p < kc; p++) {
                    int dst = base + p * NR;
                    System.arraycopy(b, (p0 + p) * ldb + j0 + t, out, dst, nr);
                    if (nr < NR) Arrays.fill(out, dst + nr, dst + NR, 0f);
                }
            }
        }
    }

    /**
     * The micro-kernel: {@code C[0..MR) × [0..NR)} at {@code c[co]} (row stride {@code ldc}) plus, or
     * if not {@code accumulate} set to, the product of an {@code MR × kc} sliver and a {@code kc × NR} panel.
     */
    private static void kernel(int kc, float[] a, int ao, float[] b, int bo, float[] c, int co, int ldc, boolean accumulate) {
        FloatVector c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51, c60, c61, c70, c71;
        if (accumulate) {
            c00 = FloatVector.fromArray(S, c, co);
            c01 = FloatVector.fromArray(S, c, co + L);
            c10 = FloatVector.fromArray(S, c, co + ldc);
            c11 = FloatVector.fromArray(S, c, co + ldc + L);
            c20 = FloatVector.fromArray(S, c, co + 2 * ldc);
            c21 = FloatVector.fromArray(S, c, co + 2 * ldc + L);
            c30 = FloatVector.fromArray(S, c, co + 3 * ldc);
            c31 = FloatVector.fromArray(S, c, co + 3 * ldc + L);
            c40 = FloatVector.fromArray(S, c, co + 4 * ldc);
            c41 = FloatVector.fromArray(S, c, co + 4 * ldc + L);
            c50 = FloatVector.fromArray(S, c, co + 5 * ldc);
            c51 = FloatVector.fromArray(S, c, co + 5 * ldc + L);
            c60 = FloatVector.fromArray(S, c, co + 6 * ldc);
            c61 = FloatVector.fromArray(S, c, co + 6 * ldc + L);
            c70 = FloatVector.fromArray(S, c, co + 7 * ldc);
            c71 = FloatVector.fromArray(S, c, co + 7 * ldc + L);
        } else {
            c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = c40 = c41 = c50 = c51 = c60 = c61 = c70 = c71 = FloatVector.zero(S);
        }
        // Indices are linear in p, so that C2 hoists most range checks out of the loop.
        for (int p = 0; p < kc; p++) {
            int bp = bo + (p) * NR;
            int ap = ao + (p) * MR;
            FloatVector b0 = FloatVector.fromArray(S, b, bp);
            FloatVector b1 = FloatVector.fromArray(S, b, bp + L);
            FloatVector x = FloatVector.broadcast(S, a[ap]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, a[ap + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, a[ap + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, a[ap + 3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(S, a[ap + 4]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(S, a[ap + 5]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(S, a[ap + 6]);
            c60 = x.fma(b0, c60);
            c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(S, a[ap + 7]);
            c70 = x.fma(b0, c70);
            c71 = x.fma(b1, c71);
        }
        c00.intoArray(c, co);
        c01.intoArray(c, co + L);
        c10.intoArray(c, co + ldc);
        c11.intoArray(c, co + ldc + L);
        c20.intoArray(c, co + 2 * ldc);
        c21.intoArray(c, co + 2 * ldc + L);
        c30.intoArray(c, co + 3 * ldc);
        c31.intoArray(c, co + 3 * ldc + L);
        c40.intoArray(c, co + 4 * ldc);
        c41.intoArray(c, co + 4 * ldc + L);
        c50.intoArray(c, co + 5 * ldc);
        c51.intoArray(c, co + 5 * ldc + L);
        c60.intoArray(c, co + 6 * ldc);
        c61.intoArray(c, co + 6 * ldc + L);
        c70.intoArray(c, co + 7 * ldc);
        c71.intoArray(c, co + 7 * ldc + L);
    }

    /**
     * One row of the product across four panels: {@code c[co … co+4·NR)} plus, or if not
     * {@code accumulate} set to, the row (values {@link #MR} apart from {@code a[ao]}) times the panels
     * at {@code b0 … b3}. Eight independent chains keep the multiply-add units busy where one row's
     * two would wait on each other.
     */
    private static void rowKernel(int kc, float[] a, int ao, float[] b, int[] panels, float[] c, boolean accumulate) {
        int b0 = panels[0]; int b1 = panels[1]; int b2 = panels[2]; int b3 = panels[3];
        FloatVector s0, s1, s2, s3, s4, s5, s6, s7;
        if (accumulate) {
            s0 = FloatVector.fromArray(S, c, 0);
            s1 = FloatVector.fromArray(S, c, L);
            s2 = FloatVector.fromArray(S, c, 2 * L);
            s3 = FloatVector.fromArray(S, c, 3 * L);
            s4 = FloatVector.fromArray(S, c, 4 * L);
            s5 = FloatVector.fromArray(S, c, 5 * L);
            s6 = FloatVector.fromArray(S, c, 6 * L);
            s7 = FloatVector.fromArray(S, c, 7 * L);
        } else {
            s0 = s1 = s2 = s3 = s4 = s5 = s6 = s7 = FloatVector.zero(S);
        }
        for (int p = 0; p < kc; p++) {
            int o = p * NR;
            FloatVector x = FloatVector.broadcast(S, a[ao + p * MR]);
            s0 = x.fma(FloatVector.fromArray(S, b, b0 + o), s0);
            s1 = x.fma(FloatVector.fromArray(S, b, b0 + o + L), s1);
            s2 = x.fma(FloatVector.fromArray(S, b, b1 + o), s2);
            s3 = x.fma(FloatVector.fromArray(S, b, b1 + o + L), s3);
            s4 = x.fma(FloatVector.fromArray(S, b, b2 + o), s4);
            s5 = x.fma(FloatVector.fromArray(S, b, b2 + o + L), s5);
            s6 = x.fma(FloatVector.fromArray(S, b, b3 + o), s6);
            s7 = x.fma(FloatVector.fromArray(S, b, b3 + o + L), s7);
        }
        s0.intoArray(c, 0);
        s1.intoArray(c, L);
        s2.intoArray(c, 2 * L);
        s3.intoArray(c, 3 * L);
        s4.intoArray(c, 4 * L);
        s5.intoArray(c, 5 * L);
        s6.intoArray(c, 6 * L);
        s7.intoArray(c, 7 * L);
    }
}

package org.glyphocr.backend.cpu;

import org.glyphocr.nn.Activation;
import org.glyphocr.nn.Architecture;
import org.glyphocr.nn.Loss;

/**
 * The forward and backward passes of a dense network on row-major float32 batches, with
 * {@link Gemm}'s matrix products. Stateless; callers own every buffer, including the
 * {@code Gemm} workspace.
 */
final class DenseMath {
    private DenseMath() {
    }

    /** Layer {@code l}'s weights, as the forward pass multiplies by them. */
    interface Weights {
        /** {@code out = in·W_l} for {@code count} rows; {@code in} not modified, {@code out} modified. */
        void multiply(Gemm gemm, int l, float[] in, int count, float[] out);
    }

    /** Weights that change between calls, packed on the fly: {@code weights[l]} is {@code fanIn × units}. */
    static Weights plain(Architecture arch, float[][] weights) {
        return (gemm, l, in, count, out) -> gemm.mult(count, arch.fanIn(l), arch.layers().get(l).units(), in, weights[l], out);
    }

    /** Weights packed once, for a predictor whose parameters never change. */
    static Weights packed(Gemm.Packed[] weights) {
        return (gemm, l, in, count, out) -> gemm.mult(count, in, weights[l], out);
    }

    /**
     * Forward pass: {@code A_l = f_l(A_{l-1}·W_l + b_l)}.
     *
     * @param activations {@code [0]} holds the input batch (not modified); {@code [1..L]} receive the
     *     layers' outputs (modified), each with at least {@code count × units} values
     */
    static void forward(Architecture arch, Weights weights, float[][] biases, float[][] activations, int count, Gemm gemm) {
        for (int l = 0; l < arch.layerCount(); l++) {
            int units = arch.layers().get(l).units();
            float[] out = activations[l + 1];
            weights.multiply(gemm, l, activations[l], count, out);
            Activation activation = arch.layers().get(l).activation();
            if (gemm.simd()) {
                VectorMath.biasAndActivate(out, biases[l], count, units, activation);
            } else {
                addBias(out, biases[l], count, units);
                activation.apply(out, count, units);
            }
        }
    }

    /**
     * Forward passes over {@code count} samples in chunks of as many rows as {@code activations}
     * hold, copying each chunk's outputs out.
     *
     * @param inputs row-major {@code count × inputSize}; not modified
     * @param outputs row-major {@code count × outputSize}; modified
     */
    static void forwardInChunks(Architecture arch, Weights weights, float[][] biases, float[][] activations,
                                float[] inputs, int count, float[] outputs, Gemm gemm) {
        int in = arch.inputSize();
        int out = arch.outputSize();
        int chunk = activations[0].length / in;
        for (int start = 0; start < count; start += chunk) {
            int n = Math.min(chunk, count - start);
            System.arraycopy(inputs, start * in, activations[0], 0, n * in);
            forward(arch, weights, biases, activations, n, gemm);
            System.arraycopy(activations[arch.layerCount()], 0, outputs, start * out, n * out);
        }
    }

    private static void addBias(float[] z, float[] bias, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int o = r * cols;
            for (int j = 0; j < cols; j++) z[o + j] += bias[j];
        }
    }

    /**
     * Fills the output layer's deltas {@code ∂J/∂Z_L} for a batch whose loss is averaged, and
     * returns the batch's summed data loss and the number of correct predictions.
     *
     * @param outputs {@code count × units} activations; not modified
     * @param delta receives {@code count × units}; modified
     * @param lossAndCorrect receives {@code [summed loss, correct count]}; modified
     */
    static void outputDelta(Architecture arch, float[] outputs, int[] targets, int count, float[] delta, double[] lossAndCorrect) {
        int units = arch.outputSize();
        Activation outAct = arch.outputLayer().activation();
        Loss loss = arch.loss();
        float scale = 1f / count;
        double total = 0;
        int correct = 0;
        for (int n = 0; n < count; n++) {
            int o = n * units;
            total += loss.sampleLoss(outAct, outputs, o, units, targets[n]);
            if (arch.predictedClass(outputs, o) == targets[n]) correct++;
            loss.outputDelta(outAct, outputs, o, units, targets[n], scale, delta);
        }
        lossAndCorrect[0] = total;
        lossAndCorrect[1] = correct;
    }

    /**
     * Backward pass from the output deltas: for each layer {@code ∂J/∂W_l = A_{l-1}ᵀ·D_l + λW_l},
     * {@code ∂J/∂b_l = Σ_rows D_l}, and {@code D_{l-1} = (D_l·W_lᵀ) ⊙ f'(A_{l-1})}.
     *
     * @param weights {@code [l]} is layer {@code l}'s {@code fanIn × units} weights; not modified
     * @param activations the forward pass's activations; not modified
     * @param deltas {@code [l]} holds layer {@code l}'s deltas (index 0 unused); {@code [L-1]} must hold
     *     the output deltas; the others are modified
     * @param gradWeights receive {@code fanIn × units} per layer; modified
     * @param gradBiases receive {@code units} per layer; modified
     */
    static void backward(Architecture arch, float[][] weights, float[][] activations, float[][] deltas,
                         int count, double l2, float[][] gradWeights, float[][] gradBiases, Gemm gemm) {
        for (int l = arch.layerCount() - 1; l >= 0; l--) {
            int units = arch.layers().get(l).units();
            int fanIn = arch.fanIn(l);
            float[] delta = deltas[l];
            gemm.multTransA(count, fanIn, units, activations[l], delta, gradWeights[l]);
            if (l2 != 0) addScaled(gradWeights[l], (float) l2, weights[l], fanIn * units);
            sumRows(delta, count, units, gradBiases[l]);
            if (l == 0) break;
            float[] previous = deltas[l - 1];
            gemm.multTransB(count, units, fanIn, delta, weights[l], previous);
            arch.layers().get(l - 1).activation().multiplyByDerivative(activations[l], previous, count * fanIn);
        }
    }

    /** Partial sums of {@link #sumOfSquares}; a multiple of every vector width up to 512 bits. */
    static final int SQUARE_LANES = 16;

    /**
     * {@code Σ v²} over the first {@code n} values. Defined so that SIMD can compute it with the same
     * bits: {@value #SQUARE_LANES} float partial sums, partial {@code j} a chain of fused multiply-adds
     * over the values at {@code i ≡ j (mod 16)} below the last full group, then the partials and the
     * remaining values' squares added in double precision, in order.
     *
     * @param partial scratch of {@value #SQUARE_LANES} values; modified
     */
    static double sumOfSquares(float[] v, int n, boolean simd, float[] partial) {
        int full = n - n % SQUARE_LANES;
        java.util.Arrays.fill(partial, 0f);
        if (simd && VectorMath.SQUARE_PARTIALS_FIT) {
            VectorMath.squarePartials(v, full, partial);
        } else {
            for (int i = 0; i < full; i += SQUARE_LANES) {
                for (int j = 0; j < SQUARE_LANES; j++) partial[j] = Math.fma(v[i + j], v[i + j], partial[j]);
            }
        }
        double s = 0;
        for (float p : partial) s += p;
        for (int i = full; i < n; i++) s += (double) v[i] * v[i];
        return s;
    }

    /** {@code g += λ·w} over the first {@code n} values. */
    private static void addScaled(float[] g, float lambda, float[] w, int n) {
        for (int i = 0; i < n; i++) g[i] += lambda * w[i];
    }

    private static void sumRows(float[] m, int rows, int cols, float[] out) {
        java.util.Arrays.fill(out, 0, cols, 0f);
        for (int r = 0; r < rows; r++) {
            int o = r * cols;
            for (int j = 0; j < cols; j++) out[j] += m[o + j];
        }
    }
}

package org.glyphocr.backend.cpu;

import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_FDRM;
import org.glyphocr.nn.Activation;
import org.glyphocr.nn.Architecture;
import org.glyphocr.nn.Loss;

/**
 * The forward and backward passes of a dense network on row-major float32 batches, with EJML's
 * matrix products. Stateless; callers own every buffer.
 */
final class DenseMath {
    private DenseMath() {
    }

    /**
     * Forward pass: {@code A_l = f_l(A_{l-1}·W_l + b_l)}.
     *
     * @param activations {@code [0]} holds the input batch (not modified); {@code [1..L]} receive the
     *     layers' outputs (modified), each with at least {@code count × units} values
     */
    static void forward(Architecture arch, FMatrixRMaj[] weights, float[][] biases, FMatrixRMaj[] activations, int count) {
        for (int l = 0; l < arch.layerCount(); l++) {
            int units = arch.layers().get(l).units();
            FMatrixRMaj in = activations[l];
            in.reshape(count, arch.fanIn(l), false);
            FMatrixRMaj out = activations[l + 1];
            out.reshape(count, units, false);
            CommonOps_FDRM.mult(in, weights[l], out);
            addBias(out.data, biases[l], count, units);
            arch.layers().get(l).activation().apply(out.data, count, units);
        }
    }

    /**
     * Forward passes over {@code count} samples in chunks of as many rows as {@code activations}
     * hold, copying each chunk's outputs out.
     *
     * @param inputs row-major {@code count × inputSize}; not modified
     * @param outputs row-major {@code count × outputSize}; modified
     */
    static void forwardInChunks(Architecture arch, FMatrixRMaj[] weights, float[][] biases, FMatrixRMaj[] activations,
                                float[] inputs, int count, float[] outputs) {
        int in = arch.inputSize();
        int out = arch.outputSize();
        int chunk = activations[0].data.length / in;
        for (int start = 0; start < count; start += chunk) {
            int n = Math.min(chunk, count - start);
            System.arraycopy(inputs, start * in, activations[0].data, 0, n * in);
            forward(arch, weights, biases, activations, n);
            System.arraycopy(activations[arch.layerCount()].data, 0, outputs, start * out, n * out);
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
     * @param deltas {@code [l]} holds layer {@code l}'s deltas (index 0 unused); {@code [L-1]} must hold
     *     the output deltas; the others are modified
     */
    static void backward(Architecture arch, FMatrixRMaj[] weights, FMatrixRMaj[] activations, FMatrixRMaj[] deltas,
                         int count, double l2, FMatrixRMaj[] gradWeights, float[][] gradBiases) {
        for (int l = arch.layerCount() - 1; l >= 0; l--) {
            int units = arch.layers().get(l).units();
            FMatrixRMaj delta = deltas[l];
            delta.reshape(count, units, false);
            CommonOps_FDRM.multTransA(activations[l], delta, gradWeights[l]);
            if (l2 != 0) CommonOps_FDRM.addEquals(gradWeights[l], (float) l2, weights[l]);
            sumRows(delta.data, count, units, gradBiases[l]);
            if (l == 0) break;
            FMatrixRMaj previous = deltas[l - 1];
            previous.reshape(count, arch.fanIn(l), false);
            CommonOps_FDRM.multTransB(delta, weights[l], previous);
            arch.layers().get(l - 1).activation().multiplyByDerivative(activations[l].data, previous.data, count * arch.fanIn(l));
        }
    }

    /** {@code Σ v²} over the first {@code n} values, in double precision. */
    static double sumOfSquares(float[] v, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) s += (double) v[i] * v[i];
        return s;
    }

    private static void sumRows(float[] m, int rows, int cols, float[] out) {
        java.util.Arrays.fill(out, 0, cols, 0f);
        for (int r = 0; r < rows; r++) {
            int o = r * cols;
            for (int j = 0; j < cols; j++) out[j] += m[o + j];
        }
    }
}

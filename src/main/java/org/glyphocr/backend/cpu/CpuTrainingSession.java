package org.glyphocr.backend.cpu;

import org.glyphocr.backend.Backend;
import org.glyphocr.backend.BatchResult;
import org.glyphocr.backend.SessionState;
import org.glyphocr.backend.StepSettings;
import org.glyphocr.backend.TrainingSession;
import org.glyphocr.nn.Architecture;
import org.glyphocr.nn.Parameters;

import java.util.Arrays;

/**
 * Training state on the CPU: parameters, velocity, gradients, activations for the largest batch and
 * the matrix products' workspace, all allocated once so that the training loop allocates nothing.
 */
final class CpuTrainingSession implements TrainingSession {
    private final Architecture arch;
    private final int maxBatch;
    private final float[][] weights;
    private final float[][] biases;
    private final float[][] gradWeights;
    private final float[][] gradBiases;
    private final float[][] velocityWeights;
    private final float[][] velocityBiases;
    private final float[][] activations;
    private final float[][] deltas;
    private final double[] lossAndCorrect = new double[2];
    private final float[] squarePartials = new float[DenseMath.SQUARE_LANES];
    private final Gemm gemm;
    private final DenseMath.Weights forwardWeights;

    CpuTrainingSession(Parameters initial, int maxBatchSize) {
        this(initial, maxBatchSize, Gemm.create());
    }

    /** A session whose products use {@code gemm}, for tests that hold the two implementations to the same bits. */
    CpuTrainingSession(Parameters initial, int maxBatchSize, Gemm gemm) {
        this.gemm = gemm;
        if (maxBatchSize < 1) throw new IllegalArgumentException("maxBatchSize must be >= 1, was " + maxBatchSize);
        this.arch = initial.architecture();
        this.maxBatch = maxBatchSize;
        int layers = arch.layerCount();
        weights = new float[layers][];
        biases = new float[layers][];
        gradWeights = new float[layers][];
        gradBiases = new float[layers][];
        velocityWeights = new float[layers][];
        velocityBiases = new float[layers][];
        activations = new float[layers + 1][];
        deltas = new float[layers][];
        activations[0] = new float[maxBatch * arch.inputSize()];
        for (int l = 0; l < layers; l++) {
            int fanIn = arch.fanIn(l);
            int units = arch.layers().get(l).units();
            weights[l] = new float[fanIn * units];
            biases[l] = new float[units];
            gradWeights[l] = new float[fanIn * units];
            gradBiases[l] = new float[units];
            velocityWeights[l] = new float[fanIn * units];
            velocityBiases[l] = new float[units];
            activations[l + 1] = new float[maxBatch * units];
            deltas[l] = new float[maxBatch * units];
        }
        forwardWeights = DenseMath.plain(arch, weights);
        setParameters(initial);
    }

    @Override
    public BatchResult step(float[] inputs, int[] targets, int count, StepSettings settings) {
        BatchResult result = computeGradients(inputs, targets, count, settings.l2());
        float lr = (float) settings.learningRate();
        float mu = (float) settings.momentum();
        for (int l = 0; l < arch.layerCount(); l++) {
            update(weights[l], gradWeights[l], velocityWeights[l], lr, mu, settings.nesterov());
            update(biases[l], gradBiases[l], velocityBiases[l], lr, mu, settings.nesterov());
        }
        return result;
    }

    @Override
    public void applyGradients(float[][] gradW, float[][] gradB, StepSettings settings) {
        float lr = (float) settings.learningRate();
        float mu = (float) settings.momentum();
        for (int l = 0; l < arch.layerCount(); l++) {
            update(weights[l], gradW[l], velocityWeights[l], lr, mu, settings.nesterov());
            update(biases[l], gradB[l], velocityBiases[l], lr, mu, settings.nesterov());
        }
    }

    /** {@code v = μv + g}; {@code w -= η v} or, Nesterov, {@code w -= η (g + μv)}. */
    private void update(float[] w, float[] g, float[] v, float lr, float mu, boolean nesterov) {
        int n = v.length;
        if (gemm.simd()) {
            VectorMath.momentumStep(w, g, v, lr, mu, nesterov, n);
            return;
        }
        for (int i = 0; i < n; i++) {
            float vi = mu * v[i] + g[i];
            v[i] = vi;
            w[i] -= nesterov ? lr * (g[i] + mu * vi) : lr * vi;
        }
    }

    @Override
    public BatchResult gradients(float[] inputs, int[] targets, int count, double l2, float[][] gradW, float[][] gradB) {
        BatchResult result = computeGradients(inputs, targets, count, l2);
        for (int l = 0; l < arch.layerCount(); l++) {
            System.arraycopy(gradWeights[l], 0, gradW[l], 0, velocityWeights[l].length);
            System.arraycopy(gradBiases[l], 0, gradB[l], 0, gradBiases[l].length);
        }
        return result;
    }

    private BatchResult computeGradients(float[] inputs, int[] targets, int count, double l2) {
        TrainingSession.checkStep(targets, count, maxBatch);
        System.arraycopy(inputs, 0, activations[0], 0, count * arch.inputSize());
        DenseMath.forward(arch, forwardWeights, biases, activations, count, gemm);
        int last = arch.layerCount() - 1;
        DenseMath.outputDelta(arch, activations[last + 1], targets, count, deltas[last], lossAndCorrect);
        DenseMath.backward(arch, weights, activations, deltas, count, l2, gradWeights, gradBiases, gemm);
        double squares = 0;
        for (int l = 0; l < arch.layerCount(); l++) {
            squares += DenseMath.sumOfSquares(gradWeights[l], velocityWeights[l].length, gemm.simd(), squarePartials);
            squares += DenseMath.sumOfSquares(gradBiases[l], gradBiases[l].length, gemm.simd(), squarePartials);
        }
        return new BatchResult(lossAndCorrect[0] / count, (int) lossAndCorrect[1], count, Math.sqrt(squares));
    }

    @Override
    public void predict(float[] inputs, int count, float[] outputs) {
        Backend.checkBatch(arch, inputs, count, outputs);
        DenseMath.forwardInChunks(arch, forwardWeights, biases, activations, inputs, count, outputs, gemm);
    }

    @Override
    public Parameters parameters() {
        int layers = arch.layerCount();
        float[][] w = new float[layers][];
        for (int l = 0; l < layers; l++) w[l] = weights[l];
        return Parameters.of(arch, w, biases);
    }

    @Override
    public void setParameters(Parameters parameters) {
        if (!parameters.architecture().equals(arch)) {
            throw new IllegalArgumentException("parameters are for " + parameters.architecture() + ", session is " + arch);
        }
        for (int l = 0; l < arch.layerCount(); l++) {
            parameters.copyWeights(l, weights[l]);
            parameters.copyBiases(l, biases[l]);
        }
        resetVelocity();
    }

    @Override
    public void copyParametersTo(float[][] w, float[][] b) {
        for (int l = 0; l < arch.layerCount(); l++) {
            System.arraycopy(weights[l], 0, w[l], 0, velocityWeights[l].length);
            System.arraycopy(biases[l], 0, b[l], 0, biases[l].length);
        }
    }

    @Override
    public void loadParameters(float[][] w, float[][] b) {
        for (int l = 0; l < arch.layerCount(); l++) {
            System.arraycopy(w[l], 0, weights[l], 0, velocityWeights[l].length);
            System.arraycopy(b[l], 0, biases[l], 0, biases[l].length);
        }
    }

    @Override
    public SessionState exportState() {
        float[][] vw = new float[arch.layerCount()][];
        float[][] vb = new float[arch.layerCount()][];
        for (int l = 0; l < arch.layerCount(); l++) {
            vw[l] = velocityWeights[l].clone();
            vb[l] = velocityBiases[l].clone();
        }
        return new SessionState(parameters(), vw, vb);
    }

    @Override
    public void importState(SessionState state) {
        setParameters(state.parameters());
        for (int l = 0; l < arch.layerCount(); l++) {
            System.arraycopy(state.velocityWeights()[l], 0, velocityWeights[l], 0, velocityWeights[l].length);
            System.arraycopy(state.velocityBiases()[l], 0, velocityBiases[l], 0, velocityBiases[l].length);
        }
    }

    @Override
    public void resetVelocity() {
        for (int l = 0; l < arch.layerCount(); l++) {
            Arrays.fill(velocityWeights[l], 0f);
            Arrays.fill(velocityBiases[l], 0f);
        }
    }
}

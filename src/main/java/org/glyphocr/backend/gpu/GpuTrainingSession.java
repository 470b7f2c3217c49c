package org.glyphocr.backend.gpu;

import jcuda.Sizeof;
import jcuda.driver.CUdeviceptr;
import org.glyphocr.backend.Backend;
import org.glyphocr.backend.BatchResult;
import org.glyphocr.backend.SessionState;
import org.glyphocr.backend.StepSettings;
import org.glyphocr.backend.TrainingSession;
import org.glyphocr.nn.Activation;
import org.glyphocr.nn.Architecture;
import org.glyphocr.nn.Parameters;

/**
 * Training state on a GPU: weights, biases, velocity, gradients and the activations of the largest
 * batch stay in device memory; a step uploads the batch and its targets and downloads only the
 * per-sample losses, correctness flags and the gradient norm's partial sums. The same passes as
 * the CPU backend's {@code DenseMath}, as kernels and matrix products on one stream.
 */
final class GpuTrainingSession implements TrainingSession {
    private final Architecture arch;
    private final int maxBatch;
    private final DeviceStream gpu;
    private final CUdeviceptr[] weights;
    private final CUdeviceptr[] biases;
    private final CUdeviceptr[] gradWeights;
    private final CUdeviceptr[] gradBiases;
    private final CUdeviceptr[] velocityWeights;
    private final CUdeviceptr[] velocityBiases;
    /** {@code [0]} the input batch, {@code [l + 1]} layer {@code l}'s outputs. */
    private final CUdeviceptr[] activations;
    private final CUdeviceptr[] deltas;
    private final CUdeviceptr targets;
    private final CUdeviceptr sampleLoss;
    private final CUdeviceptr correct;
    private final double[] sampleLossHost;
    private final int[] correctHost;
    private boolean closed;

    GpuTrainingSession(GpuDevice device, Parameters initial, int maxBatchSize) {
        if (maxBatchSize < 1) throw new IllegalArgumentException("maxBatchSize must be >= 1, was " + maxBatchSize);
        this.arch = initial.architecture();
        this.maxBatch = maxBatchSize;
        this.gpu = new DeviceStream(device);
        int layers = arch.layerCount();
        weights = new CUdeviceptr[layers];
        biases = new CUdeviceptr[layers];
        gradWeights = new CUdeviceptr[layers];
        gradBiases = new CUdeviceptr[layers];
        velocityWeights = new CUdeviceptr[layers];
        velocityBiases = new CUdeviceptr[layers];
        activations = new CUdeviceptr[layers + 1];
        deltas = new CUdeviceptr[layers];
        activations[0] = gpu.allocateFloats((long) maxBatch * arch.inputSize());
        for (int l = 0; l < layers; l++) {
            long w = weightCount(l);
            int units = units(l);
            weights[l] = gpu.allocateFloats(w);
            biases[l] = gpu.allocateFloats(units);
            gradWeights[l] = gpu.allocateFloats(w);
            gradBiases[l] = gpu.allocateFloats(units);
            velocityWeights[l] = gpu.allocateFloats(w);
            velocityBiases[l] = gpu.allocateFloats(units);
            activations[l + 1] = gpu.allocateFloats((long) maxBatch * units);
            deltas[l] = gpu.allocateFloats((long) maxBatch * units);
        }
        targets = gpu.allocate((long) maxBatch * Sizeof.INT);
        sampleLoss = gpu.allocate((long) maxBatch * Sizeof.DOUBLE);
        correct = gpu.allocate((long) maxBatch * Sizeof.INT);
        sampleLossHost = new double[maxBatch];
        correctHost = new int[maxBatch];
        setParameters(initial);
    }

    private int units(int l) {
        return arch.layers().get(l).units();
    }

    private int weightCount(int l) {
        return arch.fanIn(l) * units(l);
    }

    @Override
    public BatchResult step(float[] inputs, int[] targetClasses, int count, StepSettings settings) {
        BatchResult result = computeGradients(inputs, targetClasses, count, settings.l2());
        applyDeviceGradients(settings);
        return result;
    }

    @Override
    public BatchResult gradients(float[] inputs, int[] targetClasses, int count, double l2, float[][] gradW, float[][] gradB) {
        BatchResult result = computeGradients(inputs, targetClasses, count, l2);
        for (int l = 0; l < arch.layerCount(); l++) {
            gpu.download(gradWeights[l], gradW[l], weightCount(l));
            gpu.download(gradBiases[l], gradB[l], units(l));
        }
        return result;
    }

    @Override
    public void applyGradients(float[][] gradW, float[][] gradB, StepSettings settings) {
        gpu.device().makeCurrent();
        for (int l = 0; l < arch.layerCount(); l++) {
            gpu.upload(gradW[l], weightCount(l), gradWeights[l]);
            gpu.upload(gradB[l], units(l), gradBiases[l]);
        }
        applyDeviceGradients(settings);
    }

    /** The update of {@link StepSettings} with the gradients in device memory. */
    private void applyDeviceGradients(StepSettings settings) {
        float lr = (float) settings.learningRate();
        float mu = (float) settings.momentum();
        for (int l = 0; l < arch.layerCount(); l++) {
            gpu.momentumStep(weights[l], gradWeights[l], velocityWeights[l], weightCount(l), lr, mu, settings.nesterov());
            gpu.momentumStep(biases[l], gradBiases[l], velocityBiases[l], units(l), lr, mu, settings.nesterov());
        }
    }

    private BatchResult computeGradients(float[] inputs, int[] targetClasses, int count, double l2) {
        TrainingSession.checkStep(targetClasses, count, maxBatch);
        gpu.device().makeCurrent();
        gpu.upload(inputs, count * arch.inputSize(), activations[0]);
        gpu.upload(targetClasses, count, targets);
        forward(count);
        int last = arch.layerCount() - 1;
        gpu.outputDelta(activations[last + 1], targets, count, arch.outputSize(), arch.loss(),
                arch.outputLayer().activation(), 1f / count, deltas[last], sampleLoss, correct);
        for (int l = last; l >= 0; l--) {
            int fanIn = arch.fanIn(l);
            int units = units(l);
            gpu.gemm(true, false, fanIn, units, count, activations[l], deltas[l], gradWeights[l]);
            if (l2 != 0) gpu.addScaled(gradWeights[l], (float) l2, weights[l], weightCount(l));
            gpu.columnSums(deltas[l], count, units, gradBiases[l]);
            if (l == 0) break;
            gpu.gemm(false, true, count, fanIn, units, deltas[l], weights[l], deltas[l - 1]);
            gpu.multiplyByDerivative(activations[l], deltas[l - 1], count * fanIn, arch.layers().get(l - 1).activation());
        }
        gpu.download(sampleLoss, sampleLossHost, count);
        gpu.download(correct, correctHost, count);
        double loss = 0;
        int right = 0;
        for (int i = 0; i < count; i++) {
            loss += sampleLossHost[i];
            right += correctHost[i];
        }
        double squares = 0;
        for (int l = 0; l < arch.layerCount(); l++) {
            squares += gpu.sumOfSquares(gradWeights[l], weightCount(l));
            squares += gpu.sumOfSquares(gradBiases[l], units(l));
        }
        return new BatchResult(loss / count, right, count, Math.sqrt(squares));
    }

    /** {@code A_l = f_l(A_{l-1}·W_l + b_l)} for {@code count} rows already in {@code activations[0]}. */
    private void forward(int count) {
        for (int l = 0; l < arch.layerCount(); l++) {
            int units = units(l);
            gpu.gemm(false, false, count, units, arch.fanIn(l), activations[l], weights[l], activations[l + 1]);
            Activation activation = arch.layers().get(l).activation();
            gpu.biasAndActivate(activations[l + 1], biases[l], count, units, activation);
        }
    }

    @Override
    public void predict(float[] inputs, int count, float[] outputs) {
        Backend.checkBatch(arch, inputs, count, outputs);
        gpu.device().makeCurrent();
        int in = arch.inputSize();
        int out = arch.outputSize();
        float[] chunkInputs = null;
        float[] chunkOutputs = null;
        for (int start = 0; start < count; start += maxBatch) {
            int n = Math.min(maxBatch, count - start);
            if (start == 0) {
                gpu.upload(inputs, n * in, activations[0]);
            } else {
                // Pointer.to(array) starts at index 0, so later chunks go through a copy.
                if (chunkInputs == null) chunkInputs = new float[maxBatch * in];
                System.arraycopy(inputs, start * in, chunkInputs, 0, n * in);
                gpu.upload(chunkInputs, n * in, activations[0]);
            }
            forward(n);
            if (start == 0 && count <= maxBatch) {
                gpu.download(activations[arch.layerCount()], outputs, n * out);
            } else {
                if (chunkOutputs == null) chunkOutputs = new float[maxBatch * out];
                gpu.download(activations[arch.layerCount()], chunkOutputs, n * out);
                System.arraycopy(chunkOutputs, 0, outputs, start * out, n * out);
            }
        }
    }

    /** Host arrays shaped like the weights ({@code weights}) or the biases, one per layer. */
    private float[][] perLayer(boolean weights) {
        float[][] arrays = new float[arch.layerCount()][];
        for (int l = 0; l < arrays.length; l++) arrays[l] = new float[weights ? weightCount(l) : units(l)];
        return arrays;
    }

    @Override
    public Parameters parameters() {
        float[][] w = perLayer(true);
        float[][] b = perLayer(false);
        copyParametersTo(w, b);
        return Parameters.of(arch, w, b);
    }

    @Override
    public void setParameters(Parameters parameters) {
        if (!parameters.architecture().equals(arch)) {
            throw new IllegalArgumentException("parameters are for " + parameters.architecture() + ", session is " + arch);
        }
        float[][] w = perLayer(true);
        float[][] b = perLayer(false);
        for (int l = 0; l < arch.layerCount(); l++) {
            parameters.copyWeights(l, w[l]);
            parameters.copyBiases(l, b[l]);
        }
        loadParameters(w, b);
        resetVelocity();
    }

    @Override
    public void copyParametersTo(float[][] w, float[][] b) {
        gpu.device().makeCurrent();
        for (int l = 0; l < arch.layerCount(); l++) {
            gpu.download(weights[l], w[l], weightCount(l));
            gpu.download(biases[l], b[l], units(l));
        }
    }

    @Override
    public void loadParameters(float[][] w, float[][] b) {
        gpu.device().makeCurrent();
        for (int l = 0; l < arch.layerCount(); l++) {
            gpu.upload(w[l], weightCount(l), weights[l]);
            gpu.upload(b[l], units(l), biases[l]);
        }
        gpu.synchronize();
    }

    @Override
    public SessionState exportState() {
        Parameters p = parameters();
        float[][] vw = perLayer(true);
        float[][] vb = perLayer(false);
        for (int l = 0; l < arch.layerCount(); l++) {
            gpu.download(velocityWeights[l], vw[l], weightCount(l));
            gpu.download(velocityBiases[l], vb[l], units(l));
        }
        return new SessionState(p, vw, vb);
    }

    @Override
    public void importState(SessionState state) {
        setParameters(state.parameters());
        for (int l = 0; l < arch.layerCount(); l++) {
            gpu.upload(state.velocityWeights()[l], weightCount(l), velocityWeights[l]);
            gpu.upload(state.velocityBiases()[l], units(l), velocityBiases[l]);
        }
        gpu.synchronize();
    }

    @Override
    public void resetVelocity() {
        gpu.device().makeCurrent();
        for (int l = 0; l < arch.layerCount(); l++) {
            gpu.zero(velocityWeights[l], weightCount(l));
            gpu.zero(velocityBiases[l], units(l));
        }
        gpu.synchronize();
    }

    /** Frees the device memory; harmless to call twice. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        gpu.device().makeCurrent();
        gpu.synchronize();
        for (CUdeviceptr[] group : new CUdeviceptr[][] {weights, biases, gradWeights, gradBiases, velocityWeights, velocityBiases,
                activations, deltas}) {
            for (CUdeviceptr p : group) DeviceStream.free(p);
        }
        DeviceStream.free(targets);
        DeviceStream.free(sampleLoss);
        DeviceStream.free(correct);
        gpu.close();
    }
}

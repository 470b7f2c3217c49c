package org.glyphocr.backend.cpu;

import org.ejml.data.FMatrixRMaj;
import org.glyphocr.backend.Backend;
import org.glyphocr.backend.Predictor;
import org.glyphocr.nn.Architecture;
import org.glyphocr.nn.Parameters;

/**
 * Immutable forward passes on the CPU. Each call allocates its own scratch for at most
 * {@link #CHUNK} samples at a time, so any number of threads may share one instance.
 */
final class CpuPredictor implements Predictor {
    /** Samples per forward pass: large enough for efficient products, small enough for the cache. */
    static final int CHUNK = 256;

    private final Architecture arch;
    private final FMatrixRMaj[] weights;
    private final float[][] biases;

    CpuPredictor(Parameters parameters) {
        this.arch = parameters.architecture();
        int layers = arch.layerCount();
        weights = new FMatrixRMaj[layers];
        biases = new float[layers][];
        for (int l = 0; l < layers; l++) {
            weights[l] = FMatrixRMaj.wrap(arch.fanIn(l), arch.layers().get(l).units(), parameters.weights(l));
            biases[l] = parameters.biases(l);
        }
    }

    @Override
    public Architecture architecture() {
        return arch;
    }

    @Override
    public void predict(float[] inputs, int count, float[] outputs) {
        Backend.checkBatch(arch, inputs, count, outputs);
        int chunk = Math.min(count, CHUNK);
        if (chunk == 0) return;
        FMatrixRMaj[] activations = new FMatrixRMaj[arch.layerCount() + 1];
        activations[0] = new FMatrixRMaj(chunk, arch.inputSize());
        for (int l = 0; l < arch.layerCount(); l++) activations[l + 1] = new FMatrixRMaj(chunk, arch.layers().get(l).units());
        DenseMath.forwardInChunks(arch, weights, biases, activations, inputs, count, outputs);
    }
}

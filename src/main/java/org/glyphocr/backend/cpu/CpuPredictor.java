package org.glyphocr.backend.cpu;

import org.glyphocr.backend.Backend;
import org.glyphocr.backend.Predictor;
import org.glyphocr.nn.Architecture;
import org.glyphocr.nn.Parameters;

/**
 * Immutable forward passes on the CPU. The weights are packed for {@link FloatGemm} once, here;
 * each call allocates its own scratch for at most {@link #CHUNK} samples at a time, so any number of
 * threads may share one instance.
 */
final class CpuPredictor implements Predictor {
    /** Samples per forward pass: large enough for efficient products, small enough for the cache. */
    static final int CHUNK = 256;

    private final Architecture arch;
    private final DenseMath.Weights weights;
    private final float[][] biases;

    CpuPredictor(Parameters parameters) {
        this.arch = parameters.architecture();
        int layers = arch.layerCount();
        FloatGemm.Packed[] packed = new FloatGemm.Packed[layers];
        biases = new float[layers][];
        for (int l = 0; l < layers; l++) {
            packed[l] = FloatGemm.pack(arch.fanIn(l), arch.layers().get(l).units(), parameters.weights(l));
            biases[l] = parameters.biases(l);
        }
        weights = DenseMath.packed(packed);
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
        float[][] activations = new float[arch.layerCount() + 1][];
        activations[0] = new float[chunk * arch.inputSize()];
        for (int l = 0; l < arch.layerCount(); l++) activations[l + 1] = new float[chunk * arch.layers().get(l).units()];
        DenseMath.forwardInChunks(arch, weights, biases, activations, inputs, count, outputs, new FloatGemm());
    }
}

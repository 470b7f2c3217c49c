package org.glyphocr.backend.cpu;

import org.glyphocr.backend.Backend;
import org.glyphocr.backend.Predictor;
import org.glyphocr.nn.Architecture;
import org.glyphocr.nn.Parameters;

/**
 * Immutable forward passes on the CPU. The weights are packed for {@link Gemm} once, here. Each
 * thread that calls {@link #predict} gets its own scratch (activations for {@link #CHUNK} samples and
 * a matrix-product workspace), made on its first call and reused, so any number of threads may share
 * one instance and a loop of single-glyph calls allocates nothing.
 */
final class CpuPredictor implements Predictor {
    /** Samples per forward pass: large enough for efficient products, small enough for the cache. */
    static final int CHUNK = 256;

    private final Architecture arch;
    private final DenseMath.Weights weights;
    private final float[][] biases;
    private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(this::newScratch);

    /** One thread's buffers. */
    private record Scratch(float[][] activations, Gemm gemm) {
    }

    CpuPredictor(Parameters parameters) {
        this.arch = parameters.architecture();
        int layers = arch.layerCount();
        Gemm gemm = Gemm.create();
        Gemm.Packed[] packed = new Gemm.Packed[layers];
        biases = new float[layers][];
        for (int l = 0; l < layers; l++) {
            packed[l] = gemm.pack(arch.fanIn(l), arch.layers().get(l).units(), parameters.weights(l));
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
        if (count == 0) return;
        Scratch own = scratch.get();
        DenseMath.forwardInChunks(arch, weights, biases, own.activations(), inputs, count, outputs, own.gemm());
    }

    private Scratch newScratch() {
        float[][] activations = new float[arch.layerCount() + 1][];
        activations[0] = new float[CHUNK * arch.inputSize()];
        for (int l = 0; l < arch.layerCount(); l++) activations[l + 1] = new float[CHUNK * arch.layers().get(l).units()];
        return new Scratch(activations, Gemm.create());
    }
}

package org.glyphocr.backend.cpu;

import org.glyphocr.backend.Backend;
import org.glyphocr.backend.Predictor;
import org.glyphocr.nn.Architecture;
import org.glyphocr.nn.Parameters;

import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Immutable forward passes on the CPU. The weights are packed for {@link Gemm} once, here. Each
 * call of {@link #predict} borrows a scratch (activations for {@link #CHUNK} samples and a
 * matrix-product workspace) from this predictor's pool and returns it, so any number of threads may
 * share one instance, there are never more scratches than calls at once, and a loop of single-glyph
 * calls allocates no buffers (only the pool's queue node). A pool rather than a {@code ThreadLocal}:
 * a thread-local value outlives its predictor in every thread that used it until the thread happens
 * to purge it, 2 MB each for the digits model, which a server that loads models on long-lived
 * threads would pile up.
 */
final class CpuPredictor implements Predictor {
    /** Samples per forward pass: large enough for efficient products, small enough for the cache. */
    static final int CHUNK = 256;

    private final Architecture arch;
    private final DenseMath.Weights weights;
    private final float[][] biases;
    private final ConcurrentLinkedQueue<Scratch> idle = new ConcurrentLinkedQueue<>();

    /** One call's buffers. */
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
        Scratch own = idle.poll();
        if (own == null) own = newScratch();
        try {
            DenseMath.forwardInChunks(arch, weights, biases, own.activations(), inputs, count, outputs, own.gemm());
        } finally {
            idle.offer(own);
        }
    }

    @Override
    public void close() {
        idle.clear();
    }

    private Scratch newScratch() {
        float[][] activations = new float[arch.layerCount() + 1][];
        activations[0] = new float[CHUNK * arch.inputSize()];
        for (int l = 0; l < arch.layerCount(); l++) activations[l + 1] = new float[CHUNK * arch.layers().get(l).units()];
        return new Scratch(activations, Gemm.create());
    }
}

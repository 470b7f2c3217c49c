package org.glyphocr.backend.cpu;

import org.glyphocr.backend.Backend;
import org.glyphocr.backend.Predictor;
import org.glyphocr.backend.TrainingSession;
import org.glyphocr.nn.Parameters;

/**
 * Runs networks on the CPU in float32, one thread per session or predictor call, with
 * {@link Gemm}'s row-major matrix products in Java: SIMD through the Vector API where the
 * {@code jdk.incubator.vector} module is present, plain Java elsewhere, with the same results.
 * Works everywhere the JVM does.
 */
public final class CpuBackend implements Backend {
    @Override
    public String name() {
        return "cpu";
    }

    @Override
    public String description() {
        return "cpu (" + Gemm.kernelName() + ", float32, 1 thread)";
    }

    @Override
    public Predictor predictor(Parameters parameters) {
        return new CpuPredictor(parameters);
    }

    @Override
    public TrainingSession trainingSession(Parameters initial, int maxBatchSize) {
        return new CpuTrainingSession(initial, maxBatchSize);
    }

    @Override
    public String toString() {
        return description();
    }
}

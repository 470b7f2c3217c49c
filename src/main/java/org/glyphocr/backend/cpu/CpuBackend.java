package org.glyphocr.backend.cpu;

import org.glyphocr.backend.Backend;
import org.glyphocr.backend.Predictor;
import org.glyphocr.backend.TrainingSession;
import org.glyphocr.nn.Parameters;

/**
 * Runs networks on the CPU in float32, one thread per session or predictor call, with
 * {@link FloatGemm}'s row-major matrix products in plain Java. Works everywhere the JVM does.
 */
public final class CpuBackend implements Backend {
    @Override
    public String name() {
        return "cpu";
    }

    @Override
    public String description() {
        return "cpu (Java GEMM, float32, 1 thread)";
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

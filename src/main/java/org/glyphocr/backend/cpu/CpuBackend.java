package org.glyphocr.backend.cpu;

import org.glyphocr.backend.Backend;
import org.glyphocr.backend.Predictor;
import org.glyphocr.backend.TrainingSession;
import org.glyphocr.nn.Parameters;

/**
 * Runs networks on the CPU in float32, one thread per session or predictor call, with EJML's
 * row-major matrix products. Works everywhere the JVM does.
 */
public final class CpuBackend implements Backend {
    private static final String EJML_VERSION = ejmlVersion();

    @Override
    public String name() {
        return "cpu";
    }

    @Override
    public String description() {
        return "cpu (EJML " + EJML_VERSION + ", float32, 1 thread)";
    }

    @Override
    public Predictor predictor(Parameters parameters) {
        return new CpuPredictor(parameters);
    }

    @Override
    public TrainingSession trainingSession(Parameters initial, int maxBatchSize) {
        return new CpuTrainingSession(initial, maxBatchSize);
    }

    private static String ejmlVersion() {
        String v = org.ejml.data.FMatrixRMaj.class.getPackage().getImplementationVersion();
        return v != null ? v : "0.46";
    }

    @Override
    public String toString() {
        return description();
    }
}

package org.glyphocr.backend.gpu;

import org.glyphocr.backend.Predictor;
import org.glyphocr.nn.Architecture;
import org.glyphocr.nn.Parameters;

/**
 * Forward passes on a GPU for fixed parameters, through a training session's device buffers
 * (whose gradient and velocity buffers it never touches). One call at a time uses the device;
 * concurrent callers wait their turn, which keeps it thread-safe.
 */
final class GpuPredictor implements Predictor {
    /** Rows per forward pass; larger requests go in chunks. */
    static final int CHUNK = 1024;

    private final GpuTrainingSession session;
    private final Architecture architecture;

    GpuPredictor(GpuDevice device, Parameters parameters) {
        this.architecture = parameters.architecture();
        this.session = new GpuTrainingSession(device, parameters, CHUNK);
    }

    @Override
    public Architecture architecture() {
        return architecture;
    }

    @Override
    public synchronized void predict(float[] inputs, int count, float[] outputs) {
        session.predict(inputs, count, outputs);
    }

    @Override
    public synchronized void close() {
        session.close();
    }
}

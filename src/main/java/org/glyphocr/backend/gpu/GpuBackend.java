package org.glyphocr.backend.gpu;

import org.glyphocr.backend.Backend;
import org.glyphocr.backend.Predictor;
import org.glyphocr.backend.TrainingSession;
import org.glyphocr.nn.Parameters;

/**
 * Runs networks on an NVIDIA GPU in float32 through JCuda: weights, activations and gradients stay
 * in device memory; matrix products through cuBLAS where {@code libcublas.so.12} loads, else the
 * project's own tiled SGEMM kernel; bias, activations, softmax, loss, L2 and the momentum update
 * as the project's kernels ({@code src/main/cuda/mlp.cu}). The description says which product runs
 * and why.
 */
public final class GpuBackend implements Backend {
    private final GpuDevice device;

    GpuBackend(GpuDevice device) {
        this.device = device;
    }

    @Override
    public String name() {
        return "gpu";
    }

    /** For example {@code gpu (NVIDIA H200, device 0, cuBLAS SGEMM, float32)}. */
    @Override
    public String description() {
        return "gpu (" + device.name + ", device " + device.ordinal + ", " + device.gemmPath() + ", float32)";
    }

    @Override
    public Predictor predictor(Parameters parameters) {
        return new GpuPredictor(device, parameters);
    }

    @Override
    public TrainingSession trainingSession(Parameters initial, int maxBatchSize) {
        return new GpuTrainingSession(device, initial, maxBatchSize);
    }

    @Override
    public String toString() {
        return description();
    }
}

package org.glyphocr.backend;

import org.glyphocr.nn.Parameters;

/**
 * Mutable training state on a backend: parameters, velocity and scratch buffers sized for the
 * largest batch. One thread drives a session; {@link #close()} frees native memory and is
 * idempotent.
 */
public interface TrainingSession extends AutoCloseable {
    /**
     * One SGD step: forward, loss averaged over the batch, backward, update (see {@link StepSettings}).
     *
     * @param inputs row-major {@code count × inputSize}; not modified
     * @param targets class index per sample; not modified
     * @param count samples, 1..maxBatchSize
     */
    BatchResult step(float[] inputs, int[] targets, int count, StepSettings settings);

    /**
     * Gradients of the averaged objective {@code J + (λ/2)ΣW²} without changing anything: for tests
     * and for averaging gradients across towers.
     *
     * @param gradWeights per layer, {@code fanIn × units}; modified
     * @param gradBiases per layer; modified
     * @return the batch's loss and accuracy, as {@link #step} would report
     */
    BatchResult gradients(float[] inputs, int[] targets, int count, double l2, float[][] gradWeights, float[][] gradBiases);

    /**
     * The update half of {@link #step}, with gradients computed elsewhere (by other towers, say):
     * {@code v = μv + g}, then {@code W -= η v} or {@code W -= η (g + μv)}. The gradients must already
     * include the L2 term; {@code settings.l2()} is not used.
     *
     * @param gradWeights per layer; not modified
     * @param gradBiases per layer; not modified
     */
    void applyGradients(float[][] gradWeights, float[][] gradBiases, StepSettings settings);

    /** Output activations with the session's current parameters, as {@link Predictor#predict}. */
    void predict(float[] inputs, int count, float[] outputs);

    /** A snapshot of the current parameters. */
    Parameters parameters();

    /** Replaces the parameters (copied) and zeroes the velocity, as after a restore. */
    void setParameters(Parameters parameters);

    /** Zeroes the momentum velocity. */
    void resetVelocity();

    /**
     * Copies the current weights and biases into the given arrays without allocating: the hot path
     * of keeping towers in step.
     *
     * @param weights per layer, modified
     * @param biases per layer, modified
     */
    void copyParametersTo(float[][] weights, float[][] biases);

    /** Replaces the weights and biases from the given arrays (not modified), keeping the velocity. */
    void loadParameters(float[][] weights, float[][] biases);

    /** Parameters and velocity, copied, to continue later with {@link #importState}. */
    SessionState exportState();

    /** Replaces parameters and velocity (copied). */
    void importState(SessionState state);

    @Override
    default void close() {
    }

    /**
     * Checks the arguments shared by every implementation of {@link #step} and {@link #gradients}.
     *
     * @throws IllegalArgumentException if {@code count} is outside {@code 1..maxBatchSize} or there are fewer targets
     */
    static void checkStep(int[] targets, int count, int maxBatchSize) {
        if (count < 1 || count > maxBatchSize) {
            throw new IllegalArgumentException("batch count must be in 1.." + maxBatchSize + ", was " + count);
        }
        if (targets.length < count) throw new IllegalArgumentException("targets hold " + targets.length + " values, need " + count);
    }
}

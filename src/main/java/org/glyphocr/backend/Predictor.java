package org.glyphocr.backend;

import org.glyphocr.nn.Architecture;

/**
 * Forward passes with fixed parameters. Implementations are immutable and thread-safe, and
 * {@link #close()} (for backends holding native memory) is idempotent.
 */
public interface Predictor extends AutoCloseable {
    Architecture architecture();

    /**
     * Output activations for {@code count} samples.
     *
     * @param inputs row-major {@code count × inputSize}; not modified
     * @param outputs row-major {@code count × outputSize}; modified
     */
    void predict(float[] inputs, int count, float[] outputs);

    @Override
    default void close() {
    }
}

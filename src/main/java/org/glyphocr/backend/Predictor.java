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

    /**
     * The fraction of {@code targets.length} samples whose most probable class is their target.
     *
     * @param inputs row-major {@code targets.length × inputSize}; not modified
     */
    default double accuracy(float[] inputs, int[] targets) {
        if (targets.length == 0) return Double.NaN;
        Architecture arch = architecture();
        int units = arch.outputSize();
        float[] outputs = new float[targets.length * units];
        predict(inputs, targets.length, outputs);
        int correct = 0;
        for (int i = 0; i < targets.length; i++) if (arch.predictedClass(outputs, i * units) == targets[i]) correct++;
        return (double) correct / targets.length;
    }

    @Override
    default void close() {
    }
}

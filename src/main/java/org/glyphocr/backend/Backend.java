package org.glyphocr.backend;

import org.glyphocr.nn.Architecture;
import org.glyphocr.nn.Parameters;

/**
 * Runs a whole dense network on some hardware: batched inference through {@link Predictor}s and
 * training steps (forward, backward and update on a batch) through {@link TrainingSession}s.
 *
 * <p>The boundary sits at "a step on a batch" rather than at single matrix operations so that an
 * implementation can fuse bias, activation and update, keep weights resident (on a GPU, for a whole
 * epoch) and avoid a call per operation. Obtain one from {@link Backends}.
 */
public interface Backend {
    /** Short name used on the command line: {@code cpu}, {@code gpu}. */
    String name();

    /** One line for logs and {@code --json}, e.g. {@code cpu (Java GEMM, float32, 1 thread)}. */
    String description();

    /**
     * A predictor for fixed parameters. Thread-safe: many threads may call it at once.
     *
     * @param parameters copied by the predictor; later changes elsewhere do not affect it
     */
    Predictor predictor(Parameters parameters);

    /**
     * A training session that owns a private, mutable copy of the parameters and its velocity.
     * Not thread-safe: one thread drives it.
     *
     * @param initial starting parameters, copied
     * @param maxBatchSize largest batch that will be passed to {@link TrainingSession#step}
     */
    TrainingSession trainingSession(Parameters initial, int maxBatchSize);

    /** Checks the arguments shared by every implementation of {@link Predictor#predict}. */
    static void checkBatch(Architecture architecture, float[] inputs, int count, float[] outputs) {
        if (count < 0) throw new IllegalArgumentException("count must be >= 0, was " + count);
        long needIn = (long) count * architecture.inputSize();
        long needOut = (long) count * architecture.outputSize();
        if (inputs.length < needIn) {
            throw new IllegalArgumentException("inputs hold " + inputs.length + " values, need " + needIn + " for " + count + " samples");
        }
        if (outputs.length < needOut) {
            throw new IllegalArgumentException("outputs hold " + outputs.length + " values, need " + needOut + " for " + count + " samples");
        }
    }
}

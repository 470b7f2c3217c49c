package org.glyphocr.nn;

import java.util.Locale;

/**
 * The error a network minimises, per sample, given its output activations {@code p} and the
 * one-hot target {@code y} of the true class. The training objective is the mean over the batch.
 *
 * <ul>
 *   <li>{@link #CROSS_ENTROPY}: with a softmax output {@code -Σ y_j ln p_j}; with sigmoid outputs
 *       (each unit a yes/no question, or a single unit for two classes)
 *       {@code -Σ [y_j ln p_j + (1-y_j) ln(1-p_j)]}. Either way {@code ∂L/∂z = p - y}.
 *   <li>{@link #SUM_OF_SQUARES}: {@code ½ Σ (p_j - y_j)²}, the error of the original design.
 * </ul>
 */
public enum Loss {
    CROSS_ENTROPY,
    SUM_OF_SQUARES;

    /** Keeps {@code ln} finite when an output saturates at exactly 0 or 1 in float32. */
    private static final double LOG_FLOOR = 1e-12;

    /**
     * The loss of one sample.
     *
     * @param output the output activations, {@code units} values from {@code offset}; not modified
     * @param target the class index; for a single sigmoid unit, 0 or 1
     */
    public double sampleLoss(Activation outputActivation, float[] output, int offset, int units, int target) {
        double loss = 0;
        for (int j = 0; j < units; j++) {
            double p = output[offset + j];
            double y = targetValue(units, j, target);
            loss += sampleTerm(outputActivation, p, y);
        }
        return loss;
    }

    /** One unit's contribution to the loss, in double precision. */
    public double sampleTerm(Activation outputActivation, double p, double y) {
        if (this == SUM_OF_SQUARES) return 0.5 * (p - y) * (p - y);
        if (outputActivation == Activation.SOFTMAX) return y > 0 ? -y * StrictMath.log(Math.max(p, LOG_FLOOR)) : 0;
        return -(y * StrictMath.log(Math.max(p, LOG_FLOOR)) + (1 - y) * StrictMath.log(Math.max(1 - p, LOG_FLOOR)));
    }

    /**
     * The one-hot target of unit {@code j}: for a single output unit the target is the class index
     * itself (0 or 1), otherwise 1 for the true class and 0 elsewhere.
     */
    public static double targetValue(int units, int j, int target) {
        if (units == 1) return target;
        return j == target ? 1 : 0;
    }

    /**
     * Writes {@code ∂L/∂z} of the output layer for one sample, scaled by {@code scale} (the
     * {@code 1/batch} of the averaged loss).
     *
     * @param output activations {@code p}; not modified
     * @param delta receives {@code scale · ∂L/∂z}; modified
     */
    public void outputDelta(Activation outputActivation, float[] output, int offset, int units, int target,
                            float scale, float[] delta) {
        if (this == CROSS_ENTROPY) {
            // Softmax with cross-entropy and sigmoid with binary cross-entropy share the same gradient.
            for (int j = 0; j < units; j++) {
                float y = (float) targetValue(units, j, target);
                delta[offset + j] = scale * (output[offset + j] - y);
            }
            return;
        }
        // Sum of squares: g = p - y, then through the output activation's Jacobian.
        switch (outputActivation) {
            case SOFTMAX -> {
                double dot = 0;
                for (int j = 0; j < units; j++) {
                    double p = output[offset + j];
                    dot += (p - targetValue(units, j, target)) * p;
                }
                for (int j = 0; j < units; j++) {
                    double p = output[offset + j];
                    double g = p - targetValue(units, j, target);
                    delta[offset + j] = (float) (scale * p * (g - dot));
                }
            }
            case SIGMOID, TANH, RELU -> {
                for (int j = 0; j < units; j++) {
                    double p = output[offset + j];
                    double g = p - targetValue(units, j, target);
                    delta[offset + j] = (float) (scale * g * outputActivation.derivativeFromOutput(p));
                }
            }
        }
    }

    /** The lower-case name used in model files and on the command line. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * Parses {@link #id()}.
     *
     * @throws IllegalArgumentException naming the value and the accepted ones
     */
    public static Loss fromId(String id) {
        for (Loss l : values()) if (l.id().equals(id)) return l;
        throw new IllegalArgumentException("loss must be one of cross-entropy, sum-of-squares, was '" + id + "'");
    }
}

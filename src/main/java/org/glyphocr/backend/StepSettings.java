package org.glyphocr.backend;

/**
 * The hyperparameters of one SGD step.
 *
 * <p>Update rule (the formulation PyTorch uses, with the velocity kept in gradient units so that a
 * change of learning rate takes effect at once): {@code g = ∇J + λW; v = μv + g;}
 * then {@code W -= η v} (classical) or {@code W -= η (g + μv)} (Nesterov). Biases get the same
 * update without the L2 term.
 *
 * @param learningRate {@code η > 0}
 * @param momentum {@code μ} in [0, 1)
 * @param nesterov Nesterov's look-ahead instead of classical momentum
 * @param l2 {@code λ >= 0}, weight decay on weights (not biases)
 */
public record StepSettings(double learningRate, double momentum, boolean nesterov, double l2) {
    public StepSettings {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learningRate must be > 0 and finite, was " + learningRate);
        }
        if (!(momentum >= 0 && momentum < 1)) throw new IllegalArgumentException("momentum must be in [0, 1), was " + momentum);
        if (!(l2 >= 0) || Double.isInfinite(l2)) throw new IllegalArgumentException("l2 must be >= 0 and finite, was " + l2);
    }
}

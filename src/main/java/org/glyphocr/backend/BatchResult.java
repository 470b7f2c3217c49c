package org.glyphocr.backend;

/**
 * What one training step saw, computed during its forward pass (before the update).
 *
 * @param meanLoss the data loss averaged over the batch (without the L2 term); NaN or infinite
 *     when training diverged
 * @param correct samples whose highest output was the target class
 * @param count samples in the batch
 * @param gradientNorm the Euclidean norm of the whole gradient (weights and biases, L2 term
 *     included) that the step applied; a measure of how far from a minimum training is
 */
public record BatchResult(double meanLoss, int correct, int count, double gradientNorm) {
}

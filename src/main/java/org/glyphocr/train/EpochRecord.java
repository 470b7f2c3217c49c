package org.glyphocr.train;

/**
 * What one epoch did.
 *
 * @param epoch 1-based
 * @param meanLoss the training loss averaged over the epoch's batches (NaN if it diverged)
 * @param trainAccuracy fraction of the epoch's training samples predicted right during the epoch
 * @param validationAccuracy after the epoch, on the validation split (NaN without one, or if halved)
 * @param learningRate the rate the epoch ran with
 * @param halved whether the epoch diverged and was undone, halving the learning rate
 * @param seconds wall-clock time of the epoch
 */
public record EpochRecord(int epoch, double meanLoss, double trainAccuracy, double validationAccuracy,
                          double learningRate, boolean halved, double seconds) {
}

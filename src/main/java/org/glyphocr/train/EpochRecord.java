package org.glyphocr.train;

/**
 * What one epoch did.
 *
 * @param epoch 1-based
 * @param steps SGD steps taken since training began, at the end of this epoch (counting the steps
 *     of epochs that were undone); the x position of the epoch on a chart of batch losses
 * @param meanLoss the training loss averaged over the epoch's batches (NaN if it diverged)
 * @param trainAccuracy fraction of the epoch's training samples predicted right during the epoch
 * @param validationAccuracy after the epoch, on the validation split (NaN without one, or if halved)
 * @param learningRate the rate the epoch ran with (at its last step, under a schedule)
 * @param halved whether the epoch diverged and was undone, halving the learning rate
 * @param seconds wall-clock time of the epoch
 */
public record EpochRecord(int epoch, long steps, double meanLoss, double trainAccuracy, double validationAccuracy,
                          double learningRate, boolean halved, double seconds) {
}

package org.glyphocr.train;

/**
 * Where a training run stands after an epoch: what a host app shows in its progress display.
 *
 * @param last the epoch that just ended (also one that diverged and was undone)
 * @param goodEpochs epochs that counted so far (undone ones do not)
 * @param maxEpochs the epochs the run is set to count at most
 * @param halvings how often the learning rate has been halved so far
 * @param bestValidationAccuracy the best validation accuracy so far (the training accuracy when
 *     there is no validation split); NaN before the first good epoch
 * @param backend where training runs, e.g. {@code cpu (Java Vector API GEMM, 512-bit, float32, 1 thread)}
 * @param elapsedSeconds wall-clock time of training so far, across resumes
 * @param etaSeconds the time the remaining epochs will take at the mean pace so far: an upper
 *     bound, since early stopping may end the run sooner; 0 when the run is stopping, NaN before
 *     the first good epoch
 */
public record TrainingProgress(EpochRecord last, int goodEpochs, int maxEpochs, int halvings, double bestValidationAccuracy,
                               String backend, double elapsedSeconds, double etaSeconds) {
}

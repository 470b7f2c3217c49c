package org.glyphocr.train;

import org.glyphocr.backend.SessionState;
import org.glyphocr.nn.Parameters;

import java.util.List;
import java.util.Map;

/**
 * Everything an unfinished training run needs to continue as if it had never stopped, written at
 * the end of every epoch by {@link CheckpointFile}. The random streams need no saving: shuffling
 * and augmentation draw from generators derived from the seed, the epoch and the sample.
 *
 * @param settings the trainer settings ({@link TrainerConfig#toMap()}) of the run, to refuse
 *     resuming with others
 * @param dataSha256 the training data's hash, likewise
 * @param epochsDone epochs finished (undone ones included)
 * @param baseLearningRate the rate after halvings, before schedule and batch scaling
 * @param initialLoss the untrained network's loss, the reference after a restart
 * @param referenceLoss the lowest epoch loss since the last halving, the reference for divergence
 * @param goodLosses the mean loss of every good epoch since the start or the last restart
 * @param bestScore best validation accuracy so far (training accuracy without a validation split)
 * @param sinceBest good epochs since the best one
 * @param plateauLoss the lowest epoch loss that counted as progress, for plateau halving
 * @param sincePlateau good epochs since the loss last made progress
 * @param steps SGD steps taken so far
 * @param stepSamples samples processed by those steps
 * @param stepNanos time spent in them
 * @param elapsedSeconds wall-clock training time so far
 * @param batchLosses the mean loss of every step so far, for the chart
 * @param session parameters and momentum now
 * @param lastGood parameters of the last good epoch, restored when an epoch diverges
 * @param best parameters of the best validation epoch, returned at the end
 */
record Checkpoint(Map<String, String> settings, String dataSha256, int epochsDone, double baseLearningRate,
                  double momentum, double l2, int halvings, double initialLoss, double referenceLoss, List<Double> goodLosses, double bestScore, int sinceBest,
                  double plateauLoss, int sincePlateau, boolean anyGood, long steps, long stepSamples, long stepNanos, double elapsedSeconds,
                  List<EpochRecord> history, float[] batchLosses, SessionState session, Parameters lastGood,
                  Parameters best) {
}

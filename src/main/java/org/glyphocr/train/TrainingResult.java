package org.glyphocr.train;

import org.glyphocr.model.Model;

import java.util.List;

/**
 * A finished training run.
 *
 * @param model the trained model; its {@link org.glyphocr.model.Provenance} holds the summary
 * @param history one record per epoch, halved ones included
 * @param samplesPerSecond training samples processed per second of training steps
 * @param batchLosses the mean loss of every step, in order (for the training chart)
 */
public record TrainingResult(Model model, List<EpochRecord> history, double samplesPerSecond, float[] batchLosses) {
    public TrainingResult {
        history = List.copyOf(history);
    }
}

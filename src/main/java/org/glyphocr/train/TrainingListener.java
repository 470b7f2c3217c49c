package org.glyphocr.train;

/**
 * Receives training progress; a host app implements it to show progress in its own UI. Called on
 * the training thread, so keep it quick. Every method has an empty default.
 */
public interface TrainingListener {
    /** Listens to nothing. */
    TrainingListener NONE = new TrainingListener() {
    };

    /** Training starts (or resumes, after {@code epochsDone} epochs): the backend's description and the split sizes. */
    default void onStart(String backend, int trainSamples, int validationSamples, int testSamples, int epochsDone) {
    }

    /**
     * A step finished.
     *
     * @param epoch 1-based
     * @param batch 1-based index of the step within the epoch
     * @param batches steps in this epoch
     * @param loss the batch's mean loss
     * @param learningRate the rate the step used
     */
    default void onBatch(int epoch, int batch, int batches, double loss, double learningRate) {
    }

    /** An epoch ended (also a diverged one, with {@code halved} set). */
    default void onEpoch(EpochRecord record) {
    }

    /**
     * The loss diverged; the last good weights were restored and the rate halved.
     *
     * @param reason e.g. {@code loss 4.1 rose more than 10% above 2.3}
     */
    default void onHalving(int epoch, double newLearningRate, String reason) {
    }
}

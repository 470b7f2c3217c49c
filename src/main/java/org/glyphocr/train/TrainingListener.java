package org.glyphocr.train;

/**
 * Receives training progress; a host app implements it to show progress in its own UI. Called on
 * the training thread, so keep it quick. Every method has an empty default.
 */
public interface TrainingListener {
    /** Listens to nothing. */
    TrainingListener NONE = new TrainingListener() {
    };

    /** Training starts: the backend's description and the split sizes. */
    default void onStart(String backend, int trainSamples, int validationSamples, int testSamples) {
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

package org.glyphocr.train;

/**
 * Receives training progress, and lets a host app cancel training; it implements this to show
 * progress in its own UI. Called on the training thread, so keep it quick. Every method has an
 * empty default.
 *
 * <pre>{@code
 * AtomicBoolean cancel = new AtomicBoolean();          // set from the UI's Cancel button
 * TrainingListener listener = new TrainingListener() {
 *     public void onProgress(TrainingProgress p) {
 *         ui.show(p.goodEpochs(), p.maxEpochs(), p.last().meanLoss(), p.etaSeconds());
 *     }
 *     public boolean stopRequested() {
 *         return cancel.get();
 *     }
 * };
 * TrainingResult result = new SgdTrainer(config).train(data, listener); // the best epoch so far if cancelled
 * }</pre>
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

    /** After every epoch, with {@link #onEpoch}: the run's progress, the best accuracy so far and the time left. */
    default void onProgress(TrainingProgress progress) {
    }

    /**
     * Asked after every step: return true to stop training. The unfinished epoch is dropped and
     * training returns the best epoch so far with the stop reason {@code cancelled} (or throws
     * {@link TrainingCancelledException} if none has finished). Interrupting the training thread
     * does the same.
     */
    default boolean stopRequested() {
        return false;
    }

    /**
     * One listener that passes every event to each of {@code listeners}, in order, and asks to stop
     * when any of them does.
     */
    static TrainingListener all(TrainingListener... listeners) {
        TrainingListener[] each = listeners.clone();
        return new TrainingListener() {
            @Override
            public void onStart(String backend, int trainSamples, int validationSamples, int testSamples, int epochsDone) {
                for (TrainingListener l : each) l.onStart(backend, trainSamples, validationSamples, testSamples, epochsDone);
            }

            @Override
            public void onBatch(int epoch, int batch, int batches, double loss, double learningRate) {
                for (TrainingListener l : each) l.onBatch(epoch, batch, batches, loss, learningRate);
            }

            @Override
            public void onEpoch(EpochRecord record) {
                for (TrainingListener l : each) l.onEpoch(record);
            }

            @Override
            public void onHalving(int epoch, double newLearningRate, String reason) {
                for (TrainingListener l : each) l.onHalving(epoch, newLearningRate, reason);
            }

            @Override
            public void onProgress(TrainingProgress progress) {
                for (TrainingListener l : each) l.onProgress(progress);
            }

            @Override
            public boolean stopRequested() {
                for (TrainingListener l : each) if (l.stopRequested()) return true;
                return false;
            }
        };
    }
}

package org.glyphocr.train;

/**
 * Training was cancelled ({@link TrainingListener#stopRequested()} or an interrupt of the training
 * thread) before any epoch finished, so there is no model to return. Cancelled later, training
 * returns the best epoch so far instead, with the stop reason {@code cancelled}.
 */
public class TrainingCancelledException extends RuntimeException {
    public TrainingCancelledException(String message) {
        super(message);
    }
}

package org.glyphocr.train;

/**
 * Training never produced a usable epoch: every attempt diverged until the learning rate fell
 * under its floor. The message says where, e.g.
 * {@code loss is NaN at epoch 3, batch 17 (learningRate=0.4)}.
 */
public class TrainingDivergedException extends RuntimeException {
    public TrainingDivergedException(String message) {
        super(message);
    }
}

/**
 * Training: {@link org.glyphocr.train.SgdTrainer} (minibatch SGD with momentum, averaged loss,
 * adaptive halving, early stopping) configured by {@link org.glyphocr.train.TrainerConfig}, reporting
 * to a {@link org.glyphocr.train.TrainingListener}.
 */
package org.glyphocr.train;

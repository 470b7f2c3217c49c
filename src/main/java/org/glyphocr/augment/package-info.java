/**
 * Data augmentation for training: random distortions of {@link org.glyphocr.image.InkImage}s,
 * applied between {@link org.glyphocr.image.Preprocessor#extractInk} and
 * {@link org.glyphocr.image.Preprocessor#toGlyph}, so that distorted samples are normalised exactly
 * as real images are.
 *
 * <ul>
 *   <li>{@link org.glyphocr.augment.AugmentSettings}: which transforms, how strong; plain values,
 *       stored in a model's provenance.
 *   <li>{@link org.glyphocr.augment.Augmenter}: applies them, deterministically for a given
 *       generator; {@link org.glyphocr.augment.Augmenter#randomFor} gives each sample in each epoch
 *       its own generator.
 *   <li>{@link org.glyphocr.augment.ContactSheet}: a grid of glyphs as a PNG, to see what training sees.
 * </ul>
 *
 * <p>Depends on {@code org.glyphocr.image} and the JDK only. All public types are immutable and
 * thread-safe.
 */
package org.glyphocr.augment;

/**
 * Datasets: the folder convention ({@link org.glyphocr.data.DatasetFolder}: one subfolder per class,
 * or {@code labels.tsv}), loading into preprocessed {@link org.glyphocr.data.LabeledGlyphs}, and
 * stratified train/validation/test splits.
 */
package org.glyphocr.data;

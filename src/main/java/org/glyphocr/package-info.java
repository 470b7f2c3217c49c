/**
 * glyph-ocr's entry points: {@link org.glyphocr.Recognizer} reads glyph images with a model from
 * {@link org.glyphocr.Models}, returning {@link org.glyphocr.Recognition}s; {@link
 * org.glyphocr.Evaluation} measures a model on a labelled dataset. Training lives in {@code
 * org.glyphocr.train}.
 */
package org.glyphocr;

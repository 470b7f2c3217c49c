/**
 * glyph-ocr on Apache Spark: {@link org.glyphocr.spark.GlyphRecognition} recognizes a table of
 * glyph images (Spark's {@code binaryFile} source, or a column of paths) with a glyph-ocr model,
 * one row per image, with the single-machine answers; {@link org.glyphocr.spark.RecognizeJob} is
 * the command that runs it over a folder, locally or under {@code spark-submit}.
 */
package org.glyphocr.spark;

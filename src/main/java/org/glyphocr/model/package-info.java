/**
 * Immutable trained {@link org.glyphocr.model.Model}s, their {@link org.glyphocr.model.Alphabet} and
 * {@link org.glyphocr.model.Provenance}, and the versioned, checksummed {@code .gocr} file format
 * ({@link org.glyphocr.model.ModelReader}, {@link org.glyphocr.model.ModelWriter}). Never Java
 * serialization.
 */
package org.glyphocr.model;

package org.glyphocr;

/**
 * One possible reading of a glyph.
 *
 * @param label a label of the model's alphabet
 * @param probability in [0, 1]; a recognition's candidates sum to 1
 */
public record Candidate(String label, double probability) {
}

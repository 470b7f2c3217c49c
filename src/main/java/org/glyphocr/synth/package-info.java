/**
 * Training sets rendered from fonts: {@link org.glyphocr.synth.CharacterSet character sets} by name or
 * list, {@link org.glyphocr.synth.FontSource font files and installed families},
 * {@link org.glyphocr.synth.GlyphSynthesizer renderings with print-like degradations}, and
 * {@link org.glyphocr.synth.SynthDataset dataset folders} that {@code train} reads like any other.
 */
package org.glyphocr.synth;

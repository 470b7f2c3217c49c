/** The command line: {@code java -jar glyph-ocr.jar classify|eval|train|info|glyph}. Only this package prints or exits. */
package org.glyphocr.cli;

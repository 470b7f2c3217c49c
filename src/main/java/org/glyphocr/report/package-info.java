/**
 * Pictures that show a user what training did: {@link org.glyphocr.report.TrainingCharts} writes the
 * training chart (batch losses, epoch means, accuracies, learning-rate changes), the confusion
 * matrix and a gallery of misread glyphs as PNG files.
 *
 * <p>Everything here runs headless ({@code -Djava.awt.headless=true}); nothing opens a window.
 */
package org.glyphocr.report;

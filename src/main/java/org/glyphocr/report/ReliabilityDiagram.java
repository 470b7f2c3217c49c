package org.glyphocr.report;

import org.glyphocr.Reliability;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The reliability diagram of a model on a dataset, as a PNG: for the probabilities before and after
 * calibration, the accuracy of the samples in each of the 15 confidence bins against the diagonal
 * where confidence equals accuracy (bars under it: overconfident), with the expected calibration
 * error; and beside them the coverage/accuracy curve of reject thresholds, after calibration.
 *
 * <pre>{@code
 * ReliabilityDiagram.write("digits, test split", before, after, Path.of("reliability.png"));
 * }</pre>
 */
public final class ReliabilityDiagram {
    private static final int PANEL = 360;
    private static final int MARGIN = 56;
    private static final Color BAR = new Color(33, 113, 181);
    private static final Color GAP = new Color(215, 48, 39, 110);
    private static final Color DIAGONAL = new Color(120, 120, 120);
    private static final Color AXIS = new Color(30, 30, 30);
    private static final Color CURVE = new Color(44, 160, 44);

    private ReliabilityDiagram() {
    }

    /**
     * @param title what was measured, e.g. the model and the split
     * @param before the model's probabilities as the network gives them
     * @param after the same with the model's calibration
     * @param png the file to write; its folder is created if missing
     * @throws IOException if the file cannot be written; an existing file is then left as it was
     */
    public static void write(String title, Reliability before, Reliability after, Path png) throws IOException {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(png, "png");
        int width = 3 * (PANEL + MARGIN) + MARGIN;
        int height = PANEL + 2 * MARGIN + 30;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(AXIS);
        TextFonts.Fitted heading = TextFonts.fit(title, java.awt.Font.BOLD, 16f);
        g.setFont(heading.font());
        g.drawString(heading.text(), MARGIN, 28);
        int top = MARGIN + 24;
        bars(g, MARGIN, top, "Before calibration", before);
        bars(g, 2 * MARGIN + PANEL, top, "After calibration", after);
        curve(g, 3 * MARGIN + 2 * PANEL, top, after);
        g.dispose();
        PngFiles.write(image, png);
    }

    private static void bars(Graphics2D g, int x0, int y0, String name, Reliability r) {
        frame(g, x0, y0, String.format(Locale.ROOT, "%s: ECE %.4f (%d samples)", name, r.expectedCalibrationError(), r.samples()),
                "confidence", "accuracy", 0);
        for (Reliability.Bin b : r.bins()) {
            if (b.samples() == 0) continue;
            double left = x0 + b.from() * PANEL;
            double w = (b.to() - b.from()) * PANEL;
            double barTop = y0 + (1 - b.accuracy()) * PANEL;
            g.setColor(BAR);
            g.fill(new Rectangle2D.Double(left + 1, barTop, w - 2, y0 + PANEL - barTop));
            double confidenceTop = y0 + (1 - b.meanConfidence()) * PANEL;
            g.setColor(GAP);
            g.fill(new Rectangle2D.Double(left + 1, Math.min(barTop, confidenceTop), w - 2, Math.abs(barTop - confidenceTop)));
        }
        g.setColor(DIAGONAL);
        g.setStroke(new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {5f, 4f}, 0f));
        g.draw(new Line2D.Double(x0, y0 + PANEL, x0 + PANEL, y0));
        g.setStroke(new BasicStroke(1f));
    }

    private static void curve(Graphics2D g, int x0, int y0, Reliability r) {
        List<Reliability.Coverage> points = r.curve();
        double lowest = points.stream().mapToDouble(Reliability.Coverage::accuracy).filter(Double::isFinite).min().orElse(0);
        double floor = Math.max(0, Math.floor(lowest * 20) / 20 - 0.05); // the accuracy axis starts a little under the curve
        frame(g, x0, y0, "Reject thresholds: accuracy vs coverage", "coverage", "accuracy", floor);
        Path2D line = new Path2D.Double();
        boolean started = false;
        g.setFont(TextFonts.base(java.awt.Font.PLAIN, 10f));
        for (Reliability.Coverage c : points) {
            if (!Double.isFinite(c.accuracy())) continue;
            double x = x0 + c.coverage() * PANEL;
            double y = y0 + (1 - (c.accuracy() - floor) / (1 - floor)) * PANEL;
            if (started) line.lineTo(x, y);
            else line.moveTo(x, y);
            started = true;
            g.setColor(CURVE);
            g.fill(new java.awt.geom.Ellipse2D.Double(x - 3, y - 3, 6, 6));
            g.setColor(AXIS);
            g.drawString(String.format(Locale.ROOT, "%s", trim(c.threshold())), (float) x + 4, (float) y - 4);
        }
        g.setColor(CURVE);
        g.setStroke(new BasicStroke(1.6f));
        g.draw(line);
        g.setStroke(new BasicStroke(1f));
    }

    private static String trim(double threshold) {
        String s = String.format(Locale.ROOT, "%.3f", threshold);
        return s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    /** Axes from 0 to 1 across, and from {@code yFrom} to 1 up. */
    private static void frame(Graphics2D g, int x0, int y0, String title, String xName, String yName, double yFrom) {
        g.setColor(AXIS);
        g.setFont(TextFonts.base(java.awt.Font.PLAIN, 12f));
        g.drawString(title, x0, y0 - 10);
        g.draw(new Rectangle2D.Double(x0, y0, PANEL, PANEL));
        g.setFont(TextFonts.base(java.awt.Font.PLAIN, 11f));
        for (int i = 0; i <= 4; i++) {
            double f = i / 4.0;
            g.drawString(trim(f), (float) (x0 + f * PANEL - 6), y0 + PANEL + 16);
            String y = trim(yFrom + f * (1 - yFrom));
            g.drawString(y, x0 - 6 - g.getFontMetrics().stringWidth(y), (float) (y0 + (1 - f) * PANEL + 4));
        }
        g.drawString(xName, x0 + PANEL / 2 - 30, y0 + PANEL + 34);
        Graphics2D rotated = (Graphics2D) g.create();
        rotated.rotate(-Math.PI / 2);
        rotated.drawString(yName, -(y0 + PANEL / 2 + 20), x0 - 38);
        rotated.dispose();
    }
}

package org.glyphocr.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;

/**
 * Draws the confusion matrix of {@link TrainingCharts#writeConfusionMatrix} with Java2D: a grid,
 * one row per true label and one column per predicted label.
 *
 * <p>A cell's shade grows with {@code count / rowTotal} (see {@link #shade}), from white to its hue:
 * blue on the diagonal, red off it. The counts written in the cells give the exact numbers.
 */
final class ConfusionMatrixImage {
    /** More labels than this would make a picture of hundreds of megabytes. */
    static final int MAX_LABELS = 300;

    private static final Color CORRECT = new Color(33, 113, 181);
    private static final Color ERROR = new Color(215, 48, 39);
    private static final Color TEXT = new Color(30, 30, 30);
    private static final Color MUTED = new Color(110, 110, 110);
    private static final Color ZERO = new Color(205, 205, 205);
    private static final Color CELL_BORDER = new Color(232, 232, 232);
    private static final int MARGIN = 20;
    private static final int MAX_LABEL_WIDTH = 160;
    private static final double MIN_SHADE = 0.15;
    private static final String TRUE_LABEL = "true label";

    private ConfusionMatrixImage() {
    }

    static BufferedImage render(String title, List<String> labels, int[][] confusion) {
        int n = labels.size();
        long[] rowTotal = new long[n];
        long total = 0;
        long correct = 0;
        int maxCount = 0;
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                rowTotal[r] += confusion[r][c];
                maxCount = Math.max(maxCount, confusion[r][c]);
            }
            total += rowTotal[r];
            correct += confusion[r][r];
        }

        Font titleFont = TextFonts.fit(title, Font.BOLD, 18).font();
        String titleText = TextFonts.fit(title, Font.BOLD, 18).text();
        Font subtitleFont = TextFonts.base(Font.PLAIN, 13);
        Font axisFont = TextFonts.base(Font.BOLD, 13);
        Font headerFont = TextFonts.base(Font.PLAIN, 12);
        String subtitle = total == 0 ? "no samples"
                : String.format(Locale.ROOT, "accuracy %.2f%% (%,d of %,d)", 100.0 * correct / total, correct, total);
        String key = "rows: true label · columns: predicted label · shade: share of the row";

        int cell = Math.max(n > 100 ? 20 : 26, Math.min(56, (int) Math.round(760.0 / n)));
        float labelSize = cell >= 34 ? 13 : 11;
        float countSize = (float) Math.max(9, Math.min(15, cell * 0.34));
        Font countFont = TextFonts.base(Font.PLAIN, countSize);
        TextFonts.Fitted[] fitted = new TextFonts.Fitted[n];
        for (int i = 0; i < n; i++) fitted[i] = TextFonts.fit(labels.get(i), Font.PLAIN, labelSize);

        Graphics2D m = TextFonts.measuring();
        int labelWidth = 0;
        int countWidth;
        int titleWidth;
        int totalWidth;
        int recallWidth;
        int axisHeight;
        int axisTitleWidth;
        int labelHeight;
        try {
            for (TextFonts.Fitted f : fitted) {
                labelWidth = Math.max(labelWidth, Math.min(MAX_LABEL_WIDTH, m.getFontMetrics(f.font()).stringWidth(f.text())));
            }
            countWidth = m.getFontMetrics(countFont).stringWidth(Integer.toString(maxCount));
            titleWidth = Math.max(m.getFontMetrics(titleFont).stringWidth(titleText),
                    Math.max(m.getFontMetrics(subtitleFont).stringWidth(subtitle), m.getFontMetrics(headerFont).stringWidth(key)));
            FontMetrics hm = m.getFontMetrics(headerFont);
            long maxRow = 0;
            for (long t : rowTotal) maxRow = Math.max(maxRow, t);
            totalWidth = Math.max(hm.stringWidth("n"), hm.stringWidth(String.format(Locale.ROOT, "%,d", maxRow))) + 14;
            recallWidth = hm.stringWidth("100.0%") + 14;
            axisHeight = m.getFontMetrics(axisFont).getHeight();
            axisTitleWidth = m.getFontMetrics(axisFont).stringWidth(TRUE_LABEL);
            labelHeight = m.getFontMetrics(TextFonts.base(Font.PLAIN, labelSize)).getHeight();
        } finally {
            m.dispose();
        }
        cell = Math.max(cell, countWidth + 8);
        boolean rotateColumns = labelWidth > cell - 4;
        int columnLabelHeight = rotateColumns ? labelWidth + 8 : labelHeight + 4;

        int gridX = MARGIN + axisHeight + 6 + labelWidth + 8;
        int gridY = MARGIN + 24 + 20 + 18 + 10 + axisHeight + 4 + columnLabelHeight;
        int grid = n * cell;
        int width = Math.max(gridX + grid + 10 + totalWidth + recallWidth + MARGIN, titleWidth + 2 * MARGIN);
        int height = gridY + Math.max(grid, (grid + axisTitleWidth) / 2) + MARGIN;

        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            TextFonts.antialias(g);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);

            int y = MARGIN;
            g.setColor(TEXT);
            g.setFont(titleFont);
            y += g.getFontMetrics().getAscent();
            g.drawString(titleText, MARGIN, y);
            g.setFont(subtitleFont);
            g.setColor(MUTED);
            y += 24;
            g.drawString(subtitle, MARGIN, y);
            g.setFont(headerFont);
            y += 18;
            g.drawString(key, MARGIN, y);

            // Axis titles: "predicted label" over the columns, "true label" up the left side.
            g.setFont(axisFont);
            g.setColor(TEXT);
            FontMetrics am = g.getFontMetrics();
            int axisY = gridY - columnLabelHeight - 4;
            String predicted = "predicted label";
            g.drawString(predicted, gridX + Math.max(0, (grid - am.stringWidth(predicted)) / 2), axisY - am.getDescent());
            // Centred on the rows; with a single row it overhangs upwards, beside the column labels.
            drawRotated(g, TRUE_LABEL, MARGIN + am.getAscent(), gridY + (grid + am.stringWidth(TRUE_LABEL)) / 2);

            for (int i = 0; i < n; i++) {
                TextFonts.Fitted f = fitted[i];
                g.setFont(f.font());
                FontMetrics fm = g.getFontMetrics();
                String text = TextFonts.ellipsize(f.text(), fm, MAX_LABEL_WIDTH);
                int w = fm.stringWidth(text);
                // Row label, right-aligned against the grid.
                int baseline = gridY + i * cell + (cell + fm.getAscent() - fm.getDescent()) / 2;
                g.drawString(text, gridX - 8 - w, baseline);
                // Column label: level if every label fits its column, else reading upwards.
                if (rotateColumns) {
                    drawRotated(g, text, gridX + i * cell + (cell + fm.getAscent() - fm.getDescent()) / 2, gridY - 6);
                } else {
                    g.drawString(text, gridX + i * cell + (cell - w) / 2, gridY - 4 - fm.getDescent());
                }
            }

            g.setFont(countFont);
            FontMetrics cm = g.getFontMetrics();
            for (int r = 0; r < n; r++) {
                for (int c = 0; c < n; c++) {
                    int count = confusion[r][c];
                    double rate = rowTotal[r] == 0 ? 0 : count / (double) rowTotal[r];
                    Color fill = mix(r == c ? CORRECT : ERROR, shade(rate));
                    int x = gridX + c * cell;
                    int cy = gridY + r * cell;
                    g.setColor(fill);
                    g.fillRect(x, cy, cell, cell);
                    g.setColor(CELL_BORDER);
                    g.drawRect(x, cy, cell, cell);
                    String s = Integer.toString(count);
                    g.setColor(count == 0 ? ZERO : luminance(fill) < 0.55 ? Color.WHITE : TEXT);
                    g.drawString(s, x + (cell - cm.stringWidth(s)) / 2, cy + (cell + cm.getAscent() - cm.getDescent()) / 2);
                }
            }
            g.setColor(new Color(150, 150, 150));
            g.drawRect(gridX, gridY, grid, grid);

            // Row totals and recall, right of the grid.
            g.setFont(headerFont);
            FontMetrics hm = g.getFontMetrics();
            int totalX = gridX + grid + 10;
            int recallX = totalX + totalWidth;
            g.setColor(MUTED);
            g.drawString("n", totalX + totalWidth - 8 - hm.stringWidth("n"), gridY - 4 - hm.getDescent());
            g.drawString("recall", recallX + recallWidth - 6 - hm.stringWidth("recall"), gridY - 4 - hm.getDescent());
            for (int r = 0; r < n; r++) {
                int baseline = gridY + r * cell + (cell + hm.getAscent() - hm.getDescent()) / 2;
                String t = String.format(Locale.ROOT, "%,d", rowTotal[r]);
                String recall = rowTotal[r] == 0 ? "–" : String.format(Locale.ROOT, "%.1f%%", 100.0 * confusion[r][r] / rowTotal[r]);
                g.setColor(MUTED);
                g.drawString(t, totalX + totalWidth - 8 - hm.stringWidth(t), baseline);
                g.setColor(TEXT);
                g.drawString(recall, recallX + recallWidth - 6 - hm.stringWidth(recall), baseline);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    /** Draws {@code text} reading upwards, its baseline start at {@code (x, y)}. */
    private static void drawRotated(Graphics2D g, String text, int x, int y) {
        AffineTransform saved = g.getTransform();
        g.translate(x, y);
        g.rotate(-Math.PI / 2);
        g.drawString(text, 0, 0);
        g.setTransform(saved);
    }

    /**
     * How far from white a cell of the given row share is drawn: {@code max(0.15, rate^0.4)}, and 0
     * for an empty cell. The power lifts rare confusions (1% of a row gives 0.16); the floor keeps a
     * single misread sample apart from an empty cell.
     */
    static double shade(double rate) {
        return rate <= 0 ? 0 : Math.max(MIN_SHADE, Math.pow(rate, 0.4));
    }

    /** {@code t} of the way from white to {@code hue}. */
    private static Color mix(Color hue, double t) {
        return new Color((int) Math.round(255 + (hue.getRed() - 255) * t), (int) Math.round(255 + (hue.getGreen() - 255) * t),
                (int) Math.round(255 + (hue.getBlue() - 255) * t));
    }

    private static double luminance(Color c) {
        return (0.2126 * c.getRed() + 0.7152 * c.getGreen() + 0.0722 * c.getBlue()) / 255;
    }
}

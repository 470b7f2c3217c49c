package org.glyphocr.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;

/** Draws the gallery of misread glyphs of {@link TrainingCharts#writeErrorGallery} with Java2D. */
final class ErrorGalleryImage {
    /** The most tiles one gallery holds (a picture of about 5000×5500 pixels). */
    static final int MAX_TILES = 1000;

    private static final int SCALE = 5;
    private static final int GLYPH = 20 * SCALE;
    private static final int TILE_WIDTH = 150;
    private static final int TILE_HEIGHT = 8 + GLYPH + 6 + 18 + 15 + 12;
    private static final int MARGIN = 20;
    private static final int HEADER = 24 + 22 + 14;
    private static final Color TEXT = new Color(30, 30, 30);
    private static final Color MUTED = new Color(110, 110, 110);
    private static final Color WRONG = new Color(200, 30, 30);
    private static final Color FRAME = new Color(190, 190, 190);

    private ErrorGalleryImage() {
    }

    static BufferedImage render(String title, List<TrainingCharts.Mistake> mistakes, int maxTiles) {
        int shown = Math.min(mistakes.size(), maxTiles);
        TextFonts.Fitted t = TextFonts.fit(title, Font.BOLD, 18);
        Font subtitleFont = TextFonts.base(Font.PLAIN, 13);
        String subtitle = mistakes.isEmpty() ? ""
                : shown == mistakes.size() ? String.format(Locale.ROOT, "%,d misread glyph%s: true → predicted (probability)",
                        shown, shown == 1 ? "" : "s")
                : String.format(Locale.ROOT, "the first %,d of %,d misread glyphs: true → predicted (probability)", shown, mistakes.size());
        int headerWidth;
        Graphics2D m = TextFonts.measuring();
        try {
            headerWidth = Math.max(m.getFontMetrics(t.font()).stringWidth(t.text()), m.getFontMetrics(subtitleFont).stringWidth(subtitle));
        } finally {
            m.dispose();
        }

        int columns = shown == 0 ? 0 : Math.min(shown, Math.max(8, (int) Math.ceil(Math.sqrt(shown))));
        int rows = shown == 0 ? 0 : (shown + columns - 1) / columns;
        int width = Math.max(Math.max(360, headerWidth + 2 * MARGIN), columns * TILE_WIDTH + 2 * MARGIN);
        int height = shown == 0 ? MARGIN + 24 + 60 + MARGIN : MARGIN + HEADER + rows * TILE_HEIGHT + MARGIN;

        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            TextFonts.antialias(g);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setColor(TEXT);
            g.setFont(t.font());
            int y = MARGIN + g.getFontMetrics().getAscent();
            g.drawString(t.text(), MARGIN, y);
            if (shown == 0) {
                g.setFont(TextFonts.base(Font.BOLD, 24));
                g.setColor(new Color(40, 130, 60));
                g.drawString("no errors", MARGIN, y + 50);
                return image;
            }
            g.setFont(subtitleFont);
            g.setColor(MUTED);
            g.drawString(subtitle, MARGIN, y + 24);
            for (int i = 0; i < shown; i++) {
                int x = MARGIN + (i % columns) * TILE_WIDTH;
                int top = MARGIN + HEADER + (i / columns) * TILE_HEIGHT;
                drawTile(g, mistakes.get(i), x, top);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    private static void drawTile(Graphics2D g, TrainingCharts.Mistake mistake, int x, int top) {
        int gx = x + (TILE_WIDTH - GLYPH) / 2;
        int gy = top + 8;
        g.drawImage(mistake.glyph().toImage(SCALE), gx, gy, null);
        g.setColor(FRAME);
        g.drawRect(gx - 1, gy - 1, GLYPH + 1, GLYPH + 1);

        // Caption: true label, arrow, predicted label in red, probability; labels shortened if too long.
        int avail = TILE_WIDTH - 8;
        TextFonts.Fitted trueLabel = TextFonts.fit(mistake.trueLabel(), Font.BOLD, 13);
        TextFonts.Fitted predicted = TextFonts.fit(mistake.predictedLabel(), Font.BOLD, 13);
        Font plain = TextFonts.base(Font.PLAIN, 12);
        String arrow = plain.canDisplay('→') ? " → " : " -> ";
        String probability = " (" + formatProbability(mistake.probability()) + ")";
        FontMetrics pm = g.getFontMetrics(plain);
        FontMetrics tm = g.getFontMetrics(trueLabel.font());
        FontMetrics qm = g.getFontMetrics(predicted.font());
        int fixed = pm.stringWidth(arrow) + pm.stringWidth(probability);
        String trueText = trueLabel.text();
        String predictedText = predicted.text();
        int trueWidth = tm.stringWidth(trueText);
        int predictedWidth = qm.stringWidth(predictedText);
        int budget = Math.max(24, avail - fixed);
        if (trueWidth + predictedWidth > budget) {
            // A short label keeps its width and the long one gets the rest; two long ones share.
            int half = budget / 2;
            int forTrue = predictedWidth <= half ? budget - predictedWidth : trueWidth <= half ? trueWidth : half;
            trueText = TextFonts.ellipsize(trueText, tm, forTrue);
            predictedText = TextFonts.ellipsize(predictedText, qm, budget - tm.stringWidth(trueText));
        }
        int captionWidth = fixed + tm.stringWidth(trueText) + qm.stringWidth(predictedText);
        int cx = x + Math.max(4, (TILE_WIDTH - captionWidth) / 2);
        int baseline = gy + GLYPH + 6 + 14;
        cx = drawPart(g, trueText, trueLabel.font(), TEXT, cx, baseline);
        cx = drawPart(g, arrow, plain, MUTED, cx, baseline);
        cx = drawPart(g, predictedText, predicted.font(), WRONG, cx, baseline);
        drawPart(g, probability, plain, MUTED, cx, baseline);

        String source = fileName(mistake.source());
        if (!source.isEmpty()) {
            TextFonts.Fitted s = TextFonts.fit(source, Font.PLAIN, 10.5f);
            FontMetrics sm = g.getFontMetrics(s.font());
            String text = TextFonts.ellipsize(s.text(), sm, avail);
            drawPart(g, text, s.font(), MUTED, x + (TILE_WIDTH - sm.stringWidth(text)) / 2, baseline + 15);
        }
    }

    private static int drawPart(Graphics2D g, String text, Font font, Color color, int x, int baseline) {
        g.setFont(font);
        g.setColor(color);
        g.drawString(text, x, baseline);
        return x + g.getFontMetrics().stringWidth(text);
    }

    /** The last part of a path, so that a tile shows {@code img_0042.png} rather than the whole folder. */
    static String fileName(String source) {
        int cut = Math.max(source.lastIndexOf('/'), source.lastIndexOf('\\'));
        return source.substring(cut + 1);
    }

    /** Two decimals, or three where two would round a probability below 1 up to {@code 1.00}. */
    static String formatProbability(double p) {
        String two = String.format(Locale.ROOT, "%.2f", p);
        return two.equals("1.00") && p < 1 ? String.format(Locale.ROOT, "%.3f", Math.min(p, 0.999)) : two;
    }
}

package org.glyphocr.report;

import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.GraphicsEnvironment;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Picks a font that can show a given text, so labels in any script (Greek, Cyrillic, CJK where a
 * font is installed) are drawn as letters rather than empty boxes.
 *
 * <p>The order: DejaVu Sans where installed (a consistent look, wide coverage), then Java's logical
 * {@code SansSerif} (a composite of the system's fonts), then any installed font that has every
 * character. If none has them all, the characters that cannot be shown are written as {@code U+XXXX}
 * (and {@code →} as {@code ->}), so the reader still sees which label it was.
 */
final class TextFonts {
    private static final String PREFERRED_FAMILY = "DejaVu Sans";

    /** Text and the font to draw it with; {@code text} differs from the request only in the last-resort case. */
    record Fitted(String text, Font font) {
    }

    private TextFonts() {
    }

    /** The installed fonts, read once on first use and then only read. */
    private static final class Installed {
        static final Set<String> FAMILIES = Set.copyOf(Arrays.asList(
                GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames(Locale.ROOT)));
        static final List<Font> FONTS = Arrays.stream(GraphicsEnvironment.getLocalGraphicsEnvironment().getAllFonts())
                .filter(f -> !f.isBold() && !f.isItalic())
                .toList();
    }

    /** The usual font for report text (DejaVu Sans, else SansSerif). */
    static Font base(int style, float size) {
        String family = Installed.FAMILIES.contains(PREFERRED_FAMILY) ? PREFERRED_FAMILY : Font.SANS_SERIF;
        return new Font(family, style, 1).deriveFont(style, size);
    }

    /** A font able to show {@code text}, as described on the class. */
    static Fitted fit(String text, int style, float size) {
        Font base = base(style, size);
        if (base.canDisplayUpTo(text) == -1) return new Fitted(text, base);
        Font logical = new Font(Font.SANS_SERIF, style, 1).deriveFont(style, size);
        if (logical.canDisplayUpTo(text) == -1) return new Fitted(text, logical);
        for (Font f : Installed.FONTS) {
            if (f.canDisplayUpTo(text) == -1) return new Fitted(text, f.deriveFont(style, size));
        }
        StringBuilder shown = new StringBuilder();
        text.codePoints().forEach(cp -> {
            if (logical.canDisplay(cp)) shown.appendCodePoint(cp);
            else if (cp == '→') shown.append("->");
            else if (cp == '…') shown.append("...");
            else shown.append(String.format(Locale.ROOT, "U+%04X", cp));
        });
        return new Fitted(shown.toString(), logical);
    }

    /**
     * {@code text} shortened from the end with an ellipsis until it is at most {@code maxWidth}
     * pixels wide in {@code metrics}; unchanged if it fits.
     */
    static String ellipsize(String text, FontMetrics metrics, int maxWidth) {
        if (metrics.stringWidth(text) <= maxWidth) return text;
        String ellipsis = metrics.getFont().canDisplay('…') ? "…" : "...";
        int[] cps = text.codePoints().toArray();
        for (int n = cps.length - 1; n > 0; n--) {
            String shorter = new String(cps, 0, n) + ellipsis;
            if (metrics.stringWidth(shorter) <= maxWidth) return shorter;
        }
        return ellipsis;
    }

    /** A graphics context for measuring text before the picture's size is known. Dispose it after use. */
    static Graphics2D measuring() {
        Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        antialias(g);
        return g;
    }

    static void antialias(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
    }
}

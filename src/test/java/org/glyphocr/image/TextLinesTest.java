package org.glyphocr.image;

import org.junit.jupiter.api.Test;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TextLinesTest {
    /** Lines of text in the JDK's Dialog font, dark on white, 40 px type, anti-aliased. */
    private static BufferedImage page(String... lines) {
        return page(0, lines);
    }

    /** As {@link #page(String...)}, the text turned by {@code degrees} (positive: rising to the right). */
    private static BufferedImage page(double degrees, String... lines) {
        BufferedImage image = new BufferedImage(900, 80 + 70 * lines.length, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.DIALOG, Font.PLAIN, 40));
        g.rotate(-Math.toRadians(degrees), image.getWidth() / 2.0, image.getHeight() / 2.0);
        for (int i = 0; i < lines.length; i++) g.drawString(lines[i], 30, 70 + 70 * i);
        g.dispose();
        return image;
    }

    /** The characters as the layout sees them: {@code #} per character, a space where it finds one. */
    private static String shape(TextLines.Line line) {
        StringBuilder sb = new StringBuilder();
        for (TextLines.Character c : line.characters()) sb.append(c.spaceBefore() ? " #" : "#");
        return sb.toString();
    }

    @Test
    void findsCharactersInReadingOrderWithWordSpaces() {
        List<TextLines.Line> lines = TextLines.find(page("Hij 2026, ok: yes."));
        assertEquals(1, lines.size());
        // i and j keep their dots and the colon its two dots; comma and period stay characters.
        assertEquals("### ##### ### ####", shape(lines.get(0)));
    }

    @Test
    void splitsLinesAndKeepsEachDotOnItsLine() {
        List<TextLines.Line> lines = TextLines.find(page("minimum", "jig, 'quoted'", "A B C"));
        assertEquals(3, lines.size());
        assertEquals("#######", shape(lines.get(0)));
        assertEquals("#### ########", shape(lines.get(1)));
        assertTrue(lines.get(0).box().bottom() <= lines.get(1).box().y(), "lines are ordered top to bottom");
    }

    @Test
    void anRgbImageIsCutOutAsJava2dDrawsIt() {
        // isolated copies TYPE_INT_RGB pixels itself and draws other types with Java2D: the same pixels.
        java.util.SplittableRandom random = new java.util.SplittableRandom(4);
        BufferedImage rgb = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
        BufferedImage argb = new BufferedImage(40, 30, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < 30; y++) {
            for (int x = 0; x < 40; x++) {
                int colour = random.nextInt() | 0xff000000;
                rgb.setRGB(x, y, colour);
                argb.setRGB(x, y, colour);
            }
        }
        for (TextLines.Box box : List.of(new TextLines.Box(5, 4, 20, 15), new TextLines.Box(0, 0, 40, 30), new TextLines.Box(39, 29, 1, 1))) {
            BufferedImage fast = TextLines.isolated(rgb, box);
            BufferedImage drawn = TextLines.isolated(argb, box);
            int w = fast.getWidth();
            int h = fast.getHeight();
            assertArrayEquals(drawn.getRGB(0, 0, w, h, null, 0, w), fast.getRGB(0, 0, w, h, null, 0, w), box.toString());
        }
    }

    @Test
    void aBlankImageHasNoLines() {
        assertEquals(List.of(), TextLines.find(page()));
    }

    @Test
    void measuresAndUndoesASlightSkew() {
        BufferedImage level = page("level text, for the record");
        assertEquals(0, TextLines.skewDegrees(level), 0.15);
        assertSame(level, TextLines.findLevelled(level).image(), "a level image is laid out as it is");
        BufferedImage rising = page(2, "Hij 2026, ok: yes.");
        assertEquals(2, TextLines.skewDegrees(rising), 0.2);
        assertEquals(-1.5, TextLines.skewDegrees(page(-1.5, "Hij 2026, ok: yes.")), 0.2);
        assertEquals(5, TextLines.skewDegrees(page(7, "beyond the range")), 1e-9); // clamped, and no overflow at the edge
        List<TextLines.Line> lines = TextLines.findLevelled(rising).lines();
        assertEquals(1, lines.size());
        assertEquals("### ##### ### ####", shape(lines.get(0)));
    }

    @Test
    void wordSpacesFollowTheLineHeightNotItsMedianGap() {
        // Spaced capitals, where every gap is a space, and numbers, whose wide gaps once raised the bar.
        assertEquals("# # #", shape(TextLines.find(page("A B C")).get(0)));
        assertEquals("#### ### #### ####", shape(TextLines.find(page("2026 for 3088 then")).get(0)));
    }

    @Test
    void offersCutsBetweenTouchingCharacters() {
        BufferedImage image = new BufferedImage(200, 80, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 200, 80);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.BLACK);
        Font font = new Font(Font.DIALOG, Font.PLAIN, 40);
        g.setFont(font);
        int fiveEnds = 30 + (int) Math.ceil(font.createGlyphVector(g.getFontRenderContext(), "5").getVisualBounds().getMaxX());
        g.drawString("5", 30, 60);
        g.drawString("8", fiveEnds - 3, 60); // the 8 overlaps the 5 by 3 px, wherever its own bearing puts it
        g.dispose();
        List<TextLines.Line> lines = TextLines.find(image);
        assertEquals("#", shape(lines.get(0)), "touching characters are one box to the layout");
        TextLines.Box both = lines.get(0).characters().get(0).box();
        int[] cuts = TextLines.cutCandidates(image, both, 6, 3);
        assertTrue(cuts.length >= 1 && cuts.length <= 3);
        int best = cuts[0];
        assertTrue(Math.abs(best - fiveEnds) <= 4, "cut at " + best + ", the 5 ends at " + fiveEnds);
        TextLines.Box five = TextLines.inkWithin(image, both, both.x(), best);
        TextLines.Box eight = TextLines.inkWithin(image, both, best, both.right());
        assertEquals(both.x(), five.x());
        assertEquals(both.right(), eight.right());
        assertTrue(five.right() <= eight.x() + 1 && five.height() > 20 && eight.height() > 20, five + " " + eight);
        assertEquals(null, TextLines.inkWithin(image, both, both.right(), both.right() + 5));
    }
}

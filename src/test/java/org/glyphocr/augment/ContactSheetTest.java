package org.glyphocr.augment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.glyphocr.image.Glyph;
import org.glyphocr.image.ImageDecoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContactSheetTest {
    private static final int WHITE = 0xFFFFFF;
    private static final int BLACK = 0x000000;

    /** A glyph with full ink in its top-left pixel only. */
    private static Glyph dot() {
        float[] values = new float[Glyph.PIXELS];
        Arrays.fill(values, 0.5f);
        values[0] = -0.5f;
        return Glyph.of(values);
    }

    private static int rgb(BufferedImage image, int x, int y) {
        return image.getRGB(x, y) & 0xFFFFFF;
    }

    @Test
    void gridHasOnePixelGuttersAroundEveryCell() {
        List<Glyph> glyphs = Collections.nCopies(7, dot());
        BufferedImage sheet = ContactSheet.render(glyphs, 3, 2);
        int cell = Glyph.SIZE * 2 + 1;
        assertEquals(3 * cell + 1, sheet.getWidth());
        assertEquals(3 * cell + 1, sheet.getHeight()); // 7 glyphs in rows of 3: 3 rows
        assertEquals(ContactSheet.GUTTER_RGB, rgb(sheet, 0, 0));
        assertEquals(BLACK, rgb(sheet, 1, 1)); // the dot, 2 × 2 pixels at scale 2
        assertEquals(BLACK, rgb(sheet, 2, 2));
        assertEquals(WHITE, rgb(sheet, 3, 1));
        assertEquals(ContactSheet.GUTTER_RGB, rgb(sheet, cell, 5)); // between the first two cells
        assertEquals(BLACK, rgb(sheet, cell + 1, 1)); // the second glyph's dot
        // The last row holds one glyph; the cells after it stay gutter gray.
        assertEquals(BLACK, rgb(sheet, 1, 2 * cell + 1));
        assertEquals(ContactSheet.GUTTER_RGB, rgb(sheet, cell + 5, 2 * cell + 5));
    }

    @Test
    void fewerGlyphsThanColumnsMakeANarrowerSheet() {
        BufferedImage sheet = ContactSheet.render(List.of(Glyph.blank(), dot()), 10, 1);
        assertEquals(2 * (Glyph.SIZE + 1) + 1, sheet.getWidth());
        assertEquals(Glyph.SIZE + 2, sheet.getHeight());
    }

    @Test
    void rowsMayDifferInLength() {
        BufferedImage sheet = ContactSheet.renderRows(List.of(List.of(dot()), List.of(dot(), dot(), dot()), List.of()), 3);
        int cell = Glyph.SIZE * 3 + 1;
        assertEquals(3 * cell + 1, sheet.getWidth());
        assertEquals(3 * cell + 1, sheet.getHeight());
        assertEquals(BLACK, rgb(sheet, 1, 1));
        assertEquals(ContactSheet.GUTTER_RGB, rgb(sheet, cell + 5, 5)); // the first row has one glyph
        assertEquals(BLACK, rgb(sheet, 2 * cell + 1, cell + 1));
        assertEquals(ContactSheet.GUTTER_RGB, rgb(sheet, 5, 2 * cell + 5)); // the empty last row
    }

    @Test
    void writesAPngOfTheSheet(@TempDir Path dir) throws IOException {
        Path png = dir.resolve("sheet.png");
        ContactSheet.write(List.of(dot(), Glyph.blank()), 2, 2, png);
        BufferedImage read = ImageDecoder.DEFAULT.decode(png);
        BufferedImage expected = ContactSheet.render(List.of(dot(), Glyph.blank()), 2, 2);
        assertEquals(expected.getWidth(), read.getWidth());
        assertEquals(expected.getHeight(), read.getHeight());
        for (int y = 0; y < read.getHeight(); y++) {
            for (int x = 0; x < read.getWidth(); x++) assertEquals(rgb(expected, x, y), rgb(read, x, y));
        }
        assertTrue(Files.size(png) > 0);
    }

    @Test
    void badArgumentsAreRefusedWithTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ContactSheet.render(List.of(), 3, 2));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ContactSheet.render(List.of(dot()), 0, 2));
        assertTrue(e.getMessage().contains("columns") && e.getMessage().contains("0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ContactSheet.render(List.of(dot()), 1, 101));
        assertTrue(e.getMessage().contains("scale") && e.getMessage().contains("101"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ContactSheet.renderRows(List.of(List.of()), 1));
        assertTrue(e.getMessage().contains("at least one glyph"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ContactSheet.render(Collections.nCopies(100_000, dot()), 1000, 20));
        assertTrue(e.getMessage().contains("pixels"), e.getMessage());
    }
}

package org.glyphocr.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GlyphTest {
    private static float[] ramp() {
        float[] v = new float[Glyph.PIXELS];
        for (int i = 0; i < v.length; i++) v[i] = -0.5f + i / (float) (Glyph.PIXELS - 1);
        return v;
    }

    @Test
    void ofCopiesItsInput() {
        float[] values = ramp();
        Glyph glyph = Glyph.of(values);
        values[0] = 0.5f;
        assertEquals(-0.5f, glyph.value(0, 0));
    }

    @Test
    void valuesReturnsACopy() {
        Glyph glyph = Glyph.of(ramp());
        glyph.values()[5] = 0f;
        assertArrayEquals(ramp(), glyph.values());
    }

    @Test
    void valueIndexesRowMajor() {
        Glyph glyph = Glyph.of(ramp());
        assertEquals(ramp()[3 * Glyph.SIZE + 7], glyph.value(7, 3));
        assertThrows(IndexOutOfBoundsException.class, () -> glyph.value(20, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> glyph.value(0, -1));
    }

    @Test
    void ofRejectsAWrongLength() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Glyph.of(new float[399]));
        assertTrue(e.getMessage().contains("399"), e.getMessage());
    }

    @Test
    void ofRejectsAValueOutOfRangeNamingItsIndex() {
        float[] values = ramp();
        values[42] = 0.75f;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Glyph.of(values));
        assertTrue(e.getMessage().contains("42") && e.getMessage().contains("0.75"), e.getMessage());
    }

    @Test
    void ofRejectsNaN() {
        float[] values = ramp();
        values[7] = Float.NaN;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Glyph.of(values));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
    }

    @Test
    void copyIntoFillsTheSliceAtTheOffset() {
        float[] batch = new float[3 * Glyph.PIXELS];
        Glyph.of(ramp()).copyInto(batch, Glyph.PIXELS);
        assertArrayEquals(ramp(), Arrays.copyOfRange(batch, Glyph.PIXELS, 2 * Glyph.PIXELS));
        assertEquals(0f, batch[0]);
        assertEquals(0f, batch[2 * Glyph.PIXELS]);
    }

    @Test
    void copyIntoRejectsADestinationTooSmall() {
        assertThrows(IndexOutOfBoundsException.class, () -> Glyph.of(ramp()).copyInto(new float[Glyph.PIXELS + 10], 11));
    }

    @Test
    void equalValuesMeanEqualGlyphs() {
        assertEquals(Glyph.of(ramp()), Glyph.of(ramp()));
        assertEquals(Glyph.of(ramp()).hashCode(), Glyph.of(ramp()).hashCode());
        assertNotEquals(Glyph.of(ramp()), Glyph.blank());
    }

    @Test
    void negativeZeroEqualsZero() {
        float[] a = new float[Glyph.PIXELS];
        float[] b = new float[Glyph.PIXELS];
        b[3] = -0.0f;
        assertEquals(Glyph.of(a), Glyph.of(b));
    }

    @Test
    void toImageDrawsInkBlackAndPaperWhiteAtScale() {
        float[] values = new float[Glyph.PIXELS];
        Arrays.fill(values, 0.5f);
        values[0] = -0.5f;
        values[1] = 0f;
        BufferedImage image = Glyph.of(values).toImage(3);
        assertEquals(60, image.getWidth());
        assertEquals(60, image.getHeight());
        assertEquals(0, image.getRaster().getSample(2, 2, 0));
        assertEquals(128, image.getRaster().getSample(3, 0, 0));
        assertEquals(255, image.getRaster().getSample(6, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> Glyph.blank().toImage(0));
    }

    @Test
    void writtenPngPreprocessesBackToTheSameShape(@TempDir Path dir) throws Exception {
        Glyph original = Preprocessor.DEFAULT.process(TestImages.mnist(4, 0)).orElseThrow();
        Path file = dir.resolve("four.png");
        original.writePng(file, 4);
        Glyph again = Preprocessor.DEFAULT.process(file, ImageDecoder.DEFAULT).orElseThrow();
        assertTrue(TestImages.meanAbsDiff(original, again) < 0.05, TestImages.ascii(original) + TestImages.ascii(again));
    }

    @Test
    void toStringSummarisesTheInk() {
        assertEquals("Glyph[20x20, inked=0, meanInk=0.000]", Glyph.blank().toString());
    }
}

package org.glyphocr.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class InkImageTest {
    @Test
    void ofCopiesAndIndexesRowMajor() {
        float[] data = {0f, 0.25f, 0.5f, 0.75f, 1f, 0f};
        InkImage ink = InkImage.of(3, 2, data);
        data[1] = 1f;
        assertEquals(0.25f, ink.ink(1, 0));
        assertEquals(0.75f, ink.ink(0, 1));
        assertEquals(3, ink.width());
        assertEquals(2, ink.height());
        ink.data()[0] = 1f;
        assertEquals(0f, ink.ink(0, 0));
    }

    @Test
    void ofRejectsMismatchedLength() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InkImage.of(3, 3, new float[8]));
        assertTrue(e.getMessage().contains("9") && e.getMessage().contains("8"), e.getMessage());
    }

    @Test
    void ofRejectsInkOutsideZeroToOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InkImage.of(2, 1, new float[] {0f, 1.5f}));
        assertTrue(e.getMessage().contains("x=1") && e.getMessage().contains("1.5"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> InkImage.of(1, 1, new float[] {-0.1f}));
        assertThrows(IllegalArgumentException.class, () -> InkImage.of(0, 1, new float[0]));
    }

    @Test
    void inkOutsideTheImageIsAnIndexError() {
        InkImage ink = InkImage.of(2, 2, new float[4]);
        assertThrows(IndexOutOfBoundsException.class, () -> ink.ink(2, 0));
    }

    @Test
    void equalDataMeansEqualImages() {
        assertEquals(InkImage.of(2, 1, new float[] {0f, 1f}), InkImage.of(2, 1, new float[] {0f, 1f}));
        assertEquals(InkImage.of(2, 1, new float[] {0f, 1f}).hashCode(), InkImage.of(2, 1, new float[] {0f, 1f}).hashCode());
        assertTrue(!InkImage.of(2, 1, new float[2]).equals(InkImage.of(1, 2, new float[2])));
    }

    @Test
    void scaledToFitMakesTheLongerSideExactAndKeepsTheInkPerArea() {
        float[] data = new float[10 * 4];
        Arrays.fill(data, 1f);
        InkImage enlarged = InkImage.of(10, 4, data).scaledToFit(25);
        assertEquals(25, enlarged.width());
        assertEquals(10, enlarged.height());
        for (float v : enlarged.data()) assertEquals(1f, v, 1e-6f);

        float[] line = new float[200 * 100];
        for (int y = 0; y < 100; y++) line[y * 200 + 37] = 1f; // a one-pixel vertical line
        InkImage shrunk = InkImage.of(200, 100, line).scaledToFit(20);
        assertEquals(20, shrunk.width());
        assertEquals(10, shrunk.height());
        double mass = 0;
        for (float v : shrunk.data()) mass += v;
        assertEquals(100 * 0.1 * 0.1, mass, 1e-4); // area scales by (20/200)²: faint, not lost
        assertSame(shrunk, shrunk.scaledToFit(20));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> shrunk.scaledToFit(0));
        assertTrue(e.getMessage().contains("maxSide") && e.getMessage().contains("0"), e.getMessage());
    }

    @Test
    void strokeWidthCountsTheBorderAsPaper() {
        // An 8-pixel bar cropped to its bounding box: its edges lie on the border.
        float[] bar = new float[180 * 8];
        Arrays.fill(bar, 1f);
        assertEquals(8 * 4 / Math.PI * 180 / 188, InkImage.of(180, 8, bar).strokeWidth(), 1e-9);
        assertEquals(0, InkImage.of(3, 3, new float[9]).strokeWidth());
    }
}

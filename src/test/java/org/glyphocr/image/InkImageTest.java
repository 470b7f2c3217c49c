package org.glyphocr.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}

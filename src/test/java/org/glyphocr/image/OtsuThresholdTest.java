package org.glyphocr.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OtsuThresholdTest {
    @Test
    void twoSeparateModesSplitHalfwayBetweenThem() {
        int[] histogram = new int[256];
        histogram[20] = 500;
        histogram[220] = 100;
        assertEquals(119, OtsuThreshold.of(histogram));
    }

    @Test
    void spreadModesSplitBetweenTheirMeans() {
        int[] histogram = new int[256];
        for (int v = 30; v < 60; v++) histogram[v] = 40;
        for (int v = 170; v < 230; v++) histogram[v] = 10;
        int t = OtsuThreshold.of(histogram);
        assertTrue(t >= 59 && t < 170, "threshold " + t);
    }

    @Test
    void aSingleOccupiedBinCannotBeSplit() {
        int[] histogram = new int[256];
        histogram[77] = 1000;
        assertEquals(-1, OtsuThreshold.of(histogram));
        assertEquals(-1, OtsuThreshold.of(new int[256]));
    }
}

package org.glyphocr.image;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PaperBackgroundTest {
    /** Paper {@code 200 + 0.3x − 0.2y} with Gaussian grain of σ 4, and a dark bar crossing the top border. */
    private static byte[] shadedPaper(int w, int h) {
        SplittableRandom random = new SplittableRandom(1);
        byte[] lum = new byte[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double v = 200 + 0.3 * x - 0.2 * y + 4 * random.nextGaussian();
                if (x >= 40 && x < 50 && y < 30) v = 60; // ink reaching the border
                lum[y * w + x] = (byte) Math.max(0, Math.min(255, Math.round(v)));
            }
        }
        return lum;
    }

    @Test
    void recoversTheShadingAndTheGrainDespiteInkAtTheBorder() {
        PaperBackground paper = PaperBackground.fit(shadedPaper(100, 80), 100, 80, 130, true, 0);
        assertEquals(200, paper.a(), 1.5);
        assertEquals(0.3, paper.b(), 0.02);
        assertEquals(-0.2, paper.c(), 0.02);
        assertEquals(4, paper.grain(), 0.6);
    }

    @Test
    void paperAloneIsNotBiasedByASplitThroughItsGrain() {
        int w = 60;
        byte[] lum = new byte[w * w];
        SplittableRandom random = new SplittableRandom(2);
        for (int i = 0; i < lum.length; i++) lum[i] = (byte) (200 + random.nextInt(-8, 9));
        // Otsu splits pure grain near its middle; paper is then only the brighter half.
        PaperBackground paper = PaperBackground.fit(lum, w, w, 200, true, 0);
        assertEquals(200, paper.level(30, 30), 1);
        // Uniform grain on ±8 has σ 4.9; the median-based estimate, exact for Gaussian grain, reads it as 1.4826 × 4.25.
        assertEquals(6.3, paper.grain(), 0.5);
    }

    @Test
    void tooLittlePaperAtTheBorderFallsBackToTheGivenLevel() {
        byte[] lum = new byte[3 * 2];
        java.util.Arrays.fill(lum, (byte) 10); // all ink, with dark ink
        PaperBackground paper = PaperBackground.fit(lum, 3, 2, 128, true, 240);
        assertEquals(240, paper.level(1, 1));
        assertEquals(0, paper.grain());
    }
}

package org.glyphocr.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.glyphocr.image.AreaResampler.Plane;
import org.junit.jupiter.api.Test;

class AreaResamplerTest {
    private static float[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) r.nextDouble();
        return v;
    }

    private static double sum(float[] v) {
        double s = 0;
        for (float x : v) s += x;
        return s;
    }

    @Test
    void unitScaleAtAWholeOffsetCopies() {
        float[] src = random(6 * 4, 1);
        float[] dst = new float[8 * 7];
        AreaResampler.resample(src, 6, 4, 1.0, 1, 2, dst, 8, 7);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 6; x++) assertEquals(src[y * 6 + x], dst[(y + 2) * 8 + x + 1], 1e-6);
        }
    }

    @Test
    void halvingAveragesTwoByTwoBlocks() {
        float[] src = {1, 0, 0, 0, 1, 1, 0, 0, 0, 1, 1, 1, 0, 0, 1, 1};
        float[] dst = new float[4];
        AreaResampler.resample(src, 4, 4, 0.5, 0, 0, dst, 2, 2);
        assertArrayEquals(new float[] {0.75f, 0f, 0.25f, 1f}, dst, 1e-6f);
    }

    @Test
    void doublingRepeatsEachPixel() {
        float[] src = {0.25f, 1f};
        float[] dst = new float[4 * 2];
        AreaResampler.resample(src, 2, 1, 2.0, 0, 0, dst, 4, 2);
        assertArrayEquals(new float[] {0.25f, 0.25f, 1f, 1f, 0.25f, 0.25f, 1f, 1f}, dst, 1e-6f);
    }

    @Test
    void inkIsConservedAtAnyScaleAndOffset() {
        float[] src = random(53 * 41, 2);
        for (double scale : new double[] {0.013, 0.37, 1.0, 2.71}) {
            int size = (int) Math.ceil(53 * scale) + 3;
            float[] dst = new float[size * size];
            AreaResampler.resample(src, 53, 41, scale, 1.3, 0.6, dst, size, size);
            assertEquals(sum(src) * scale * scale, sum(dst), 1e-4 * sum(src) * scale * scale, "scale " + scale);
        }
    }

    @Test
    void oneWideLineShrunkFiftyTimesLeavesAFiftiethOfInk() {
        int n = 1000;
        float[] src = new float[n * n];
        for (int y = 0; y < n; y++) src[y * n + 517] = 1f;
        float[] dst = new float[20 * 20];
        AreaResampler.resample(src, n, n, 0.02, 0, 0, dst, 20, 20);
        for (int y = 0; y < 20; y++) assertEquals(0.02f, dst[y * 20 + 10], 1e-5f);
    }

    @Test
    void shearingMovesRowsAndKeepsEachRowsInk() {
        float[] src = new float[3 * 4];
        for (int y = 0; y < 4; y++) src[y * 3 + 1] = 1f; // a vertical line at x = 1.5
        Plane sheared = AreaResampler.shearRows(src, 3, 4, 0.5, 2.0);
        double[] centres = new double[4];
        for (int y = 0; y < 4; y++) {
            double rowInk = 0;
            for (int x = 0; x < sheared.width(); x++) {
                float v = sheared.data()[y * sheared.width() + x];
                rowInk += v;
                centres[y] += (x + 0.5) * v;
            }
            assertEquals(1.0, rowInk, 1e-6);
        }
        // Each row lower down moves 0.5 px further left: x' = x - 0.5 (y - cy).
        for (int y = 1; y < 4; y++) assertEquals(-0.5 * y, centres[y] - centres[0], 1e-6);
    }
}

package org.glyphocr.image;

import org.junit.jupiter.api.Test;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StrokeNormalizerTest {
    private static BufferedImage ring(float strokeWidth) {
        BufferedImage image = new BufferedImage(400, 400, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 400, 400);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(strokeWidth));
        g.draw(new Ellipse2D.Double(60, 60, 280, 280));
        g.dispose();
        return image;
    }

    private static double inkOf(Glyph glyph) {
        double ink = 0;
        for (float v : glyph.values()) ink += 0.5 - v;
        return ink;
    }

    @Test
    void widthEstimateOfABarIsItsWidth() {
        int w = 200;
        int h = 100;
        float[] ink = new float[w * h];
        for (int y = 40; y < 48; y++) for (int x = 10; x < 190; x++) ink[y * w + x] = 1f;
        // An 8-pixel horizontal bar; the estimate assumes strokes of every direction, so it reads 8·4/π·(180/188).
        assertEquals(8 * 4 / Math.PI * 180 / 188, StrokeNormalizer.estimateWidth(ink, w, h), 0.1);
    }

    @Test
    void pencilAndMarkerRingsComeOutAlike() {
        Preprocessor plain = new Preprocessor(PreprocessSettings.builder().strokeWidth(0).build());
        Preprocessor normalized = new Preprocessor(PreprocessSettings.builder().strokeWidth(2).build());
        double thinPlain = inkOf(plain.process(ring(3)).orElseThrow());
        double thickPlain = inkOf(plain.process(ring(24)).orElseThrow());
        double thin = inkOf(normalized.process(ring(3)).orElseThrow());
        double thick = inkOf(normalized.process(ring(24)).orElseThrow());
        assertTrue(thickPlain > 3 * thinPlain, "as drawn, the marker ring has far more ink: " + thinPlain + " vs " + thickPlain);
        assertTrue(Math.abs(thick - thin) < 0.25 * thick, "normalized: " + thin + " vs " + thick);
    }

    @Test
    void filterPassesEqualTheNeighbourhoodMaximumAndMinimum() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(11);
        for (int round = 0; round < 300; round++) {
            int w = 1 + random.nextInt(9);
            int h = 1 + random.nextInt(9);
            float[] src = randomInk(random, w * h);
            for (boolean square : new boolean[]{true, false}) {
                for (boolean grow : new boolean[]{true, false}) {
                    float[] dst = new float[src.length];
                    StrokeNormalizer.filter3x3(src, dst, w, h, square, grow);
                    for (int y = 0; y < h; y++) {
                        for (int x = 0; x < w; x++) {
                            float expected = src[y * w + x];
                            for (int dy = -1; dy <= 1; dy++) {
                                for (int dx = -1; dx <= 1; dx++) {
                                    if (!square && dx != 0 && dy != 0) continue;
                                    int nx = x + dx;
                                    int ny = y + dy;
                                    float v = nx < 0 || ny < 0 || nx >= w || ny >= h ? 0f : src[ny * w + nx];
                                    expected = grow ? Math.max(expected, v) : Math.min(expected, v);
                                }
                            }
                            assertEquals(expected, dst[y * w + x], w + "x" + h + " square=" + square + " grow=" + grow + " at " + x + "," + y);
                        }
                    }
                }
            }
        }
    }

    /** The width estimate as first written, pixel by pixel: estimateWidth must give these bits. */
    private static double widthByDefinition(float[] ink, int w, int h) {
        double area = 0;
        double variation = 0;
        for (int y = 0; y < h; y++) {
            int row = y * w;
            variation += ink[row] + ink[row + w - 1];
            for (int x = 0; x < w; x++) {
                float v = ink[row + x];
                area += v;
                if (x + 1 < w) variation += Math.abs(ink[row + x + 1] - v);
                if (y + 1 < h) variation += Math.abs(ink[row + w + x] - v);
            }
        }
        for (int x = 0; x < w; x++) variation += ink[x] + ink[(h - 1) * w + x];
        return variation == 0 ? 0 : 8 / Math.PI * area / variation;
    }

    @Test
    void widthEstimateGivesTheSameBitsAsPixelByPixel() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(12);
        for (int round = 0; round < 500; round++) {
            int w = 1 + random.nextInt(30);
            int h = 1 + random.nextInt(30);
            float[] ink = randomInk(random, w * h);
            assertEquals(widthByDefinition(ink, w, h), StrokeNormalizer.estimateWidth(ink, w, h), 0.0, w + "x" + h);
        }
    }

    /** Ink values in [0, 1), a third of them exactly paper (0). */
    private static float[] randomInk(java.util.SplittableRandom random, int length) {
        float[] ink = new float[length];
        for (int i = 0; i < length; i++) ink[i] = random.nextInt(3) == 0 ? 0f : (float) random.nextDouble();
        return ink;
    }
}

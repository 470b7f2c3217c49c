package org.glyphocr.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class LuminanceConverterTest {
    /** The definition: luma of getRGB's sRGB colour, composited over white by its alpha. */
    private static int reference(BufferedImage image, int x, int y) {
        int p = image.getRGB(x, y);
        int l = LuminanceConverter.luma((p >>> 16) & 0xff, (p >>> 8) & 0xff, p & 0xff);
        return LuminanceConverter.overWhite(l, p >>> 24);
    }

    private static BufferedImage randomImage(int type, long seed) {
        BufferedImage image = new BufferedImage(37, 23, type);
        SplittableRandom random = new SplittableRandom(seed);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) image.setRGB(x, y, random.nextInt());
        }
        return image;
    }

    @ParameterizedTest
    @ValueSource(ints = {
        BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_INT_ARGB, BufferedImage.TYPE_INT_BGR,
        BufferedImage.TYPE_3BYTE_BGR, BufferedImage.TYPE_4BYTE_ABGR, BufferedImage.TYPE_BYTE_GRAY,
        BufferedImage.TYPE_USHORT_GRAY, BufferedImage.TYPE_BYTE_INDEXED, BufferedImage.TYPE_USHORT_565_RGB,
        BufferedImage.TYPE_BYTE_BINARY
    })
    void everyImageTypeGivesTheLumaOfItsSrgbColour(int type) {
        BufferedImage image = randomImage(type, type);
        byte[] lum = LuminanceConverter.toLuminance(image);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                assertEquals(reference(image, x, y), lum[y * image.getWidth() + x] & 0xff, "type " + type + " at " + x + "," + y);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {BufferedImage.TYPE_INT_ARGB_PRE, BufferedImage.TYPE_4BYTE_ABGR_PRE})
    void premultipliedAlphaAgreesWithinRounding(int type) {
        BufferedImage image = randomImage(type, 5);
        byte[] lum = LuminanceConverter.toLuminance(image);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int diff = Math.abs(reference(image, x, y) - (lum[y * image.getWidth() + x] & 0xff));
                assertTrue(diff <= 2, "off by " + diff + " at " + x + "," + y);
            }
        }
    }

    @Test
    void fullyTransparentPixelsArePaperWhite() {
        BufferedImage image = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
        image.setRGB(0, 0, 0x00000000);
        image.setRGB(1, 0, 0xff000000);
        byte[] lum = LuminanceConverter.toLuminance(image);
        assertEquals(255, lum[0] & 0xff);
        assertEquals(0, lum[1] & 0xff);
    }

    @Test
    void subimagesReadTheirOwnRegion() {
        BufferedImage image = randomImage(BufferedImage.TYPE_3BYTE_BGR, 9);
        BufferedImage part = image.getSubimage(5, 7, 20, 10);
        byte[] whole = LuminanceConverter.toLuminance(image);
        byte[] lum = LuminanceConverter.toLuminance(part);
        for (int y = 0; y < 10; y++) {
            for (int x = 0; x < 20; x++) assertEquals(whole[(y + 7) * 37 + x + 5], lum[y * 20 + x]);
        }
    }
}

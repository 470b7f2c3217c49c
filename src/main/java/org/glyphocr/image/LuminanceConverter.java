package org.glyphocr.image;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;

/**
 * Converts any {@link BufferedImage} to 8-bit luminance, {@code 0} black to {@code 255} white.
 *
 * <p>Every pixel is read as {@link BufferedImage#getRGB} would give it (sRGB, gamma-encoded), then
 * weighted with Rec. 601, {@code Y = 0.299 R + 0.587 G + 0.114 B}. That includes Java's own
 * convention that {@code TYPE_BYTE_GRAY} and {@code TYPE_USHORT_GRAY} samples are linear light
 * (Commons Imaging and {@code Graphics2D} write them so; a sample of 55 is the sRGB gray 128).
 * Pixels with alpha are composited over white paper, so a transparent pixel is background.
 * The common image types are read through the raster a row at a time; other types (indexed,
 * 16-bit, custom) go through {@code getRGB}.
 */
final class LuminanceConverter {
    /** What {@code getRGB} gives for each {@code TYPE_BYTE_GRAY} sample. Filled once, then only read. */
    private static final byte[] LINEAR_GRAY_TO_SRGB = linearGrayToSrgb();

    private LuminanceConverter() {
    }

    private static byte[] linearGrayToSrgb() {
        GrayConversionTables.fill(); // before the JDK's table is copied: see there
        BufferedImage ramp = new BufferedImage(256, 1, BufferedImage.TYPE_BYTE_GRAY);
        byte[] table = new byte[256];
        for (int v = 0; v < 256; v++) ramp.getRaster().setSample(v, 0, 0, v);
        for (int v = 0; v < 256; v++) table[v] = (byte) ramp.getRGB(v, 0);
        return table;
    }

    /**
     * The luminance of each pixel, row-major.
     *
     * @return a new array of {@code width * height} unsigned bytes
     * @throws IllegalArgumentException if the image has more than {@code Integer.MAX_VALUE - 16} pixels
     */
    static byte[] toLuminance(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        long n = (long) w * h;
        if (n > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("image is " + w + " x " + h + " pixels, too many to preprocess");
        }
        byte[] lum = new byte[(int) n];
        WritableRaster raster = image.getRaster();
        switch (image.getType()) {
            case BufferedImage.TYPE_BYTE_GRAY -> {
                byte[] row = new byte[w];
                for (int y = 0; y < h; y++) {
                    raster.getDataElements(0, y, w, 1, row);
                    for (int x = 0, i = y * w; x < w; x++, i++) lum[i] = LINEAR_GRAY_TO_SRGB[row[x] & 0xff];
                }
            }
            case BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_INT_ARGB,
                    BufferedImage.TYPE_INT_ARGB_PRE, BufferedImage.TYPE_INT_BGR -> fromPackedInts(image, raster, lum);
            case BufferedImage.TYPE_3BYTE_BGR, BufferedImage.TYPE_4BYTE_ABGR,
                    BufferedImage.TYPE_4BYTE_ABGR_PRE -> fromInterleavedBytes(image, raster, lum);
            default -> fromRgb(image, lum);
        }
        return lum;
    }

    private static void fromPackedInts(BufferedImage image, WritableRaster raster, byte[] lum) {
        int w = image.getWidth();
        int type = image.getType();
        int[] row = new int[w];
        if (type == BufferedImage.TYPE_INT_RGB) {
            // Opaque, the type of decoded colour PNGs and of read's levelled lines and glyphs: a loop
            // without the alpha arithmetic, which is the identity at full opacity.
            for (int y = 0; y < image.getHeight(); y++) {
                raster.getDataElements(0, y, w, 1, row);
                for (int x = 0, i = y * w; x < w; x++, i++) {
                    int p = row[x];
                    lum[i] = (byte) luma((p >>> 16) & 0xff, (p >>> 8) & 0xff, p & 0xff);
                }
            }
            return;
        }
        for (int y = 0; y < image.getHeight(); y++) {
            raster.getDataElements(0, y, w, 1, row);
            int base = y * w;
            for (int x = 0; x < w; x++) {
                int p = row[x];
                int a = 255;
                int r;
                int b;
                if (type == BufferedImage.TYPE_INT_BGR) {
                    r = p & 0xff;
                    b = (p >>> 16) & 0xff;
                } else {
                    r = (p >>> 16) & 0xff;
                    b = p & 0xff;
                    a = p >>> 24; // TYPE_INT_ARGB or TYPE_INT_ARGB_PRE: TYPE_INT_RGB took the loop above
                }
                int l = luma(r, (p >>> 8) & 0xff, b);
                lum[base + x] = (byte) (type == BufferedImage.TYPE_INT_ARGB_PRE ? overWhitePremultiplied(l, a) : overWhite(l, a));
            }
        }
    }

    private static void fromInterleavedBytes(BufferedImage image, WritableRaster raster, byte[] lum) {
        int w = image.getWidth();
        int bands = raster.getNumBands(); // 3 (R, G, B) or 4 (R, G, B, A), in band order
        boolean premultiplied = image.getType() == BufferedImage.TYPE_4BYTE_ABGR_PRE;
        byte[] row = new byte[w * bands];
        for (int y = 0; y < image.getHeight(); y++) {
            raster.getDataElements(0, y, w, 1, row);
            int base = y * w;
            for (int x = 0, i = 0; x < w; x++, i += bands) {
                int l = luma(row[i] & 0xff, row[i + 1] & 0xff, row[i + 2] & 0xff);
                int a = bands == 4 ? row[i + 3] & 0xff : 255;
                lum[base + x] = (byte) (premultiplied ? overWhitePremultiplied(l, a) : overWhite(l, a));
            }
        }
    }

    private static void fromRgb(BufferedImage image, byte[] lum) {
        int w = image.getWidth();
        int[] row = new int[w];
        for (int y = 0; y < image.getHeight(); y++) {
            image.getRGB(0, y, w, 1, row, 0, w); // non-premultiplied sRGB ARGB whatever the source
            int base = y * w;
            for (int x = 0; x < w; x++) {
                int p = row[x];
                int l = luma((p >>> 16) & 0xff, (p >>> 8) & 0xff, p & 0xff);
                lum[base + x] = (byte) overWhite(l, p >>> 24);
            }
        }
    }

    /** Rec. 601 luma in 8-bit fixed point: weights 77, 150, 29 out of 256. */
    static int luma(int r, int g, int b) {
        return (77 * r + 150 * g + 29 * b + 128) >> 8;
    }

    /** {@code l} at opacity {@code a} (0..255) over white: {@code l·a/255 + 255·(1 − a/255)}. */
    static int overWhite(int l, int a) {
        return (l * a + 255 * (255 - a) + 127) / 255;
    }

    /** As {@link #overWhite}, for a luminance already multiplied by its opacity. */
    private static int overWhitePremultiplied(int l, int a) {
        return Math.min(255, l + 255 - a);
    }
}

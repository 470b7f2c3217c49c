package org.glyphocr.image;

import java.awt.image.BufferedImage;

/**
 * Fills the JDK's shared tables for gray images before any thread of ours makes or reads one.
 *
 * <p>{@link java.awt.image.ColorModel} builds its linear-gray and sRGB conversion tables lazily,
 * in static fields, and publishes each array before filling it (JDK 17 to 25 alike). Two threads
 * that make or read their first gray image at the same moment can therefore convert with a table
 * that is still partly zeros: one glyph decoded with black pixels and read as another digit, or,
 * when {@link LuminanceConverter} copies the table, every gray image read as black, hence blank.
 * {@code classify --threads 2} did so in about 1 run in 14 over 3,000 gray PNGs. The classes that
 * every decode and every preprocessing pass through call {@link #fill()} from their static
 * initialisers ({@link ImageDecoder}, {@link LuminanceConverter}); the JVM's class initialisation
 * then makes every other thread wait until the tables are full. Gray images made concurrently by
 * code outside glyph-ocr before that can still race with each other.
 */
final class GrayConversionTables {
    private GrayConversionTables() {
    }

    /** Converts one pixel each way for 8- and 16-bit gray, which builds every table those conversions use. */
    static void fill() {
        for (int type : new int[]{BufferedImage.TYPE_BYTE_GRAY, BufferedImage.TYPE_USHORT_GRAY}) {
            BufferedImage pixel = new BufferedImage(1, 1, type);
            pixel.setRGB(0, 0, 0xff808080);
            pixel.getRGB(0, 0);
        }
    }
}

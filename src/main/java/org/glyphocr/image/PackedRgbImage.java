package org.glyphocr.image;

import org.apache.commons.imaging.common.BufferedImageFactory;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/**
 * A {@code TYPE_INT_RGB} or {@code TYPE_INT_ARGB} image whose {@link #setRGB(int, int, int)} stores
 * the pixel straight into its array. Commons Imaging's PNG decoder sets every pixel through
 * {@code setRGB}, which the JDK routes through the color model and raster, allocating for each
 * pixel: that was a tenth of the time of {@code read}. For these two types the color model stores
 * the sRGB value as it is (without alpha for {@code TYPE_INT_RGB}), so the pixels are the same.
 */
final class PackedRgbImage extends BufferedImage {
    /** The factory that {@link ImageDecoder} gives Commons Imaging. */
    static final Factory FACTORY = new Factory();

    /**
     * Color images as {@code PackedRgbImage}; grayscale ones as Commons Imaging makes them
     * ({@code TYPE_BYTE_GRAY}, whose samples go through a color conversion that this class does not
     * repeat). Stateless.
     */
    record Factory() implements BufferedImageFactory {
        @Override
        public BufferedImage getColorBufferedImage(int width, int height, boolean hasAlpha) {
            return new PackedRgbImage(width, height, hasAlpha);
        }

        @Override
        public BufferedImage getGrayscaleBufferedImage(int width, int height, boolean hasAlpha) {
            return hasAlpha ? new PackedRgbImage(width, height, true) : new BufferedImage(width, height, TYPE_BYTE_GRAY);
        }
    }

    private final int[] pixels;
    private final int width;
    private final int height;
    private final int mask;

    PackedRgbImage(int width, int height, boolean hasAlpha) {
        super(width, height, hasAlpha ? TYPE_INT_ARGB : TYPE_INT_RGB);
        this.pixels = ((DataBufferInt) getRaster().getDataBuffer()).getData();
        this.width = width;
        this.height = height;
        this.mask = hasAlpha ? 0xffffffff : 0x00ffffff;
    }

    @Override
    public void setRGB(int x, int y, int rgb) {
        if (x < 0 || y < 0 || x >= width || y >= height) throw new ArrayIndexOutOfBoundsException("Coordinate out of bounds!");
        pixels[y * width + x] = rgb & mask;
    }
}

package org.glyphocr.image;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import org.apache.commons.imaging.ImageFormats;
import org.apache.commons.imaging.Imaging;

/**
 * A preprocessed character image: {@value #SIZE}×{@value #SIZE} network inputs, immutable.
 *
 * <p>Each value lies in {@code [-0.5, 0.5]}: {@code -0.5} is full ink, {@code +0.5} is paper, and
 * values between are partial ink (anti-aliased edges, light strokes). Values are stored row-major,
 * {@code values[y * SIZE + x]}, with {@code (0, 0)} the top-left pixel. This is the form every model
 * consumes, whatever the polarity, size or contrast of the original image.
 */
public final class Glyph {
    /** Side of the square frame, in pixels. */
    public static final int SIZE = 20;
    /** Number of values, {@code SIZE * SIZE}. */
    public static final int PIXELS = SIZE * SIZE;
    /** The largest scale {@link #toImage(int)} accepts (a 2000×2000 image). */
    public static final int MAX_IMAGE_SCALE = 100;

    private final float[] values;

    /** Wraps {@code values} without copying or checking; callers hand over ownership of a valid array. */
    Glyph(float[] values) {
        this.values = values;
    }

    /**
     * A glyph holding a copy of the given values.
     *
     * <p>{@code -0.0f} is stored as {@code 0.0f}, so that glyphs that look the same are equal.
     *
     * @param values {@value #PIXELS} values, row-major, each finite and within {@code [-0.5, 0.5]}.
     *     Not modified.
     * @throws IllegalArgumentException if the length is not {@value #PIXELS} or a value is out of
     *     range, naming its index and value
     */
    public static Glyph of(float[] values) {
        Objects.requireNonNull(values, "values");
        if (values.length != PIXELS) {
            throw new IllegalArgumentException("a glyph needs " + PIXELS + " values, got " + values.length);
        }
        float[] copy = new float[PIXELS];
        for (int i = 0; i < PIXELS; i++) {
            float v = values[i];
            // The negated comparison also rejects NaN.
            if (!(v >= -0.5f && v <= 0.5f)) {
                throw new IllegalArgumentException("glyph value " + i + " (x=" + i % SIZE + ", y=" + i / SIZE
                        + ") must be finite and within [-0.5, 0.5], was " + v);
            }
            copy[i] = v + 0.0f; // turns -0.0f into 0.0f
        }
        return new Glyph(copy);
    }

    /** A glyph with no ink: every value {@code +0.5}. */
    public static Glyph blank() {
        float[] paper = new float[PIXELS];
        Arrays.fill(paper, 0.5f);
        return new Glyph(paper);
    }

    /** A copy of the {@value #PIXELS} values, row-major. */
    public float[] values() {
        return values.clone();
    }

    /**
     * The value at column {@code x}, row {@code y}.
     *
     * @param x column, {@code 0..SIZE-1}, left to right
     * @param y row, {@code 0..SIZE-1}, top to bottom
     * @return a value in {@code [-0.5, 0.5]}; {@code -0.5} is full ink
     * @throws IndexOutOfBoundsException if {@code x} or {@code y} is outside the frame
     */
    public float value(int x, int y) {
        Objects.checkIndex(x, SIZE);
        Objects.checkIndex(y, SIZE);
        return values[y * SIZE + x];
    }

    /**
     * Copies the {@value #PIXELS} values into {@code dst[offset .. offset + PIXELS - 1]}, allocating
     * nothing; use it to fill one row of an input batch.
     *
     * @param dst destination array. Modified.
     * @param offset index in {@code dst} of the first value
     * @throws IndexOutOfBoundsException if the values do not fit in {@code dst} at {@code offset}
     */
    public void copyInto(float[] dst, int offset) {
        Objects.checkFromIndexSize(offset, PIXELS, dst.length);
        System.arraycopy(values, 0, dst, offset, PIXELS);
    }

    /**
     * Renders the glyph for people: paper white, ink black, each value a {@code scale}×{@code scale}
     * block of gray {@code round((value + 0.5) · 255)}.
     *
     * <p>The image is RGB with equal channels rather than {@code TYPE_BYTE_GRAY}, because Java
     * treats {@code TYPE_BYTE_GRAY} samples as linear light and would show and save mid-tones
     * brighter than they are.
     *
     * @param scale pixels per glyph value along each axis, {@code 1..MAX_IMAGE_SCALE}
     * @return a new {@code TYPE_INT_RGB} image of {@code SIZE*scale} square pixels
     * @throws IllegalArgumentException if {@code scale} is out of range
     */
    public BufferedImage toImage(int scale) {
        if (scale < 1 || scale > MAX_IMAGE_SCALE) {
            throw new IllegalArgumentException("scale must be within 1.." + MAX_IMAGE_SCALE + ", was " + scale);
        }
        int side = SIZE * scale;
        BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        WritableRaster raster = image.getRaster();
        int[] row = new int[side];
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                int gray = Math.round((values[y * SIZE + x] + 0.5f) * 255f);
                Arrays.fill(row, x * scale, (x + 1) * scale, gray * 0x010101);
            }
            for (int dy = 0; dy < scale; dy++) raster.setDataElements(0, y * scale + dy, side, 1, row);
        }
        return image;
    }

    /**
     * Writes {@link #toImage(int) toImage(scale)} as a PNG file, replacing any existing file.
     *
     * @throws IllegalArgumentException if {@code scale} is out of range
     * @throws IOException if the file cannot be written
     */
    public void writePng(Path file, int scale) throws IOException {
        Objects.requireNonNull(file, "file");
        BufferedImage image = toImage(scale);
        try (OutputStream out = Files.newOutputStream(file)) {
            Imaging.writeImage(image, out, ImageFormats.PNG);
        }
    }

    /** Whether {@code o} is a glyph with the same values (compared as {@link Arrays#equals(float[], float[])}). */
    @Override
    public boolean equals(Object o) {
        return o instanceof Glyph g && Arrays.equals(values, g.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    /** A one-line summary: how many values hold any ink and the mean ink, e.g. {@code Glyph[20x20, inked=83, meanInk=0.162]}. */
    @Override
    public String toString() {
        int inked = 0;
        double ink = 0;
        for (float v : values) {
            if (v < 0.5f) inked++;
            ink += 0.5 - v;
        }
        return String.format(java.util.Locale.ROOT, "Glyph[%dx%d, inked=%d, meanInk=%.3f]", SIZE, SIZE, inked, ink / PIXELS);
    }
}

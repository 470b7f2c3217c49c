package org.glyphocr.augment;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.commons.imaging.ImageFormats;
import org.apache.commons.imaging.Imaging;
import org.glyphocr.image.Glyph;

/**
 * Glyphs laid out in a grid, so that people can see what training sees: ink black on white paper,
 * each glyph a {@code 20·scale} square, separated and framed by 1-pixel gray gutters. Cells without
 * a glyph stay gray. Gray levels are those of {@link Glyph#toImage(int)}.
 *
 * <p>A sheet with {@code c} columns and {@code r} rows is {@code c·(20·scale + 1) + 1} pixels wide
 * and {@code r·(20·scale + 1) + 1} high.
 */
public final class ContactSheet {
    /** The gutters' gray, {@code 0xA0A0A0}: distinct from both paper and ink. */
    public static final int GUTTER_RGB = 0xA0A0A0;
    /** The most pixels a sheet may have (about 64 million, 256 MiB as RGB integers). */
    static final long MAX_PIXELS = 1L << 26;

    private ContactSheet() {
    }

    /**
     * The glyphs in reading order, {@code columns} to a row. A sheet with fewer glyphs than
     * {@code columns} is only as wide as its glyphs.
     *
     * @param glyphs at least one. Not modified.
     * @param columns glyphs per row, {@code >= 1}
     * @param scale pixels per glyph value, {@code 1..Glyph.MAX_IMAGE_SCALE}
     * @return a new {@code TYPE_INT_RGB} image
     * @throws IllegalArgumentException if {@code glyphs} is empty, {@code columns} or {@code scale}
     *     is out of range, or the sheet would exceed {@value #MAX_PIXELS} pixels
     */
    public static BufferedImage render(List<Glyph> glyphs, int columns, int scale) {
        Objects.requireNonNull(glyphs, "glyphs");
        if (glyphs.isEmpty()) throw new IllegalArgumentException("glyphs must not be empty");
        if (columns < 1) throw new IllegalArgumentException("columns must be >= 1, was " + columns);
        int rows = (glyphs.size() + columns - 1) / columns;
        BufferedImage sheet = blankSheet(Math.min(columns, glyphs.size()), rows, scale);
        for (int i = 0; i < glyphs.size(); i++) draw(sheet, glyphs.get(i), i % columns, i / columns, scale);
        return sheet;
    }

    /**
     * One row per list: typically an original glyph in the first column followed by its
     * augmentations. Rows may differ in length; the sheet is as wide as the longest.
     *
     * @param rows at least one row, and at least one glyph in all. Not modified.
     * @param scale pixels per glyph value, {@code 1..Glyph.MAX_IMAGE_SCALE}
     * @return a new {@code TYPE_INT_RGB} image
     * @throws IllegalArgumentException if there are no glyphs, {@code scale} is out of range, or the
     *     sheet would exceed {@value #MAX_PIXELS} pixels
     */
    public static BufferedImage renderRows(List<List<Glyph>> rows, int scale) {
        Objects.requireNonNull(rows, "rows");
        int columns = 0;
        for (List<Glyph> row : rows) columns = Math.max(columns, Objects.requireNonNull(row, "row").size());
        if (columns == 0) throw new IllegalArgumentException("rows must hold at least one glyph");
        BufferedImage sheet = blankSheet(columns, rows.size(), scale);
        for (int r = 0; r < rows.size(); r++) {
            List<Glyph> row = rows.get(r);
            for (int c = 0; c < row.size(); c++) draw(sheet, row.get(c), c, r, scale);
        }
        return sheet;
    }

    /**
     * Writes {@link #render(List, int, int)} as a PNG file, replacing any existing file.
     *
     * @throws IllegalArgumentException as {@link #render(List, int, int)}
     * @throws IOException if the file cannot be written
     */
    public static void write(List<Glyph> glyphs, int columns, int scale, Path png) throws IOException {
        Objects.requireNonNull(png, "png");
        writePng(render(glyphs, columns, scale), png);
    }

    /**
     * Writes {@link #renderRows(List, int)} as a PNG file, replacing any existing file.
     *
     * @throws IllegalArgumentException as {@link #renderRows(List, int)}
     * @throws IOException if the file cannot be written
     */
    public static void writeRows(List<List<Glyph>> rows, int scale, Path png) throws IOException {
        Objects.requireNonNull(png, "png");
        writePng(renderRows(rows, scale), png);
    }

    private static void writePng(BufferedImage image, Path png) throws IOException {
        try (OutputStream out = Files.newOutputStream(png)) {
            Imaging.writeImage(image, out, ImageFormats.PNG);
        }
    }

    /** A sheet of gutter gray with room for {@code columns × rows} cells. */
    private static BufferedImage blankSheet(int columns, int rows, int scale) {
        if (scale < 1 || scale > Glyph.MAX_IMAGE_SCALE) {
            throw new IllegalArgumentException("scale must be within 1.." + Glyph.MAX_IMAGE_SCALE + ", was " + scale);
        }
        long cell = (long) Glyph.SIZE * scale + 1;
        long width = columns * cell + 1;
        long height = rows * cell + 1;
        if (width * height > MAX_PIXELS) {
            throw new IllegalArgumentException("a contact sheet of " + columns + " x " + rows + " glyphs at scale "
                    + scale + " would be " + width + " x " + height + " pixels, more than " + MAX_PIXELS);
        }
        BufferedImage sheet = new BufferedImage((int) width, (int) height, BufferedImage.TYPE_INT_RGB);
        int[] gutter = new int[(int) width];
        Arrays.fill(gutter, GUTTER_RGB);
        WritableRaster raster = sheet.getRaster();
        for (int y = 0; y < height; y++) raster.setDataElements(0, y, (int) width, 1, gutter);
        return sheet;
    }

    /** Draws one glyph into the cell at {@code (column, row)}. */
    private static void draw(BufferedImage sheet, Glyph glyph, int column, int row, int scale) {
        Objects.requireNonNull(glyph, "glyph");
        int side = Glyph.SIZE * scale;
        int left = column * (side + 1) + 1;
        int top = row * (side + 1) + 1;
        WritableRaster raster = sheet.getRaster();
        int[] line = new int[side];
        for (int y = 0; y < Glyph.SIZE; y++) {
            for (int x = 0; x < Glyph.SIZE; x++) {
                int gray = Math.round((glyph.value(x, y) + 0.5f) * 255f);
                Arrays.fill(line, x * scale, (x + 1) * scale, gray * 0x010101);
            }
            for (int dy = 0; dy < scale; dy++) raster.setDataElements(left, top + y * scale + dy, side, 1, line);
        }
    }
}

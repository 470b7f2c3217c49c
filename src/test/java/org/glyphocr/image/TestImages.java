package org.glyphocr.image;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Builds test images in memory and measures glyphs, so that tests need few committed fixtures. */
final class TestImages {
    static final Path MNIST = Path.of("testdata", "mnist-7k");

    private TestImages() {
    }

    /** The PNG files of one MNIST digit, sorted by name. */
    static List<Path> mnistFiles(int digit) {
        try (Stream<Path> files = Files.list(MNIST.resolve(Integer.toString(digit)))) {
            return files.filter(p -> p.toString().endsWith(".png")).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code index}-th MNIST image of {@code digit}: 28×28 gray, white ink on black. */
    static BufferedImage mnist(int digit, int index) {
        try {
            return ImageDecoder.DEFAULT.decode(mnistFiles(digit).get(index));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new RGB image filled with one gray level. */
    static BufferedImage canvas(int width, int height, int gray) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(gray, gray, gray));
        g.fillRect(0, 0, width, height);
        g.dispose();
        return image;
    }

    /** An anti-aliased graphics context on {@code image}, drawing in the given gray. Dispose it. */
    static Graphics2D pen(BufferedImage image, int gray) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setColor(new Color(gray, gray, gray));
        return g;
    }

    /** Fills {@code shape} in the given gray, anti-aliased. */
    static void fill(BufferedImage image, Shape shape, int gray) {
        Graphics2D g = pen(image, gray);
        g.fill(shape);
        g.dispose();
    }

    /** Strokes {@code shape} with a pen {@code width} pixels wide in the given gray, anti-aliased. */
    static void stroke(BufferedImage image, Shape shape, float width, int gray) {
        Graphics2D g = pen(image, gray);
        g.setStroke(new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(shape);
        g.dispose();
    }

    /** An RGB copy with every gray level {@code v} replaced by {@code 255 − v}. */
    static BufferedImage inverted(BufferedImage image) {
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int v = 255 - gray(image, x, y);
                out.setRGB(x, y, v << 16 | v << 8 | v);
            }
        }
        return out;
    }

    /** An RGB copy whose gray levels equal {@link #gray}. */
    static BufferedImage rgbCopy(BufferedImage image) {
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int v = gray(image, x, y);
                out.setRGB(x, y, v << 16 | v << 8 | v);
            }
        }
        return out;
    }

    /** {@code image} pasted at {@code (x, y)} into a larger gray canvas. */
    static BufferedImage embedded(BufferedImage image, int width, int height, int background, int x, int y) {
        BufferedImage out = canvas(width, height, background);
        Graphics2D g = out.createGraphics();
        g.drawImage(rgbCopy(image), x, y, null);
        g.dispose();
        return out;
    }

    /** {@code image} enlarged {@code factor} times with bicubic interpolation. */
    static BufferedImage upscaledBicubic(BufferedImage image, int factor) {
        BufferedImage out = new BufferedImage(image.getWidth() * factor, image.getHeight() * factor, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.drawImage(rgbCopy(image), 0, 0, out.getWidth(), out.getHeight(), null);
        g.dispose();
        return out;
    }

    /** The sRGB gray level (0..255) of a pixel, as {@code getRGB} gives it. */
    static int gray(BufferedImage image, int x, int y) {
        int rgb = image.getRGB(x, y);
        return LuminanceConverter.luma((rgb >>> 16) & 0xff, (rgb >>> 8) & 0xff, rgb & 0xff);
    }

    /** Ink at {@code (x, y)}, {@code 0.5 − value}, in {@code [0, 1]}. */
    static double ink(Glyph glyph, int x, int y) {
        return 0.5 - glyph.value(x, y);
    }

    /** Total ink of a glyph. */
    static double mass(Glyph glyph) {
        double m = 0;
        for (float v : glyph.values()) m += 0.5 - v;
        return m;
    }

    /** The centre of mass {x, y} of a glyph's ink, each pixel's ink at its centre (x + 0.5, y + 0.5). */
    static double[] centerOfMass(Glyph glyph) {
        double m = 0;
        double sx = 0;
        double sy = 0;
        for (int y = 0; y < Glyph.SIZE; y++) {
            for (int x = 0; x < Glyph.SIZE; x++) {
                double v = ink(glyph, x, y);
                m += v;
                sx += v * (x + 0.5);
                sy += v * (y + 0.5);
            }
        }
        return new double[] {sx / m, sy / m};
    }

    /** How many columns and rows hold ink above {@code level}: {columns, rows}. */
    static int[] inkSpan(Glyph glyph, double level) {
        int x0 = Glyph.SIZE;
        int x1 = -1;
        int y0 = Glyph.SIZE;
        int y1 = -1;
        for (int y = 0; y < Glyph.SIZE; y++) {
            for (int x = 0; x < Glyph.SIZE; x++) {
                if (ink(glyph, x, y) <= level) continue;
                x0 = Math.min(x0, x);
                x1 = Math.max(x1, x);
                y0 = Math.min(y0, y);
                y1 = Math.max(y1, y);
            }
        }
        return new int[] {x1 - x0 + 1, y1 - y0 + 1};
    }

    /** Mean absolute difference of two glyphs' values. */
    static double meanAbsDiff(Glyph a, Glyph b) {
        float[] va = a.values();
        float[] vb = b.values();
        double sum = 0;
        for (int i = 0; i < Glyph.PIXELS; i++) sum += Math.abs(va[i] - vb[i]);
        return sum / Glyph.PIXELS;
    }

    /** The glyph drawn as text, '#' for strong ink, '+' medium, '.' faint; for assertion messages. */
    static String ascii(Glyph glyph) {
        StringBuilder sb = new StringBuilder("\n");
        for (int y = 0; y < Glyph.SIZE; y++) {
            for (int x = 0; x < Glyph.SIZE; x++) {
                double v = ink(glyph, x, y);
                sb.append(v > 0.75 ? '#' : v > 0.4 ? '+' : v > 0.02 ? '.' : ' ');
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}

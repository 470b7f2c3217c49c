package org.glyphocr.augment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.glyphocr.image.Glyph;
import org.glyphocr.image.ImageDecoder;
import org.glyphocr.image.InkImage;
import org.glyphocr.image.Preprocessor;

/** MNIST digits of {@code testdata/mnist-7k} as ink images, and measures of glyphs, for the augmentation tests. */
final class MnistInk {
    static final Path FOLDER = Path.of("testdata", "mnist-7k");

    private MnistInk() {
    }

    /** The first {@code perDigit} files of each digit, in name order, as ink from {@link Preprocessor#DEFAULT}. */
    static List<InkImage> firstOfEachDigit(int perDigit) {
        List<InkImage> inks = new ArrayList<>();
        for (int digit = 0; digit < 10; digit++) {
            try (Stream<Path> files = Files.list(FOLDER.resolve(Integer.toString(digit)))) {
                for (Path file : files.filter(p -> p.toString().endsWith(".png")).sorted().limit(perDigit).toList()) {
                    inks.add(Preprocessor.DEFAULT.extractInk(ImageDecoder.DEFAULT.decode(file)).orElseThrow());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return inks;
    }

    /** Total ink of a glyph, {@code Σ (0.5 − value)}. */
    static double mass(Glyph glyph) {
        double m = 0;
        for (float v : glyph.values()) m += 0.5 - v;
        return m;
    }

    /** Total ink of an ink image. */
    static double mass(InkImage ink) {
        double m = 0;
        for (float v : ink.data()) m += v;
        return m;
    }

    /** Mean absolute difference of two glyphs' values. */
    static double meanAbsDiff(Glyph a, Glyph b) {
        float[] va = a.values();
        float[] vb = b.values();
        double sum = 0;
        for (int i = 0; i < Glyph.PIXELS; i++) sum += Math.abs(va[i] - vb[i]);
        return sum / Glyph.PIXELS;
    }

    /**
     * The angle of the ink's principal axis, in degrees within {@code (−90, 90]}, measured from the
     * x axis towards y (down): {@code ½·atan2(2·mu11, mu20 − mu02)}.
     */
    static double principalAxisDegrees(InkImage ink) {
        double m = 0;
        double sx = 0;
        double sy = 0;
        for (int y = 0; y < ink.height(); y++) {
            for (int x = 0; x < ink.width(); x++) {
                double v = ink.ink(x, y);
                m += v;
                sx += v * x;
                sy += v * y;
            }
        }
        double cx = sx / m;
        double cy = sy / m;
        double mu20 = 0;
        double mu11 = 0;
        double mu02 = 0;
        for (int y = 0; y < ink.height(); y++) {
            for (int x = 0; x < ink.width(); x++) {
                double v = ink.ink(x, y);
                mu20 += v * (x - cx) * (x - cx);
                mu11 += v * (x - cx) * (y - cy);
                mu02 += v * (y - cy) * (y - cy);
            }
        }
        return Math.toDegrees(0.5 * Math.atan2(2 * mu11, mu20 - mu02));
    }

    /** A horizontal bar of full ink, {@code length × thickness} pixels, with one pixel of paper around it. */
    static InkImage bar(int length, int thickness) {
        int w = length + 2;
        int h = thickness + 2;
        float[] data = new float[w * h];
        for (int y = 1; y <= thickness; y++) {
            for (int x = 1; x <= length; x++) data[y * w + x] = 1f;
        }
        return InkImage.of(w, h, data);
    }
}

package org.glyphocr.spark;

import org.apache.spark.sql.SparkSession;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * A small folder of glyphs for the tests, with every kind of bad file: the README's samples (PNG,
 * BMP, GIF, TIFF, JPEG), the first digits of each MNIST class, one in a subfolder and one with a
 * space in its name, a blank image, and files that cannot be decoded (a truncated PNG, random
 * bytes, an empty file, a text file named .png); also two hidden files that must not be read.
 */
final class GlyphFolder {
    /** The repository's testdata/ folder (the build sets glyphocr.testdata; from src/spark, ../../testdata). */
    static final Path TESTDATA = Path.of(System.getProperty("glyphocr.testdata", "../../testdata"));

    /** The names of the files that cannot be decoded. */
    static final List<String> CORRUPT = List.of("truncated.png", "random.png", "empty.png", "text.png");

    private GlyphFolder() {
    }

    /** Writes the folder into {@code dir} and returns every file in it. */
    static List<Path> write(Path dir, int digitsPerClass) throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> samples = Files.list(TESTDATA.resolve("samples"))) {
            for (Path p : samples.sorted().toList()) files.add(Files.copy(p, dir.resolve(p.getFileName())));
        }
        Path nested = Files.createDirectories(dir.resolve("nested/deeper"));
        for (int digit = 0; digit < 10; digit++) {
            try (Stream<Path> s = Files.list(TESTDATA.resolve("mnist-7k").resolve(String.valueOf(digit)))) {
                List<Path> first = s.sorted().limit(digitsPerClass).toList();
                for (int i = 0; i < first.size(); i++) {
                    Path to = digit == 3 && i == 0 ? nested.resolve(first.get(i).getFileName()) : dir.resolve(first.get(i).getFileName());
                    files.add(Files.copy(first.get(i), to));
                }
            }
        }
        files.add(Files.copy(TESTDATA.resolve("mnist-7k/5/5-0000.png"), dir.resolve("five with a space.png")));
        BufferedImage white = new BufferedImage(32, 32, BufferedImage.TYPE_BYTE_GRAY);
        white.getGraphics().fillRect(0, 0, 32, 32);
        Path blank = dir.resolve("blank.png");
        ImageIO.write(white, "png", blank.toFile());
        files.add(blank);
        byte[] png = Files.readAllBytes(TESTDATA.resolve("samples/mnist-0.png"));
        files.add(Files.write(dir.resolve("truncated.png"), Arrays.copyOf(png, png.length / 2)));
        byte[] noise = new byte[700];
        new Random(9).nextBytes(noise);
        files.add(Files.write(dir.resolve("random.png"), noise));
        files.add(Files.write(dir.resolve("empty.png"), new byte[0]));
        files.add(Files.writeString(dir.resolve("text.png"), "these are not the pixels you are looking for\n", StandardCharsets.UTF_8));
        // Hidden by Spark's convention, so not among the files: no row.
        Files.writeString(dir.resolve("_SUCCESS"), "");
        Files.copy(TESTDATA.resolve("samples/mnist-1.png"), dir.resolve(".hidden.png"));
        return files;
    }

    /** A local Spark session for tests: 2 cores, no web UI, small shuffles. */
    static SparkSession localSpark() {
        return SparkSession.builder().master("local[2]").appName("glyph-ocr-spark tests")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2")
                .getOrCreate();
    }
}

import org.glyphocr.augment.AugmentSettings;
import org.glyphocr.augment.Augmenter;
import org.glyphocr.image.InkImage;
import org.glyphocr.image.Preprocessor;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Makes COUNT glyph files from a dataset folder by copying and augmenting its images, for
 * throughput measurements: file i is image i mod N of the folder (sorted), distorted as training
 * distorts it (Augmenter, default settings, seed 1, sample i) and drawn as dark ink on a light
 * margin, saved as PNG in OUT/NNN/ (1,000 files a folder). The same arguments make the same files.
 *
 * <pre>
 * java -cp target/glyph-ocr.jar src/bench/MakeGlyphs.java testdata/mnist-7k /tmp/glyphs-100k 100000
 * </pre>
 */
public class MakeGlyphs {
    private static final int MARGIN = 4;

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: MakeGlyphs DATASET_DIR OUT_DIR COUNT");
            System.exit(2);
        }
        Path source = Path.of(args[0]);
        Path out = Path.of(args[1]);
        int count = Integer.parseInt(args[2]);
        List<Path> images;
        try (Stream<Path> s = Files.walk(source)) {
            images = s.filter(p -> p.toString().endsWith(".png")).sorted().toList();
        }
        Preprocessor preprocessor = Preprocessor.DEFAULT;
        int fitSize = preprocessor.settings().fitSize();
        List<InkImage> inks = new ArrayList<>();
        for (Path p : images) {
            BufferedImage image = ImageIO.read(p.toFile());
            inks.add(Augmenter.toWorkingSize(preprocessor.extractInk(image).orElseThrow(), fitSize));
        }
        Augmenter augmenter = new Augmenter(AugmentSettings.DEFAULT, fitSize);
        IntStream.range(0, count).parallel().forEach(i -> {
            InkImage ink = augmenter.apply(inks.get(i % inks.size()), Augmenter.randomFor(1, 0, i));
            String label = images.get(i % images.size()).getParent().getFileName().toString();
            Path file = out.resolve(String.format("%03d/%06d-%s.png", i / 1000, i, label));
            try {
                Files.createDirectories(file.getParent());
                ImageIO.write(draw(ink), "png", file.toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        System.err.println("MakeGlyphs: " + count + " files in " + out);
    }

    /** Ink as dark gray on white, with a margin of paper round it. */
    private static BufferedImage draw(InkImage ink) {
        BufferedImage image = new BufferedImage(ink.width() + 2 * MARGIN, ink.height() + 2 * MARGIN, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int ix = x - MARGIN;
                int iy = y - MARGIN;
                float v = ix >= 0 && iy >= 0 && ix < ink.width() && iy < ink.height() ? ink.ink(ix, iy) : 0f;
                int gray = Math.round(255 * (1 - v));
                image.getRaster().setSample(x, y, 0, gray);
            }
        }
        return image;
    }
}

package org.glyphocr;

import org.glyphocr.data.DatasetLoader;
import org.glyphocr.data.LabeledGlyphs;
import org.glyphocr.image.ImageDecoder;
import org.glyphocr.model.Model;

import javax.imageio.ImageIO;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.ConvolveOp;
import java.awt.image.IndexColorModel;
import java.awt.image.Kernel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Makes digits look as if written dark on light paper and scanned: each MNIST digit (white on black,
 * 28×28) is inverted to dark ink of a random gray on paper of a random light gray, enlarged 1.5–6×
 * with smooth interpolation, padded with uneven margins, blurred a little, given sensor noise, and
 * saved in turn as PNG, BMP, GIF, TIFF and JPEG. Used by {@code BundledModelTest} and, from the
 * command line, to measure a model on such scans:
 *
 * <pre>
 * java -cp target/glyph-ocr.jar:target/test-classes org.glyphocr.ScannedDigits \
 *      testdata/mnist-7k models/digits.gocr /tmp/scanned-digits
 * java -jar target/glyph-ocr.jar eval --data /tmp/scanned-digits
 * </pre>
 *
 * The second argument names a model whose test split (from its provenance) is the set of digits
 * rendered, so that the model has never seen them.
 */
public final class ScannedDigits {
    private static final String[] FORMATS = {"png", "bmp", "gif", "tiff", "jpg"};

    private ScannedDigits() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: ScannedDigits DATA_DIR MODEL OUT_DIR");
            System.exit(2);
        }
        Model model = Models.load(Path.of(args[1]));
        List<Path> written = write(testSplitFiles(Path.of(args[0]), model), Path.of(args[2]), 1);
        System.err.println("wrote " + written.size() + " scanned-looking digits to " + args[2]);
    }

    /** The files of {@code model}'s test split of the dataset, with their labels. */
    public static List<Labelled> testSplitFiles(Path dataset, Model model) throws IOException {
        LabeledGlyphs all = DatasetLoader.load(dataset, new org.glyphocr.image.Preprocessor(model.preprocessing()), ImageDecoder.DEFAULT).data();
        double validation = Double.parseDouble(model.provenance().trainerSettings().get("validationFraction"));
        double test = Double.parseDouble(model.provenance().trainerSettings().get("testFraction"));
        LabeledGlyphs part = all.split(validation, test, model.provenance().seed()).test();
        List<Labelled> files = new ArrayList<>();
        for (int i = 0; i < part.size(); i++) files.add(new Labelled(dataset.resolve(part.source(i)), part.alphabet().label(part.target(i))));
        return files;
    }

    /** A source image and its label. */
    public record Labelled(Path file, String label) {
    }

    /** Renders every digit into {@code out/<label>/}, cycling through the formats; returns the files. */
    public static List<Path> write(List<Labelled> digits, Path out, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        List<Path> written = new ArrayList<>();
        for (int i = 0; i < digits.size(); i++) {
            Labelled d = digits.get(i);
            BufferedImage source = ImageIO.read(d.file().toFile());
            BufferedImage scan = scan(source, random);
            String format = FORMATS[i % FORMATS.length];
            Path dir = out.resolve(d.label());
            Files.createDirectories(dir);
            String name = d.file().getFileName().toString().replaceFirst("\\.[^.]+$", "") + "." + format;
            Path file = dir.resolve(name);
            if (!ImageIO.write(encodable(scan, format), format.equals("jpg") ? "jpeg" : format, file.toFile())) {
                throw new IOException("no ImageIO writer for " + format);
            }
            written.add(file);
        }
        return written;
    }

    private static BufferedImage scan(BufferedImage mnist, SplittableRandom random) {
        double scale = 1.5 + random.nextDouble() * 4.5;
        int size = (int) Math.round(28 * scale);
        int left = random.nextInt(2, 30);
        int top = random.nextInt(2, 30);
        int width = size + left + random.nextInt(2, 30);
        int height = size + top + random.nextInt(2, 30);
        int paper = random.nextInt(200, 250);
        int ink = random.nextInt(0, 90);
        BufferedImage enlarged = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
        var g = enlarged.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.drawImage(mnist, 0, 0, size, size, null);
        g.dispose();
        BufferedImage page = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double v = 0;
                int sx = x - left;
                int sy = y - top;
                if (sx >= 0 && sy >= 0 && sx < size && sy < size) v = (enlarged.getRaster().getSample(sx, sy, 0)) / 255.0;
                double gray = paper + (ink - paper) * v + random.nextGaussian() * 4;
                page.getRaster().setSample(x, y, 0, (int) Math.max(0, Math.min(255, Math.round(gray))));
            }
        }
        float w = 1f / 9;
        return new ConvolveOp(new Kernel(3, 3, new float[]{w, w, w, w, w, w, w, w, w}), ConvolveOp.EDGE_NO_OP, null).filter(page, null);
    }

    /** BMP and GIF writers want RGB and indexed images. */
    private static BufferedImage encodable(BufferedImage gray, String format) {
        if (format.equals("bmp")) {
            BufferedImage rgb = new BufferedImage(gray.getWidth(), gray.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
            rgb.getGraphics().drawImage(gray, 0, 0, null);
            return rgb;
        }
        if (format.equals("gif")) {
            byte[] levels = new byte[256];
            for (int i = 0; i < 256; i++) levels[i] = (byte) i;
            BufferedImage indexed = new BufferedImage(gray.getWidth(), gray.getHeight(), BufferedImage.TYPE_BYTE_INDEXED,
                    new IndexColorModel(8, 256, levels, levels, levels));
            indexed.getRaster().setRect(gray.getRaster());
            return indexed;
        }
        return gray;
    }
}

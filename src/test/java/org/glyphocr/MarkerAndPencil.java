package org.glyphocr;

import javax.imageio.ImageIO;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Redraws digits as if written with a thick marker or a thin pencil, to check that a network
 * trained on one reads the other. Each MNIST digit is enlarged 4× and its strokes grown (marker:
 * black, about 1.6× as wide) or shrunk (pencil: grey, about a third as wide), dark on white paper.
 * The first 80% of each digit's files become marker samples, the last 20% pencil samples, so the
 * two sets share no digit. The pencil digits are written twice: on clean white paper
 * ({@code pencil}), and as a photo of paper would show them ({@code pencil-on-paper}): lighter
 * (65 levels below the paper rather than 145), on paper of luminance 235 shaded by up to ±10
 * levels in a random direction, with Gaussian grain of σ 6.
 *
 * <pre>
 * java -cp target/glyph-ocr.jar:target/test-classes org.glyphocr.MarkerAndPencil testdata/mnist-7k /tmp/strokes
 * java -jar target/glyph-ocr.jar train --data /tmp/strokes/marker --out /tmp/marker.gocr
 * java -jar target/glyph-ocr.jar eval --model /tmp/marker.gocr --data /tmp/strokes/pencil
 * java -jar target/glyph-ocr.jar eval --model /tmp/marker.gocr --data /tmp/strokes/pencil-on-paper
 * </pre>
 */
public final class MarkerAndPencil {
    static final int SCALE = 4;

    private MarkerAndPencil() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: MarkerAndPencil MNIST_DIR OUT_DIR");
            System.exit(2);
        }
        int[] counts = write(Path.of(args[0]), Path.of(args[1]), Integer.MAX_VALUE);
        System.err.println("wrote " + counts[0] + " marker and " + counts[1] + " pencil digits to " + args[1]);
    }

    /** Writes {@code out/marker/<digit>/} and {@code out/pencil/<digit>/}; returns the two counts. */
    public static int[] write(Path mnist, Path out, int perClassLimit) throws IOException {
        int[] counts = new int[2];
        for (int d = 0; d <= 9; d++) {
            List<Path> files;
            try (Stream<Path> s = Files.list(mnist.resolve(Integer.toString(d)))) {
                files = s.sorted().limit(perClassLimit).toList();
            }
            int markerCount = (int) Math.round(files.size() * 0.8);
            for (int i = 0; i < files.size(); i++) {
                boolean marker = i < markerCount;
                Path dir = Files.createDirectories(out.resolve(marker ? "marker" : "pencil").resolve(Integer.toString(d)));
                BufferedImage drawn = redraw(ImageIO.read(files.get(i).toFile()), marker);
                ImageIO.write(drawn, "png", dir.resolve(files.get(i).getFileName()).toFile());
                counts[marker ? 0 : 1]++;
                if (!marker) {
                    Path onPaper = Files.createDirectories(out.resolve("pencil-on-paper").resolve(Integer.toString(d)));
                    ImageIO.write(onPaper(drawn, new Random(files.get(i).getFileName().toString().hashCode())), "png",
                            onPaper.resolve(files.get(i).getFileName()).toFile());
                }
            }
        }
        return counts;
    }

    /** The digit enlarged, with strokes grown to a marker's or shrunk to a pencil's, dark on white. */
    static BufferedImage redraw(BufferedImage mnist, boolean marker) {
        int size = mnist.getWidth() * SCALE;
        BufferedImage big = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
        var g = big.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.drawImage(mnist, 0, 0, size, size, null);
        g.dispose();
        // MNIST strokes are about 2.5 px of 28 wide, 10 px here: a marker adds 3 px on each side (strokes a fifth of the digit's height, as a broad felt pen writes),
        // a pencil takes 3.5 px off each side and is grey.
        WritableRaster ink = big.getRaster();
        int[] v = ink.getPixels(0, 0, size, size, (int[]) null);
        int[] shaped = marker ? morph(v, size, 3, true) : morph(v, size, 3, false);
        BufferedImage out = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
        int inkLevel = marker ? 0 : 110;
        for (int i = 0; i < shaped.length; i++) {
            double a = shaped[i] / 255.0;
            shaped[i] = (int) Math.round(255 + (inkLevel - 255) * a);
        }
        out.getRaster().setPixels(0, 0, size, size, shaped);
        return out;
    }

    /** A pencil drawing (ink 110 on 255) as lighter pencil on shaded, grainy paper; see the class comment. */
    static BufferedImage onPaper(BufferedImage pencil, Random random) {
        int w = pencil.getWidth();
        int h = pencil.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        double angle = 2 * Math.PI * random.nextDouble();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double coverage = (255 - pencil.getRaster().getSample(x, y, 0)) / (255.0 - 110);
                double paper = 235 + 10 * ((x - w / 2.0) * Math.cos(angle) + (y - h / 2.0) * Math.sin(angle)) / (w / 2.0);
                double v = paper - 65 * coverage + 6 * random.nextGaussian();
                out.getRaster().setSample(x, y, 0, (int) Math.max(0, Math.min(255, Math.round(v))));
            }
        }
        return out;
    }

    /** Grey dilation ({@code grow}) or erosion over a disc of the given radius. */
    private static int[] morph(int[] v, int size, int radius, boolean grow) {
        int[] out = new int[v.length];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int best = grow ? 0 : 255;
                for (int dy = -radius; dy <= radius; dy++) {
                    for (int dx = -radius; dx <= radius; dx++) {
                        if (dx * dx + dy * dy > radius * radius) continue;
                        int xx = x + dx;
                        int yy = y + dy;
                        int s = xx < 0 || yy < 0 || xx >= size || yy >= size ? 0 : v[yy * size + xx];
                        best = grow ? Math.max(best, s) : Math.min(best, s);
                    }
                }
                out[y * size + x] = best;
            }
        }
        return out;
    }
}

package org.glyphocr.image;

import org.apache.commons.imaging.formats.png.PngImageParser;
import org.apache.commons.imaging.bytesource.ByteSource;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PackedRgbImageTest {
    @Test
    void setRgbStoresWhatTheJdkStores() {
        SplittableRandom random = new SplittableRandom(3);
        for (boolean alpha : new boolean[]{false, true}) {
            PackedRgbImage fast = new PackedRgbImage(7, 5, alpha);
            BufferedImage plain = new BufferedImage(7, 5, fast.getType());
            for (int i = 0; i < 2_000; i++) {
                int x = random.nextInt(7);
                int y = random.nextInt(5);
                int rgb = random.nextInt();
                fast.setRGB(x, y, rgb);
                plain.setRGB(x, y, rgb);
            }
            assertArrayEquals(plain.getRGB(0, 0, 7, 5, null, 0, 7), fast.getRGB(0, 0, 7, 5, null, 0, 7));
            assertArrayEquals((int[]) plain.getRaster().getDataElements(0, 0, 7, 5, null), (int[]) fast.getRaster().getDataElements(0, 0, 7, 5, null));
        }
    }

    @Test
    void coordinatesOutsideTheImageFailAsTheJdkDoes() {
        PackedRgbImage image = new PackedRgbImage(4, 3, false);
        BufferedImage plain = new BufferedImage(4, 3, BufferedImage.TYPE_INT_RGB);
        for (int[] xy : new int[][]{{-1, 0}, {4, 0}, {0, -1}, {0, 3}, {5, -2}}) {
            assertThrows(ArrayIndexOutOfBoundsException.class, () -> plain.setRGB(xy[0], xy[1], 0));
            assertThrows(ArrayIndexOutOfBoundsException.class, () -> image.setRGB(xy[0], xy[1], 0));
        }
    }

    @Test
    void pngFilesDecodeToTheSamePixelsAsWithCommonsImagingsOwnImages() throws IOException {
        List<Path> pngs;
        try (Stream<Path> files = Files.walk(Path.of("testdata"))) {
            // Every fixture but the 7,000 MNIST digits, which are all grayscale: a few of those suffice.
            pngs = files.filter(p -> p.toString().endsWith(".png"))
                    .filter(p -> !p.toString().contains("mnist-7k") || p.getFileName().toString().startsWith("100"))
                    .sorted().toList();
        }
        assertTrue(pngs.size() > 30, "testdata holds PNG files: " + pngs.size());
        int color = 0;
        for (Path png : pngs) {
            BufferedImage ours = ImageDecoder.DEFAULT.decode(png);
            if (ours instanceof PackedRgbImage) color++;
            PngImageParser parser = new PngImageParser();
            BufferedImage theirs = parser.getBufferedImage(ByteSource.file(png.toFile()), parser.getDefaultParameters());
            assertEquals(theirs.getType(), ours.getType(), png.toString());
            int w = ours.getWidth();
            int h = ours.getHeight();
            assertArrayEquals(theirs.getRGB(0, 0, w, h, null, 0, w), ours.getRGB(0, 0, w, h, null, 0, w), png.toString());
        }
        assertTrue(color > 10, "color PNG files among them: " + color);
    }
}

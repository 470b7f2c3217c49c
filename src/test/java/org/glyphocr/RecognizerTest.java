package org.glyphocr;

import org.glyphocr.data.LabeledGlyphs;
import org.glyphocr.data.TestDigits;
import org.glyphocr.image.Glyph;
import org.glyphocr.image.ImageDecodeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.util.SplittableRandom;
import java.util.Comparator;
import java.util.Arrays;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecognizerTest {
    private static final Path SEVEN = Path.of("testdata/samples/scan-7.gif");

    @Test
    void candidatesAreOrderedByFallingProbabilityThenByClass() {
        SplittableRandom random = new SplittableRandom(5);
        float[] special = {0f, 1f, 0.5f, Float.MIN_VALUE, Float.MAX_VALUE, 1e-30f, Float.POSITIVE_INFINITY, -1f, -0.25f, Float.NaN};
        for (int round = 0; round < 200; round++) {
            int n = 1 + random.nextInt(90);
            float[] p = new float[n];
            // Few distinct values, so that ties (broken by class index) are common.
            for (int j = 0; j < n; j++) p[j] = random.nextInt(4) == 0 ? special[random.nextInt(special.length)] : random.nextInt(6) / 5f;
            Integer[] expected = new Integer[n];
            for (int j = 0; j < n; j++) expected[j] = j;
            Arrays.sort(expected, Comparator.comparingDouble((Integer j) -> -p[j]).thenComparingInt(j -> j));
            long[] keys = new long[n];
            for (int j = 0; j < n; j++) keys[j] = Recognizer.mostProbableFirst(p[j], j);
            Recognizer.sortSmall(keys);
            int[] actual = Arrays.stream(keys).mapToInt(k -> (int) k).toArray();
            assertArrayEquals(Arrays.stream(expected).mapToInt(Integer::intValue).toArray(), actual, Arrays.toString(p));
        }
    }

    @Test
    void pathBytesImageAndGlyphGiveTheSameAnswer() throws IOException {
        try (Recognizer ocr = Recognizer.digits()) {
            Recognition fromPath = ocr.recognize(SEVEN);
            Recognition fromBytes = ocr.recognize(Files.readAllBytes(SEVEN), "seven");
            BufferedImage image = ImageIO.read(SEVEN.toFile());
            Recognition fromImage = ocr.recognize(image);
            assertEquals("7", fromPath.label());
            assertEquals(fromPath, fromBytes);
            assertEquals(fromPath, fromImage);
            double total = fromPath.candidates().stream().mapToDouble(Candidate::probability).sum();
            assertEquals(1.0, total, 1e-5);
            assertEquals(10, fromPath.candidates().size());
            assertEquals(3, fromPath.topK(3).size());
            assertTrue(fromPath.topK(3).get(0).probability() >= fromPath.topK(3).get(1).probability());
        }
    }

    @Test
    void batchAndSingleCallsAgreeBitForBit() {
        LabeledGlyphs digits = TestDigits.firstOfEachClass(30);
        List<Glyph> glyphs = new ArrayList<>();
        for (int i = 0; i < digits.size(); i++) glyphs.add(digits.glyph(i));
        try (Recognizer ocr = Recognizer.digits()) {
            List<Recognition> batch = ocr.recognizeGlyphs(glyphs);
            for (int i = 0; i < glyphs.size(); i++) assertEquals(ocr.recognize(glyphs.get(i)), batch.get(i), "glyph " + i);
        }
    }

    /**
     * 8 threads × 1,000 classifications of encoded images (decoding, preprocessing and the network)
     * on one shared recognizer give exactly the serial results. {@code bench --only shared} runs the
     * full 8 × 10,000 and measures throughput by thread count.
     */
    @Test
    void oneRecognizerSharedByEightThreadsGivesSerialResults() throws Exception {
        List<byte[]> images = new ArrayList<>();
        try (java.util.stream.Stream<Path> samples = Files.list(Path.of("testdata/samples"))) {
            for (Path p : samples.sorted().toList()) images.add(Files.readAllBytes(p)); // PNG, BMP, GIF, TIFF, JPEG
        }
        try (java.util.stream.Stream<Path> digits = Files.walk(Path.of("testdata/mnist-7k"))) {
            for (Path p : digits.filter(Files::isRegularFile).sorted().limit(190).toList()) images.add(Files.readAllBytes(p));
        }
        int threads = 8;
        int perThread = 1_000;
        try (Recognizer ocr = Recognizer.digits()) {
            List<Recognition> serial = new ArrayList<>();
            for (int i = 0; i < images.size(); i++) serial.add(ocr.recognize(images.get(i), "image " + i));
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<Integer>> mismatches = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int offset = t * 37; // each thread walks the images from its own place
                    mismatches.add(pool.submit(() -> {
                        int wrong = 0;
                        for (int k = 0; k < perThread; k++) {
                            int i = (offset + k) % images.size();
                            if (!ocr.recognize(images.get(i), "image " + i).equals(serial.get(i))) wrong++;
                        }
                        return wrong;
                    }));
                }
                for (Future<Integer> f : mismatches) assertEquals(0, f.get());
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void blankImageIsADistinctResult() {
        BufferedImage white = new BufferedImage(40, 40, BufferedImage.TYPE_INT_RGB);
        white.getGraphics().fillRect(0, 0, 40, 40);
        try (Recognizer ocr = Recognizer.digits()) {
            Recognition r = ocr.recognize(white);
            assertTrue(r.isBlank());
            assertEquals("", r.label());
            assertEquals(0, r.probability());
        }
    }

    @Test
    void recognizeFilesKeepsGoingPastBadFiles() throws IOException {
        Path bad = Files.writeString(Files.createTempFile("bad", ".png"), "not a png");
        try (Recognizer ocr = Recognizer.digits()) {
            List<Recognizer.Outcome> outcomes = ocr.recognizeFiles(List.of(bad, SEVEN));
            assertTrue(outcomes.get(0).error() instanceof ImageDecodeException);
            assertNull(outcomes.get(0).recognition());
            assertEquals("7", outcomes.get(1).recognition().label());
        } finally {
            Files.deleteIfExists(bad);
        }
    }

    /**
     * Encoded bytes read as their files do: the same recognitions bit for bit, blank included, and
     * for a bad image the same message with the caller's name where the path was.
     */
    @Test
    void recognizeEncodedGivesTheFilesAnswers(@TempDir Path dir) throws IOException {
        BufferedImage white = new BufferedImage(30, 30, BufferedImage.TYPE_INT_RGB);
        white.getGraphics().fillRect(0, 0, 30, 30);
        Path blank = dir.resolve("blank.png");
        ImageIO.write(white, "png", blank.toFile());
        byte[] seven = Files.readAllBytes(SEVEN);
        List<Path> files = List.of(SEVEN, Path.of("testdata/samples/mnist-3.png"), blank,
                Files.write(dir.resolve("truncated.gif"), java.util.Arrays.copyOf(seven, seven.length / 2)),
                Files.write(dir.resolve("empty.png"), new byte[0]),
                Files.writeString(dir.resolve("text.png"), "not a png"));
        List<Recognizer.EncodedImage> encoded = new ArrayList<>();
        for (Path f : files) encoded.add(new Recognizer.EncodedImage("upload:" + f.getFileName(), Files.readAllBytes(f)));
        try (Recognizer ocr = Recognizer.digits()) {
            List<Recognizer.Outcome> fromFiles = ocr.recognizeFiles(files);
            List<Recognizer.EncodedOutcome> fromBytes = ocr.recognizeEncoded(encoded);
            assertEquals(files.size(), fromBytes.size());
            for (int i = 0; i < files.size(); i++) {
                Recognizer.EncodedOutcome got = fromBytes.get(i);
                assertEquals(encoded.get(i).name(), got.name());
                assertEquals(fromFiles.get(i).recognition(), got.recognition(), "image " + i);
                IOException expected = fromFiles.get(i).error();
                if (expected == null) {
                    assertNull(got.error());
                } else {
                    assertTrue(got.error() instanceof ImageDecodeException, got.error().toString());
                    assertEquals(expected.getMessage().replace(files.get(i).toString(), got.name()), got.error().getMessage());
                }
            }
            assertEquals("7", fromBytes.get(0).recognition().label());
            assertTrue(fromBytes.get(2).recognition().isBlank());
            for (int i = 3; i < files.size(); i++) assertTrue(fromBytes.get(i).error().getMessage().startsWith("upload:"), "image " + i);
        }
    }

    @Test
    void closingTwiceIsHarmlessAndModelIsRequired() {
        Recognizer ocr = Recognizer.digits();
        ocr.close();
        ocr.close();
        assertThrows(IllegalStateException.class, () -> Recognizer.builder().build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Models.bundled("klingon"));
        assertTrue(e.getMessage().contains("digits"), e.getMessage());
    }

    @Test
    void readingsUnderTheRejectThresholdComeBackUnknown() throws IOException {
        double p;
        try (Recognizer plain = Recognizer.digits()) {
            p = plain.recognize(SEVEN).probability();
        }
        try (Recognizer strict = Recognizer.builder().model(Models.digits()).rejectBelow(Math.nextUp(p)).build();
             Recognizer lenient = Recognizer.builder().model(Models.digits()).rejectBelow(p).build()) {
            Recognition rejected = strict.recognize(SEVEN);
            assertTrue(rejected.isRejected());
            assertEquals(Recognition.UNKNOWN, rejected.label());
            assertEquals("7", rejected.candidates().get(0).label(), "the candidates stay for inspection");
            assertEquals("7", lenient.recognize(SEVEN).label());
        }
        assertThrows(IllegalArgumentException.class, () -> Recognizer.builder().rejectBelow(1.5));
    }
}

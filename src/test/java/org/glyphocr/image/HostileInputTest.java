package org.glyphocr.image;

import org.glyphocr.model.ModelFormatException;
import org.glyphocr.model.ModelReader;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A fuzzing harness for everything that reads untrusted bytes: valid PNG, BMP, GIF, TIFF, PNM and
 * JPEG images and a model file, mutated three ways: truncated at every offset, bits flipped and
 * bytes overwritten at random, and every 2- and 4-byte field of the first 64 bytes (where the
 * formats keep their lengths and dimensions) set to extremes, both byte orders. Each input must decode, or fail with the typed exception ({@link ImageDecodeException},
 * {@link ModelFormatException}), within {@value #SECONDS_PER_INPUT} seconds, and never with an
 * error such as running out of memory. The generator is seeded, so CI tries the same inputs every
 * run; a longer run is {@code mvn -B -ntp test -Dtest=HostileInputTest -Dfuzz.rounds=50 -Dtest.heap=-Xmx256m}
 * (rounds multiply the random flips and overwrites; the JVM's heap capped at 256 MB).
 */
class HostileInputTest {
    static final long SEED = 2026_11_27L;
    static final int SECONDS_PER_INPUT = 10;
    static final int ROUNDS = Integer.getInteger("fuzz.rounds", 1);
    static final int RANDOM_PER_ROUND = 400;
    static final int[] EXTREMES = {0, 1, 0x7F, 0xFF, 0x7FFF, 0xFFFF, 0x7FFF_FFFF, 0xFFFF_FFFF, 0x8000_0000};

    /** Small valid images, one per format: the MNIST zero of the samples, re-encoded. */
    static Map<String, byte[]> seeds() throws IOException {
        BufferedImage zero = ImageIO.read(Path.of("testdata/samples/mnist-0.png").toFile());
        BufferedImage rgb = new BufferedImage(zero.getWidth(), zero.getHeight(), BufferedImage.TYPE_INT_RGB);
        rgb.getGraphics().drawImage(zero, 0, 0, null);
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        seeds.put("PNG", Files.readAllBytes(Path.of("testdata/samples/mnist-0.png")));
        for (String format : new String[] {"bmp", "gif", "tiff", "jpeg"}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertTrue(ImageIO.write(rgb, format, out), "no " + format + " writer");
            seeds.put(format.toUpperCase(java.util.Locale.ROOT), out.toByteArray());
        }
        ByteArrayOutputStream pgm = new ByteArrayOutputStream();
        pgm.write(("P5\n" + zero.getWidth() + " " + zero.getHeight() + "\n255\n").getBytes(StandardCharsets.US_ASCII));
        for (int y = 0; y < zero.getHeight(); y++) for (int x = 0; x < zero.getWidth(); x++) pgm.write(zero.getRGB(x, y) & 0xff);
        seeds.put("PNM", pgm.toByteArray());
        return seeds;
    }

    /** Reads one input: returns normally or throws the typed exception; anything else is a finding. */
    interface Reader {
        void read(byte[] bytes) throws Exception;
    }

    @Test
    void imagesDecodeOrFailWithTheTypedExceptionOnly() throws Exception {
        ImageDecoder decoder = ImageDecoder.DEFAULT;
        List<String> findings = new ArrayList<>();
        StringBuilder tried = new StringBuilder();
        for (Map.Entry<String, byte[]> seed : seeds().entrySet()) {
            assertEquals(28, decoder.decode(seed.getValue(), seed.getKey()).getWidth(), seed.getKey() + " seed must decode");
            int n = fuzz(seed.getKey(), seed.getValue(), bytes -> decoder.decode(bytes, "fuzzed"), ImageDecodeException.class, findings);
            tried.append(String.format(java.util.Locale.ROOT, "%s %d inputs (%d bytes); ", seed.getKey(), n, seed.getValue().length));
        }
        System.out.println("HostileInputTest images: " + tried);
        assertEquals(List.of(), findings);
    }

    @Test
    void modelFilesLoadOrFailWithTheTypedExceptionOnly() throws Exception {
        byte[] model = Files.readAllBytes(Path.of("testdata/golden/tiny.gocr"));
        List<String> findings = new ArrayList<>();
        int n = fuzz("model", model, bytes -> ModelReader.read(bytes, "fuzzed"), ModelFormatException.class, findings);
        System.out.println("HostileInputTest model files: " + n + " inputs (" + model.length + " bytes)");
        assertEquals(List.of(), findings);
    }

    /** One mutated input and how it was made. */
    private record Input(byte[] bytes, String how) {
    }

    /**
     * Every mutation of {@code seed}, made one at a time as the harness asks for it, so that a long
     * run holds one input in memory, not all of them.
     */
    private static java.util.Iterator<Input> mutations(String name, byte[] seed) {
        List<Integer> truncations = new ArrayList<>();
        for (int end = 0; end < seed.length; end++) truncations.add(end);
        List<int[]> fields = new ArrayList<>(); // {offset, width, value, big-endian}
        for (int at = 0; at + 2 <= Math.min(64, seed.length); at++) {
            for (int width : new int[] {2, 4}) {
                if (at + width > seed.length) continue;
                for (int value : EXTREMES) for (int bigEndian = 0; bigEndian < 2; bigEndian++) fields.add(new int[] {at, width, value, bigEndian});
            }
        }
        int randoms = ROUNDS * RANDOM_PER_ROUND;
        SplittableRandom random = new SplittableRandom(SEED ^ name.hashCode());
        return new java.util.Iterator<>() {
            int next;

            @Override
            public boolean hasNext() {
                return next < truncations.size() + fields.size() + randoms;
            }

            @Override
            public Input next() {
                int i = next++;
                if (i < truncations.size()) {
                    return new Input(java.util.Arrays.copyOf(seed, truncations.get(i)), "truncated to " + truncations.get(i) + " bytes");
                }
                i -= truncations.size();
                byte[] b = seed.clone();
                if (i < fields.size()) {
                    int[] f = fields.get(i);
                    for (int k = 0; k < f[1]; k++) b[f[0] + k] = (byte) (f[2] >>> (8 * (f[3] == 1 ? f[1] - 1 - k : k)));
                    return new Input(b, String.format(java.util.Locale.ROOT, "%d bytes at %d set to 0x%x (%s)", f[1], f[0], f[2],
                            f[3] == 1 ? "big-endian" : "little-endian"));
                }
                // Half flip single bits, half overwrite whole bytes, one to eight of them.
                boolean flip = random.nextBoolean();
                int changes = 1 + random.nextInt(8);
                StringBuilder d = new StringBuilder(flip ? "bits flipped:" : "overwritten:");
                for (int c = 0; c < changes; c++) {
                    int at = random.nextInt(b.length);
                    if (flip) {
                        int bit = random.nextInt(8);
                        b[at] ^= (byte) (1 << bit);
                        d.append(' ').append(at).append('.').append(bit);
                    } else {
                        b[at] = (byte) random.nextInt(256);
                        d.append(' ').append(at).append('=').append(b[at] & 0xff);
                    }
                }
                return new Input(b, d.toString());
            }
        };
    }

    /** Runs every mutation of {@code seed} through {@code reader}; returns how many inputs were tried. */
    private static int fuzz(String name, byte[] seed, Reader reader, Class<? extends Exception> typed, List<String> findings)
            throws Exception {
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz-" + name);
            t.setDaemon(true);
            return t;
        });
        int tried = 0;
        try {
            for (java.util.Iterator<Input> it = mutations(name, seed); it.hasNext(); ) {
                Input input = it.next();
                tried++;
                Future<Throwable> outcome = worker.submit(() -> {
                    try {
                        reader.read(input.bytes());
                        return null;
                    } catch (Throwable t) {
                        return t;
                    }
                });
                Throwable t;
                try {
                    t = outcome.get(SECONDS_PER_INPUT, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    findings.add(name + ", " + input.how() + ": still running after " + SECONDS_PER_INPUT + " s");
                    return tried; // the worker is stuck: stop here, the finding says where
                }
                if (t != null && !typed.isInstance(t)) findings.add(name + ", " + input.how() + ": " + t);
                if (t != null && typed.isInstance(t) && (t.getMessage() == null || !t.getMessage().contains("fuzzed"))) {
                    findings.add(name + ", " + input.how() + ": the message does not name the source: " + t.getMessage());
                }
            }
        } finally {
            worker.shutdownNow();
        }
        return tried;
    }
}

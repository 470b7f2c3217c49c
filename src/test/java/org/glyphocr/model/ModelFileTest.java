package org.glyphocr.model;

import org.glyphocr.backend.Predictor;
import org.glyphocr.backend.cpu.CpuBackendProvider;
import org.glyphocr.image.Glyph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelFileTest {
    private static final Path GOLDEN = Path.of("testdata/golden/tiny.gocr");

    @TempDir
    Path dir;

    private static float[] predict(Model model, float[] inputs, int count) {
        float[] out = new float[count * model.architecture().outputSize()];
        try (Predictor p = new CpuBackendProvider().create().predictor(model.parameters())) {
            p.predict(inputs, count, out);
        }
        return out;
    }

    @Test
    void roundTripGivesBitIdenticalPredictions() throws IOException {
        Model model = TestModels.tiny();
        Path file = dir.resolve("tiny.gocr");
        ModelWriter.write(model, file);
        Model back = ModelReader.read(file);
        assertEquals(model, back);
        float[] inputs = new float[50 * Glyph.PIXELS];
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < inputs.length; i++) inputs[i] = (float) random.nextDouble(-0.5, 0.5);
        assertArrayEquals(predict(model, inputs, 50), predict(back, inputs, 50));
        assertEquals(model, ModelReader.read(new ByteArrayInputStream(Files.readAllBytes(file)), "stream"));
    }

    @Test
    void writingTheFixedModelReproducesTheGoldenFile() throws IOException {
        byte[] bytes = ModelWriter.toBytes(TestModels.tiny());
        if (Boolean.getBoolean("glyphocr.regenerateGolden")) {
            Files.createDirectories(GOLDEN.getParent());
            Files.write(GOLDEN, bytes);
        }
        assertTrue(Files.exists(GOLDEN), GOLDEN + " is missing; regenerate with -Dglyphocr.regenerateGolden=true");
        assertArrayEquals(Files.readAllBytes(GOLDEN), bytes, "format drifted from " + GOLDEN);
        assertEquals(TestModels.tiny(), ModelReader.read(GOLDEN));
    }

    @Test
    void writeReplacesAtomicallyAndLeavesNoTemporaryFiles() throws IOException {
        Path file = dir.resolve("m.gocr");
        Files.writeString(file, "old contents");
        ModelWriter.write(TestModels.tiny(), file);
        assertEquals(TestModels.tiny(), ModelReader.read(file));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(file), s.toList());
        }
    }

    @Test
    void failedWriteLeavesTheExistingModelUntouched() throws IOException {
        Path blocker = dir.resolve("not-a-folder");
        Files.writeString(blocker, "x");
        assertThrows(IOException.class, () -> ModelWriter.write(TestModels.tiny(), blocker.resolve("m.gocr")));
        assertEquals("x", Files.readString(blocker));
    }

    private static ModelFormatException reject(byte[] bytes) {
        return assertThrows(ModelFormatException.class, () -> ModelReader.read(bytes, "m.gocr"));
    }

    @Test
    void truncationAtEveryOffsetIsRejected() {
        byte[] bytes = ModelWriter.toBytes(TestModels.tiny());
        for (int length = 0; length < bytes.length; length++) {
            ModelFormatException e = reject(Arrays.copyOf(bytes, length));
            String m = e.getMessage();
            assertTrue(m.startsWith("m.gocr: "), m);
            assertTrue(m.contains("truncated") || m.contains("empty"), "length " + length + ": " + m);
        }
    }

    @Test
    void everyFlippedByteIsRejected() {
        byte[] bytes = ModelWriter.toBytes(TestModels.tiny());
        for (int i = 0; i < bytes.length; i++) {
            byte[] copy = bytes.clone();
            copy[i] ^= 0x5A;
            String m = reject(copy).getMessage();
            if (i < 8) assertTrue(m.contains("not a glyph-ocr model"), i + ": " + m);
            else if (i < 10) assertTrue(m.contains("unsupported format version"), i + ": " + m);
            else assertTrue(m.contains("checksum") || m.contains("truncated"), i + ": " + m);
        }
    }

    /** Rebuilds a file with a replaced header and a valid checksum, to test the header checks. */
    private static byte[] withHeader(String header, int major) {
        byte[] original = ModelWriter.toBytes(TestModels.tiny());
        ByteBuffer in = ByteBuffer.wrap(original).order(ByteOrder.LITTLE_ENDIAN);
        int headerLength = in.getInt(12);
        long payload = in.getLong(16);
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate((int) (24 + h.length + payload + 4)).order(ByteOrder.LITTLE_ENDIAN);
        out.put(original, 0, 8).putShort((short) major).putShort((short) 0).putInt(h.length).putLong(payload).put(h);
        out.put(original, 24 + headerLength, (int) payload);
        CRC32C crc = new CRC32C();
        crc.update(out.array(), 0, out.position());
        out.putInt((int) crc.getValue());
        return out.array();
    }

    private static String header() {
        byte[] original = ModelWriter.toBytes(TestModels.tiny());
        int length = ByteBuffer.wrap(original).order(ByteOrder.LITTLE_ENDIAN).getInt(12);
        return new String(original, 24, length, StandardCharsets.UTF_8);
    }

    @Test
    void anotherMajorVersionIsRejectedWithBothVersions() {
        String m = reject(withHeader(header(), 2)).getMessage();
        assertEquals("m.gocr: unsupported format version 2.0; this library reads 1.x", m);
    }

    @Test
    void foreignFilesAreNamed() throws IOException {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0};
        assertTrue(reject(png).getMessage().contains("looks like a PNG image"));
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (ObjectOutputStream oos = new ObjectOutputStream(bos)) {
            oos.writeObject(new float[100]);
        }
        assertTrue(reject(bos.toByteArray()).getMessage().contains("Java serialization"));
        assertEquals("m.gocr: file is empty", reject(new byte[0]).getMessage());
    }

    @Test
    void headerProblemsNameTheField() {
        String h = header();
        assertTrue(reject(withHeader(h.replace("\"alphabet\"", "\"alphabetX\""), 1)).getMessage()
                .contains("header field 'alphabet' is missing"));
        assertTrue(reject(withHeader(h.replace("\"units\" : 8", "\"units\" : -8"), 1)).getMessage()
                .contains("header field 'layers[0].units' must be a positive integer, was -8"));
        assertTrue(reject(withHeader(h.replace("\"sigmoid\"", "\"swish\""), 1)).getMessage()
                .contains("header field 'layers[0].activation'"));
        assertTrue(reject(withHeader(h.replace("\"c\"", "\"c\", \"d\""), 1)).getMessage()
                .contains("3 classes apart but 'alphabet' has 4 labels"));
        assertTrue(reject(withHeader(h.replace("\"units\" : 8", "\"units\" : 9"), 1)).getMessage()
                .contains("weights section holds"));
        assertTrue(reject(withHeader(h.substring(0, h.length() / 2), 1)).getMessage()
                .contains("header is not valid JSON at line"));
        assertTrue(reject(withHeader(h.replace("\"b\"", "\"a\""), 1)).getMessage()
                .contains("label 'a' appears twice"));
    }

    @Test
    void headerValuesAreTypedAsJsonReadsThem() {
        // The header goes through a streaming parser of our own making (ModelReader.tree), which
        // must type values as ObjectMapper.readTree does.
        String h = header();
        assertEquals("m.gocr: header is not a JSON object", reject(withHeader("[" + h + "]", 1)).getMessage());
        assertEquals("m.gocr: header is not a JSON object", reject(withHeader(" ", 1)).getMessage());
        assertTrue(reject(withHeader(h.replace("\"units\" : 8", "\"units\" : 99999999999"), 1)).getMessage()
                .contains("'layers[0].units' must be a positive integer, was 99999999999"));
        assertTrue(reject(withHeader(h.replace("\"units\" : 8", "\"units\" : 123456789012345678901234567890"), 1)).getMessage()
                .contains("'layers[0].units' must be a positive integer, was 123456789012345678901234567890"));
        assertTrue(reject(withHeader(h.replace("\"units\" : 8", "\"units\" : 8.0"), 1)).getMessage()
                .contains("'layers[0].units' must be a positive integer, was 8.0"));
        assertTrue(reject(withHeader(h.replace("\"units\" : 8", "\"units\" : \"8\""), 1)).getMessage()
                .contains("'layers[0].units' must be a positive integer, was \"8\""));
    }

    @Test
    void aRepeatedHeaderKeyKeepsItsLastValue() throws IOException {
        String h = header();
        Model model = ModelReader.read(withHeader(h.replace("\"units\" : 8", "\"units\" : 5, \"units\" : 8"), 1), "m.gocr");
        assertEquals(8, model.architecture().layers().get(0).units());
    }

    @Test
    void missingFileAndFolderAreReportedAsSuch() throws IOException {
        ModelFormatException missing = assertThrows(ModelFormatException.class, () -> ModelReader.read(dir.resolve("none.gocr")));
        assertTrue(missing.getMessage().endsWith("none.gocr: file not found"), missing.getMessage());
        ModelFormatException folder = assertThrows(ModelFormatException.class, () -> ModelReader.read(dir));
        assertTrue(folder.getMessage().contains("is a directory"), folder.getMessage());
    }
}

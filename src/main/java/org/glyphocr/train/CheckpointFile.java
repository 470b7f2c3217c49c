package org.glyphocr.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.glyphocr.backend.SessionState;
import org.glyphocr.model.AtomicFile;
import org.glyphocr.nn.Architecture;
import org.glyphocr.nn.Parameters;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * Reads and writes {@link Checkpoint}s. The layout follows the model format: magic
 * {@code \x89GOCK\r\n\x1a}, major and minor version (u16), header length (u32), payload length
 * (u64), a JSON header with the run's counters and history, float32 sections (batch losses, then
 * for the session, the last good and the best parameters their weights and biases, and the
 * session's velocity), and a CRC-32C of all that precedes it; all little-endian. Written
 * atomically, so killing training at any moment leaves the previous epoch's checkpoint intact.
 */
final class CheckpointFile {
    /** The first eight bytes of every checkpoint; a copy, since arrays cannot be made read-only. */
    private static byte[] magic() {
        return new byte[] {(byte) 0x89, 'G', 'O', 'C', 'K', '\r', '\n', 0x1A};
    }
    private static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private CheckpointFile() {
    }

    static void write(Checkpoint c, Path file) throws IOException {
        ObjectNode h = JSON.createObjectNode();
        h.put("format", "glyph-ocr checkpoint");
        ObjectNode settings = h.putObject("settings");
        c.settings().forEach(settings::put);
        h.put("dataSha256", c.dataSha256());
        h.put("epochsDone", c.epochsDone());
        h.put("baseLearningRate", c.baseLearningRate());
        h.put("momentum", c.momentum());
        h.put("l2", c.l2());
        h.put("halvings", c.halvings());
        h.put("initialLoss", c.initialLoss());
        h.put("referenceLoss", c.referenceLoss());
        ArrayNode good = h.putArray("goodLosses");
        c.goodLosses().forEach(good::add);
        h.put("bestScore", text(c.bestScore()));
        h.put("sinceBest", c.sinceBest());
        h.put("plateauLoss", text(c.plateauLoss()));
        h.put("sincePlateau", c.sincePlateau());
        h.put("anyGood", c.anyGood());
        h.put("steps", c.steps());
        h.put("stepSamples", c.stepSamples());
        h.put("stepNanos", c.stepNanos());
        h.put("elapsedSeconds", c.elapsedSeconds());
        ArrayNode history = h.putArray("history");
        for (EpochRecord r : c.history()) {
            history.addArray().add(r.epoch()).add(r.steps()).add(text(r.meanLoss())).add(text(r.trainAccuracy()))
                    .add(text(r.validationAccuracy())).add(text(r.learningRate())).add(r.halved()).add(r.seconds());
        }
        h.put("batchLosses", c.batchLosses().length);
        byte[] header = JSON.writeValueAsBytes(h);
        List<float[]> sections = new ArrayList<>();
        sections.add(c.batchLosses());
        addParameters(sections, c.session().parameters());
        for (int l = 0; l < c.session().velocityWeights().length; l++) {
            sections.add(c.session().velocityWeights()[l]);
            sections.add(c.session().velocityBiases()[l]);
        }
        addParameters(sections, c.lastGood());
        addParameters(sections, c.best());
        long floats = sections.stream().mapToLong(s -> s.length).sum();
        long total = 24 + header.length + floats * 4 + 4;
        if (total > Integer.MAX_VALUE - 8) throw new IOException(file + ": checkpoint would be " + total + " bytes, too large");
        ByteBuffer buf = ByteBuffer.allocate((int) total).order(ByteOrder.LITTLE_ENDIAN);
        buf.put(magic()).putShort((short) VERSION).putShort((short) 0).putInt(header.length).putLong(floats * 4).put(header);
        for (float[] s : sections) for (float v : s) buf.putFloat(v);
        CRC32C crc = new CRC32C();
        crc.update(buf.array(), 0, buf.position());
        buf.putInt((int) crc.getValue());
        AtomicFile.write(file, buf.array());
    }

    /** Doubles as JSON: NaN and infinities, which JSON lacks, as strings. */
    private static String text(double v) {
        return Double.toString(v);
    }

    private static void addParameters(List<float[]> sections, Parameters p) {
        for (int l = 0; l < p.architecture().layerCount(); l++) {
            sections.add(p.weights(l));
            sections.add(p.biases(l));
        }
    }

    /**
     * Reads a checkpoint of a run with the given architecture.
     *
     * @throws CheckpointException if the file is missing, damaged, or from another architecture
     */
    static Checkpoint read(Path file, Architecture arch) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CheckpointException(file + ": no checkpoint to resume from", e);
        }
        if (bytes.length < 28 || !java.util.Arrays.equals(java.util.Arrays.copyOf(bytes, 8), magic())) {
            throw new CheckpointException(file + ": not a glyph-ocr checkpoint");
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int version = Short.toUnsignedInt(buf.getShort(8));
        if (version != VERSION) throw new CheckpointException(file + ": checkpoint version " + version + ", this library reads " + VERSION);
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - 4);
        if ((int) crc.getValue() != buf.getInt(bytes.length - 4)) {
            throw new CheckpointException(file + ": corrupted or truncated checkpoint (checksum mismatch)");
        }
        int headerLength = buf.getInt(12);
        JsonNode h;
        try {
            h = JSON.readTree(new String(bytes, 24, headerLength, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new CheckpointException(file + ": checkpoint header is not valid JSON: " + e.getOriginalMessage(), e);
        }
        buf.position(24 + headerLength);
        float[] batchLosses = floats(buf, h.path("batchLosses").asInt());
        try {
            Parameters session = parameters(buf, arch);
            float[][] vw = new float[arch.layerCount()][];
            float[][] vb = new float[arch.layerCount()][];
            for (int l = 0; l < arch.layerCount(); l++) {
                vw[l] = floats(buf, arch.fanIn(l) * arch.layers().get(l).units());
                vb[l] = floats(buf, arch.layers().get(l).units());
            }
            Parameters lastGood = parameters(buf, arch);
            Parameters best = parameters(buf, arch);
            if (buf.remaining() != 4) throw new CheckpointException(file + ": checkpoint is for another network than " + arch);
            Map<String, String> settings = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = h.path("settings").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                settings.put(e.getKey(), e.getValue().asText());
            }
            List<Double> goodLosses = new ArrayList<>();
            for (JsonNode v : h.path("goodLosses")) goodLosses.add(v.asDouble());
            List<EpochRecord> history = new ArrayList<>();
            for (JsonNode r : h.path("history")) {
                history.add(new EpochRecord(r.get(0).asInt(), r.get(1).asLong(), Double.parseDouble(r.get(2).asText()),
                        Double.parseDouble(r.get(3).asText()), Double.parseDouble(r.get(4).asText()),
                        Double.parseDouble(r.get(5).asText()), r.get(6).asBoolean(), r.get(7).asDouble()));
            }
            return new Checkpoint(settings, h.path("dataSha256").asText(), h.path("epochsDone").asInt(),
                    h.path("baseLearningRate").asDouble(), h.path("momentum").asDouble(), h.path("l2").asDouble(),
                    h.path("halvings").asInt(), h.path("initialLoss").asDouble(), h.path("referenceLoss").asDouble(), goodLosses, Double.parseDouble(h.path("bestScore").asText()),
                    h.path("sinceBest").asInt(), Double.parseDouble(h.path("plateauLoss").asText()), h.path("sincePlateau").asInt(),
                    h.path("anyGood").asBoolean(), h.path("steps").asLong(),
                    h.path("stepSamples").asLong(), h.path("stepNanos").asLong(), h.path("elapsedSeconds").asDouble(),
                    history, batchLosses, new SessionState(session, vw, vb), lastGood, best);
        } catch (java.nio.BufferUnderflowException | IllegalArgumentException e) {
            throw new CheckpointException(file + ": checkpoint is for another network than " + arch, e);
        }
    }

    private static float[] floats(ByteBuffer buf, int n) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) out[i] = buf.getFloat();
        return out;
    }

    private static Parameters parameters(ByteBuffer buf, Architecture arch) {
        float[][] w = new float[arch.layerCount()][];
        float[][] b = new float[arch.layerCount()][];
        for (int l = 0; l < arch.layerCount(); l++) {
            w[l] = floats(buf, arch.fanIn(l) * arch.layers().get(l).units());
            b[l] = floats(buf, arch.layers().get(l).units());
        }
        return Parameters.of(arch, w, b);
    }
}

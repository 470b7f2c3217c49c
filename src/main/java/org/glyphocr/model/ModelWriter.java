package org.glyphocr.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.glyphocr.nn.Architecture;
import org.glyphocr.nn.DenseLayer;
import org.glyphocr.nn.Parameters;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.RecordComponent;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * Writes models in the {@code .gocr} format ({@link ModelFormat}). Writing to a path is atomic
 * ({@link AtomicFile}), so a crash never leaves a half-written model under the final name.
 *
 * <pre>{@code
 * ModelWriter.write(model, Path.of("greek.gocr"));
 * }</pre>
 */
public final class ModelWriter {
    /** Created on first write, not when a reader only needs {@link #componentValue}: the first mapper costs a cold JVM about 0.15 s. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    private ModelWriter() {
    }

    /**
     * Writes {@code model} to {@code file} atomically, replacing any existing file.
     *
     * @throws IOException if the folder is not writable; the target is then left as it was
     */
    public static void write(Model model, Path file) throws IOException {
        AtomicFile.write(file, toBytes(model));
    }

    /** Writes {@code model} to a stream (not closed). */
    public static void write(Model model, OutputStream out) throws IOException {
        out.write(toBytes(model));
    }

    /** The model's file contents. The same model always gives the same bytes. */
    public static byte[] toBytes(Model model) {
        byte[] header = header(model);
        Architecture arch = model.architecture();
        long floats = arch.parameterCount();
        long payload = floats * Float.BYTES;
        long total = ModelFormat.PREAMBLE_BYTES + header.length + payload + ModelFormat.CHECKSUM_BYTES;
        if (total > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("model too large for one file: " + total + " bytes");
        ByteBuffer buf = ByteBuffer.allocate((int) total).order(ByteOrder.LITTLE_ENDIAN);
        buf.put(ModelFormat.magic());
        buf.putShort((short) ModelFormat.MAJOR_VERSION);
        buf.putShort((short) ModelFormat.MINOR_VERSION);
        buf.putInt(header.length);
        buf.putLong(payload);
        buf.put(header);
        Parameters p = model.parameters();
        for (int l = 0; l < arch.layerCount(); l++) {
            for (float v : p.weights(l)) buf.putFloat(v);
            for (float v : p.biases(l)) buf.putFloat(v);
        }
        CRC32C crc = new CRC32C();
        crc.update(buf.array(), 0, buf.position());
        buf.putInt((int) crc.getValue());
        return buf.array();
    }

    private static byte[] header(Model model) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("format", "glyph-ocr model");
        ArrayNode alphabet = root.putArray("alphabet");
        model.alphabet().labels().forEach(alphabet::add);
        ObjectNode input = root.putObject("input");
        input.put("width", org.glyphocr.image.Glyph.SIZE);
        input.put("height", org.glyphocr.image.Glyph.SIZE);
        ArrayNode layers = root.putArray("layers");
        for (DenseLayer layer : model.architecture().layers()) {
            ObjectNode node = layers.addObject();
            node.put("units", layer.units());
            node.put("activation", layer.activation().id());
        }
        root.put("loss", model.architecture().loss().id());
        ObjectNode pre = root.putObject("preprocessing");
        for (RecordComponent c : model.preprocessing().getClass().getRecordComponents()) {
            putValue(pre, c.getName(), componentValue(c, model.preprocessing()));
        }
        ObjectNode prov = root.putObject("provenance");
        Provenance pv = model.provenance();
        prov.put("libraryVersion", pv.libraryVersion());
        prov.put("createdAt", pv.createdAt());
        prov.put("seed", pv.seed());
        ObjectNode settings = prov.putObject("trainerSettings");
        for (Map.Entry<String, String> e : pv.trainerSettings().entrySet()) settings.put(e.getKey(), e.getValue());
        prov.put("dataSource", pv.dataSource());
        prov.put("dataSha256", pv.dataSha256());
        prov.put("trainSamples", pv.trainSamples());
        prov.put("validationSamples", pv.validationSamples());
        prov.put("testSamples", pv.testSamples());
        prov.put("epochs", pv.epochs());
        putFinite(prov, "trainSeconds", pv.trainSeconds());
        putFinite(prov, "trainAccuracy", pv.trainAccuracy());
        putFinite(prov, "validationAccuracy", pv.validationAccuracy());
        putFinite(prov, "testAccuracy", pv.testAccuracy());
        prov.put("halvings", pv.halvings());
        prov.put("stopReason", pv.stopReason());
        prov.put("backend", pv.backend());
        if (!model.calibration().equals(Calibration.NONE)) root.putObject("calibration").put("temperature", model.calibration().temperature());
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root).getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot render model header", e);
        }
    }

    static Object componentValue(RecordComponent c, Record r) {
        try {
            return c.getAccessor().invoke(r);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + c.getName(), e);
        }
    }

    private static void putValue(ObjectNode node, String name, Object value) {
        if (value instanceof Integer i) node.put(name, i);
        else if (value instanceof Long l) node.put(name, l);
        else if (value instanceof Double d) putFinite(node, name, d);
        else if (value instanceof Float f) putFinite(node, name, f);
        else if (value instanceof Boolean b) node.put(name, b);
        else if (value instanceof Enum<?> e) node.put(name, e.name());
        else if (value instanceof String s) node.put(name, s);
        else throw new IllegalStateException("preprocessing setting " + name + " has unsupported type " + value.getClass());
    }

    /** JSON has no NaN or infinity: those are written as null and read back as NaN. */
    private static void putFinite(ObjectNode node, String name, double value) {
        if (Double.isFinite(value)) node.put(name, value);
        else node.putNull(name);
    }
}

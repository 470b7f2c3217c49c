package org.glyphocr.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.glyphocr.image.Glyph;
import org.glyphocr.image.PreprocessSettings;
import org.glyphocr.nn.Activation;
import org.glyphocr.nn.Architecture;
import org.glyphocr.nn.DenseLayer;
import org.glyphocr.nn.Loss;
import org.glyphocr.nn.Parameters;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * Reads {@code .gocr} model files ({@link ModelFormat}). Every way a file can be wrong ends in a
 * {@link ModelFormatException} that says which and where: not a model, another major version,
 * truncated, corrupted (checksum), or a header field that breaks the format.
 *
 * <pre>{@code
 * Model model = ModelReader.read(Path.of("greek.gocr"));
 * }</pre>
 */
public final class ModelReader {
    /**
     * The header is parsed with jackson-core's streaming parser into a tree, not with an
     * {@code ObjectMapper}: creating the first mapper in a JVM costs about 0.15 s, as much as the
     * rest of loading a model, and {@code read} and {@code classify} pay it on every start.
     */
    private static final JsonFactory JSON = new JsonFactory();

    private ModelReader() {
    }

    /** Reads a model file. */
    public static Model read(Path file) throws IOException {
        String source = file.toString();
        if (Files.isDirectory(file)) throw new ModelFormatException(source, "is a directory, not a model file");
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new ModelFormatException(source, "file not found", e);
        }
        if (size > ModelFormat.MAX_FILE_BYTES) {
            throw new ModelFormatException(source, "file has " + size + " bytes, more than the limit of " + ModelFormat.MAX_FILE_BYTES);
        }
        return read(Files.readAllBytes(file), source);
    }

    /**
     * Reads a model from a stream (not closed), at most 1 GiB.
     *
     * @param source names the stream in error messages
     */
    public static Model read(InputStream in, String source) throws IOException {
        byte[] bytes = in.readNBytes((int) ModelFormat.MAX_FILE_BYTES + 1);
        if (bytes.length > ModelFormat.MAX_FILE_BYTES) {
            throw new ModelFormatException(source, "stream holds more than " + ModelFormat.MAX_FILE_BYTES + " bytes");
        }
        return read(bytes, source);
    }

    /** Reads a model from its bytes (not modified). */
    public static Model read(byte[] bytes, String source) throws ModelFormatException {
        int minimum = ModelFormat.PREAMBLE_BYTES + ModelFormat.CHECKSUM_BYTES;
        if (bytes.length == 0) throw new ModelFormatException(source, "file is empty");
        checkMagic(bytes, source);
        if (bytes.length < minimum) {
            throw new ModelFormatException(source, "truncated: file has " + bytes.length + " bytes, a model has at least " + minimum);
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int major = Short.toUnsignedInt(buf.getShort(8));
        int minor = Short.toUnsignedInt(buf.getShort(10));
        long headerLength = Integer.toUnsignedLong(buf.getInt(12));
        long payloadLength = buf.getLong(16);
        long expected = ModelFormat.PREAMBLE_BYTES + headerLength + payloadLength + ModelFormat.CHECKSUM_BYTES;
        boolean lengthsPlausible = payloadLength >= 0 && expected > 0;
        // Another major version may lay out the rest differently, so check it before the checksum.
        if (major != ModelFormat.MAJOR_VERSION) {
            throw new ModelFormatException(source, "unsupported format version " + major + "." + minor + "; this library reads "
                    + ModelFormat.MAJOR_VERSION + ".x");
        }
        if (!checksumMatches(bytes)) {
            // A short file also fails its checksum; say "truncated" when the preamble says so.
            if (lengthsPlausible && bytes.length < expected) {
                throw new ModelFormatException(source, "truncated: file has " + bytes.length + " bytes, its preamble says " + expected
                        + " (or the preamble is corrupted)");
            }
            int stored = buf.getInt(bytes.length - 4);
            throw new ModelFormatException(source, "corrupted: checksum mismatch (stored 0x" + hex(stored) + ", computed 0x"
                    + hex(crc(bytes)) + ")");
        }
        if (!lengthsPlausible || expected != bytes.length) {
            throw new ModelFormatException(source, "section lengths (header " + headerLength + ", weights " + payloadLength
                    + " bytes) do not add up to the file's " + bytes.length + " bytes");
        }
        if (headerLength > ModelFormat.MAX_HEADER_BYTES) {
            throw new ModelFormatException(source, "header of " + headerLength + " bytes exceeds the limit of " + ModelFormat.MAX_HEADER_BYTES);
        }
        JsonNode header = parseHeader(bytes, (int) headerLength, source);
        HeaderReader h = new HeaderReader(header, source);
        Alphabet alphabet = h.alphabet();
        Architecture arch = h.architecture();
        if (arch.classCount() != alphabet.size()) {
            throw new ModelFormatException(source, "header field 'layers': the output tells " + arch.classCount()
                    + " classes apart but 'alphabet' has " + alphabet.size() + " labels");
        }
        long floats = arch.parameterCount();
        if (floats * Float.BYTES != payloadLength) {
            throw new ModelFormatException(source, "weights section holds " + payloadLength + " bytes, the layers " + arch.shapeString()
                    + " need " + floats * Float.BYTES);
        }
        Parameters parameters = readWeights(buf, ModelFormat.PREAMBLE_BYTES + (int) headerLength, arch, source);
        PreprocessSettings preprocessing = h.preprocessing();
        Provenance provenance = h.provenance();
        return Model.of(parameters, alphabet, preprocessing, provenance).withCalibration(h.calibration());
    }

    private static void checkMagic(byte[] bytes, String source) throws ModelFormatException {
        byte[] magic = ModelFormat.magic();
        int n = Math.min(bytes.length, magic.length);
        for (int i = 0; i < n; i++) {
            if (bytes[i] != magic[i]) {
                byte[] start = java.util.Arrays.copyOf(bytes, Math.min(bytes.length, 8));
                throw new ModelFormatException(source, "not a glyph-ocr model (starts with 0x" + HexFormat.of().formatHex(start)
                        + ", a model starts with 0x" + HexFormat.of().formatHex(magic) + ")" + hintFor(bytes));
            }
        }
    }

    private static String hintFor(byte[] bytes) {
        if (startsWith(bytes, new byte[]{(byte) 0x89, 'P', 'N', 'G'})) return "; it looks like a PNG image";
        if (startsWith(bytes, new byte[]{(byte) 0xAC, (byte) 0xED})) return "; it looks like Java serialization, which glyph-ocr never reads";
        if (startsWith(bytes, new byte[]{'P', 'K'})) return "; it looks like a zip or jar file";
        if (startsWith(bytes, new byte[]{'{'})) return "; it looks like JSON text";
        return "";
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) return false;
        for (int i = 0; i < prefix.length; i++) if (bytes[i] != prefix[i]) return false;
        return true;
    }

    private static boolean checksumMatches(byte[] bytes) {
        int stored = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt(bytes.length - 4);
        return stored == crc(bytes);
    }

    private static int crc(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - 4);
        return (int) crc.getValue();
    }

    private static String hex(int v) {
        return String.format("%08x", v);
    }

    private static JsonNode parseHeader(byte[] bytes, int length, String source) throws ModelFormatException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, ModelFormat.PREAMBLE_BYTES, length)).toString();
        } catch (CharacterCodingException e) {
            throw new ModelFormatException(source, "header is not valid UTF-8", e);
        }
        JsonNode header = null;
        try (JsonParser parser = JSON.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == JsonToken.START_OBJECT) header = tree(parser, first);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + " column " + at.getColumnNr();
            throw new ModelFormatException(source, "header is not valid JSON" + where + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ModelFormatException(source, "header cannot be read: " + e.getMessage(), e);
        }
        if (header == null) throw new ModelFormatException(source, "header is not a JSON object");
        return header;
    }

    /**
     * The value that starts at {@code token}, as {@code ObjectMapper.readTree} would build it: a
     * repeated key keeps its last value; integers become int, long or big-integer nodes by size.
     */
    private static JsonNode tree(JsonParser parser, JsonToken token) throws IOException {
        if (token == null) throw new JsonParseException(parser, "unexpected end of the header");
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        return switch (token) {
            case START_OBJECT -> {
                ObjectNode object = nodes.objectNode();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    object.set(name, tree(parser, parser.nextToken()));
                }
                yield object;
            }
            case START_ARRAY -> {
                ArrayNode array = nodes.arrayNode();
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) array.add(tree(parser, t));
                yield array;
            }
            case VALUE_STRING -> nodes.textNode(parser.getText());
            case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
                case INT -> nodes.numberNode(parser.getIntValue());
                case LONG -> nodes.numberNode(parser.getLongValue());
                default -> nodes.numberNode(parser.getBigIntegerValue());
            };
            case VALUE_NUMBER_FLOAT -> nodes.numberNode(parser.getDoubleValue());
            case VALUE_TRUE -> nodes.booleanNode(true);
            case VALUE_FALSE -> nodes.booleanNode(false);
            case VALUE_NULL -> nodes.nullNode();
            default -> throw new JsonParseException(parser, "unexpected " + token);
        };
    }

    private static Parameters readWeights(ByteBuffer buf, int offset, Architecture arch, String source) throws ModelFormatException {
        int layers = arch.layerCount();
        float[][] w = new float[layers][];
        float[][] b = new float[layers][];
        int pos = offset;
        for (int l = 0; l < layers; l++) {
            int units = arch.layers().get(l).units();
            w[l] = new float[arch.fanIn(l) * units];
            b[l] = new float[units];
            pos = readFloats(buf, pos, w[l], source, "layer " + (l + 1) + " weights");
            pos = readFloats(buf, pos, b[l], source, "layer " + (l + 1) + " biases");
        }
        return Parameters.of(arch, w, b);
    }

    private static int readFloats(ByteBuffer buf, int pos, float[] out, String source, String what) throws ModelFormatException {
        // One bulk copy: a float at a time costs a quarter of a second on a cold JVM for a model of a
        // million weights, most of the start-up of a short `read` or `classify`.
        buf.slice(pos, out.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        for (int i = 0; i < out.length; i++) {
            if (!Float.isFinite(out[i])) {
                throw new ModelFormatException(source, what + " value " + i + " at byte offset " + (pos + i * Float.BYTES) + " is " + out[i]);
            }
        }
        return pos + out.length * Float.BYTES;
    }

    /** Reads header fields with messages that name the field. */
    private static final class HeaderReader {
        private final JsonNode root;
        private final String source;

        HeaderReader(JsonNode root, String source) {
            this.root = root;
            this.source = source;
        }

        private ModelFormatException bad(String field, String problem) {
            return new ModelFormatException(source, "header field '" + field + "' " + problem);
        }

        private JsonNode required(JsonNode parent, String name, String path) throws ModelFormatException {
            JsonNode node = parent.get(name);
            if (node == null || node.isNull()) throw bad(path, "is missing");
            return node;
        }

        private String text(JsonNode parent, String name, String path) throws ModelFormatException {
            JsonNode node = required(parent, name, path);
            if (!node.isTextual()) throw bad(path, "must be a string, was " + node);
            return node.asText();
        }

        private int positiveInt(JsonNode parent, String name, String path) throws ModelFormatException {
            JsonNode node = required(parent, name, path);
            if (!node.canConvertToInt() || !node.isIntegralNumber() || node.asInt() < 1) {
                throw bad(path, "must be a positive integer, was " + node);
            }
            return node.asInt();
        }

        Alphabet alphabet() throws ModelFormatException {
            JsonNode node = required(root, "alphabet", "alphabet");
            if (!node.isArray()) throw bad("alphabet", "must be an array of strings, was " + node.getNodeType());
            List<String> labels = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                if (!node.get(i).isTextual()) throw bad("alphabet[" + i + "]", "must be a string, was " + node.get(i));
                labels.add(node.get(i).asText());
            }
            try {
                return new Alphabet(labels);
            } catch (IllegalArgumentException e) {
                throw bad("alphabet", "is invalid: " + e.getMessage());
            }
        }

        Architecture architecture() throws ModelFormatException {
            JsonNode input = required(root, "input", "input");
            int width = positiveInt(input, "width", "input.width");
            int height = positiveInt(input, "height", "input.height");
            if (width != Glyph.SIZE || height != Glyph.SIZE) {
                throw bad("input", "must be " + Glyph.SIZE + "x" + Glyph.SIZE + ", was " + width + "x" + height);
            }
            JsonNode layersNode = required(root, "layers", "layers");
            if (!layersNode.isArray() || layersNode.isEmpty()) throw bad("layers", "must be a non-empty array, was " + layersNode);
            List<DenseLayer> layers = new ArrayList<>();
            for (int i = 0; i < layersNode.size(); i++) {
                String path = "layers[" + i + "]";
                JsonNode layer = layersNode.get(i);
                if (!layer.isObject()) throw bad(path, "must be an object, was " + layer);
                int units = positiveInt(layer, "units", path + ".units");
                String activation = text(layer, "activation", path + ".activation");
                try {
                    layers.add(DenseLayer.dense(units, Activation.fromId(activation)));
                } catch (IllegalArgumentException e) {
                    throw bad(path + ".activation", e.getMessage());
                }
            }
            String loss = text(root, "loss", "loss");
            try {
                return Architecture.of(width * height, layers, Loss.fromId(loss));
            } catch (IllegalArgumentException e) {
                throw bad("layers", "do not form a valid network: " + e.getMessage());
            }
        }

        PreprocessSettings preprocessing() throws ModelFormatException {
            JsonNode node = required(root, "preprocessing", "preprocessing");
            if (!node.isObject()) throw bad("preprocessing", "must be an object, was " + node);
            RecordComponent[] components = PreprocessSettings.class.getRecordComponents();
            Object[] values = new Object[components.length];
            Class<?>[] types = new Class<?>[components.length];
            // Settings absent from an older file keep today's defaults.
            for (int i = 0; i < components.length; i++) {
                RecordComponent c = components[i];
                types[i] = c.getType();
                values[i] = ModelWriter.componentValue(c, PreprocessSettings.DEFAULT);
                JsonNode v = node.get(c.getName());
                if (v != null) values[i] = convert(v, c.getType(), "preprocessing." + c.getName());
            }
            try {
                Constructor<PreprocessSettings> ctor = PreprocessSettings.class.getDeclaredConstructor(types);
                return ctor.newInstance(values);
            } catch (java.lang.reflect.InvocationTargetException e) {
                throw bad("preprocessing", "is invalid: " + e.getCause().getMessage());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("PreprocessSettings has no canonical constructor", e);
            }
        }

        private Object convert(JsonNode v, Class<?> type, String path) throws ModelFormatException {
            if (type == int.class) {
                if (!v.isIntegralNumber() || !v.canConvertToInt()) throw bad(path, "must be an integer, was " + v);
                return v.asInt();
            }
            if (type == long.class) {
                if (!v.isIntegralNumber() || !v.canConvertToLong()) throw bad(path, "must be an integer, was " + v);
                return v.asLong();
            }
            if (type == double.class || type == float.class) {
                if (!v.isNumber()) throw bad(path, "must be a number, was " + v);
                return type == double.class ? (Object) v.asDouble() : (Object) (float) v.asDouble();
            }
            if (type == boolean.class) {
                if (!v.isBoolean()) throw bad(path, "must be true or false, was " + v);
                return v.asBoolean();
            }
            if (type == String.class) {
                if (!v.isTextual()) throw bad(path, "must be a string, was " + v);
                return v.asText();
            }
            if (type.isEnum()) {
                if (!v.isTextual()) throw bad(path, "must be a string, was " + v);
                for (Object constant : type.getEnumConstants()) {
                    if (((Enum<?>) constant).name().equals(v.asText())) return constant;
                }
                throw bad(path, "has unknown value " + v);
            }
            throw new IllegalStateException("unsupported preprocessing setting type " + type);
        }

        /** Absent (files before format 1.1, or never calibrated): {@link Calibration#NONE}. */
        Calibration calibration() throws ModelFormatException {
            JsonNode c = root.get("calibration");
            if (c == null || c.isNull()) return Calibration.NONE;
            if (!c.isObject()) throw bad("calibration", "must be an object, was " + c);
            JsonNode t = c.get("temperature");
            if (t == null || !t.isNumber() || !(t.asDouble() > 0) || !Double.isFinite(t.asDouble())) {
                throw bad("calibration.temperature", "must be a positive number, was " + t);
            }
            return new Calibration(t.asDouble());
        }

        Provenance provenance() throws ModelFormatException {
            JsonNode p = root.get("provenance");
            if (p == null || p.isNull()) return Provenance.UNKNOWN;
            if (!p.isObject()) throw bad("provenance", "must be an object, was " + p);
            Map<String, String> settings = new HashMap<>();
            JsonNode s = p.get("trainerSettings");
            if (s != null && s.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = s.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    settings.put(e.getKey(), e.getValue().asText());
                }
            }
            return new Provenance(str(p, "libraryVersion"), str(p, "createdAt"), p.path("seed").asLong(0), settings,
                    str(p, "dataSource"), str(p, "dataSha256"), p.path("trainSamples").asInt(0),
                    p.path("validationSamples").asInt(0), p.path("testSamples").asInt(0), p.path("epochs").asInt(0),
                    num(p, "trainSeconds"), num(p, "trainAccuracy"), num(p, "validationAccuracy"), num(p, "testAccuracy"),
                    p.path("halvings").asInt(0), str(p, "stopReason"), str(p, "backend"));
        }

        private static String str(JsonNode p, String name) {
            JsonNode v = p.get(name);
            return v == null || v.isNull() ? "" : v.asText();
        }

        private static double num(JsonNode p, String name) {
            JsonNode v = p.get(name);
            return v == null || !v.isNumber() ? Double.NaN : v.asDouble();
        }
    }
}

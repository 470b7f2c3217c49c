package org.glyphocr.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.PrintWriter;

/** The CLI's machine-readable output: one JSON object on stdout. */
final class Json {
    private Json() {
    }

    /** Holds the mapper until JSON is first printed: creating it costs a cold JVM about 0.15 s, which `read` and `classify` without `--json` skip. */
    private static final class Mapper {
        static final ObjectMapper INSTANCE = new ObjectMapper();
    }

    static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** Writes the object on one line; NaN and infinities become null, which JSON can represent. */
    static void print(PrintWriter out, ObjectNode node) {
        out.println(render(node));
        out.flush();
    }

    /** The object as one line of JSON. */
    static String render(ObjectNode node) {
        try {
            return Mapper.INSTANCE.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render JSON", e);
        }
    }

    /** Puts a number, or null if it is NaN or infinite. */
    static void putNumber(ObjectNode node, String name, double value) {
        if (Double.isFinite(value)) node.put(name, value);
        else node.putNull(name);
    }
}

package org.glyphocr.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.PrintWriter;

/** The CLI's machine-readable output: one JSON object on stdout. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** Writes the object on one line; NaN and infinities become null, which JSON can represent. */
    static void print(PrintWriter out, ObjectNode node) {
        try {
            out.println(MAPPER.writeValueAsString(node));
            out.flush();
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

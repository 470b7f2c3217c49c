package org.glyphocr.model;

import java.io.IOException;

/**
 * A model file that cannot be read: not a model, another format version, truncated, corrupted,
 * or with a header that breaks the format. The message names the source and says which and where,
 * e.g. {@code greek.gocr: truncated: file has 1200 bytes, its header says 5312}.
 */
public class ModelFormatException extends IOException {
    private final String source;
    private final String problem;

    public ModelFormatException(String source, String problem) {
        this(source, problem, null);
    }

    public ModelFormatException(String source, String problem, Throwable cause) {
        super(source + ": " + problem, cause);
        this.source = source;
        this.problem = problem;
    }

    /** The file name or stream description given when reading. */
    public String source() {
        return source;
    }

    /** The message without the source. */
    public String problem() {
        return problem;
    }
}

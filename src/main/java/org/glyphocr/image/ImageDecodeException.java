package org.glyphocr.image;

import java.io.IOException;
import java.util.Objects;

/**
 * An image file or byte stream that cannot be turned into pixels: missing, empty, too large, not a
 * supported format, truncated or corrupt.
 *
 * <p>The message is one sentence that starts with the source, for example
 * {@code scan.png: image is 100000 x 100000 pixels, more than the limit of 40000000}. The decoder's
 * own exception, if any, is kept as the cause.
 */
public class ImageDecodeException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String source;

    /**
     * @param source the file path or caller-given name of the data, shown first in the message
     * @param problem what is wrong, e.g. {@code file is empty}
     * @param cause the underlying exception, or {@code null}
     */
    public ImageDecodeException(String source, String problem, Throwable cause) {
        super(Objects.requireNonNull(source, "source") + ": " + Objects.requireNonNull(problem, "problem"), cause);
        this.source = source;
    }

    /** The file path or caller-given name of the data that could not be decoded. */
    public String source() {
        return source;
    }
}

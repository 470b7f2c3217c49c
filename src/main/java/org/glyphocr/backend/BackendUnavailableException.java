package org.glyphocr.backend;

/**
 * No usable backend of the requested kind: the message says what is missing and how to fix it,
 * e.g. {@code gpu backend unavailable: libcublas not found; use --backend cpu}.
 */
public class BackendUnavailableException extends Exception {
    public BackendUnavailableException(String message) {
        super(message);
    }

    public BackendUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

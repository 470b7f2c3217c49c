package org.glyphocr.train;

import java.io.IOException;

/**
 * A checkpoint that cannot be resumed from: missing, damaged, or written by a run with other
 * settings or data. The message names the file and, for a mismatch, the settings that differ.
 */
public class CheckpointException extends IOException {
    public CheckpointException(String message) {
        super(message);
    }

    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}

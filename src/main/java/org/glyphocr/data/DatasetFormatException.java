package org.glyphocr.data;

import java.io.IOException;

/**
 * A dataset folder that breaks the conventions: missing, empty, or with a {@code labels.tsv} line
 * that cannot be used. The message names the file and line, e.g.
 * {@code letters/labels.tsv line 3: expected 'subfolder<TAB>label', got 'a'}.
 */
public class DatasetFormatException extends IOException {
    public DatasetFormatException(String message) {
        super(message);
    }

    public DatasetFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}

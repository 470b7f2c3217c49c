package org.glyphocr.train;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a training run keeps its checkpoint, and whether it starts from it.
 *
 * @param file the checkpoint, rewritten atomically at the end of every epoch and deleted when
 *     training finishes
 * @param resume continue from {@code file} instead of starting afresh
 */
public record Checkpointing(Path file, boolean resume) {
    public Checkpointing {
        Objects.requireNonNull(file, "file");
    }

    /** The conventional checkpoint next to a model file: {@code digits.gocr} → {@code digits.gocr.checkpoint}. */
    public static Path nextTo(Path modelFile) {
        return modelFile.resolveSibling(modelFile.getFileName() + ".checkpoint");
    }
}

package org.glyphocr.cli;

import org.glyphocr.backend.BackendUnavailableException;
import org.glyphocr.train.TrainingDivergedException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** One-line descriptions of the exceptions that mean "bad input", not "bug". */
final class UserErrors {
    private UserErrors() {
    }

    /** The message to show, or null when {@code e} is a bug that deserves a stack trace. */
    static String describe(Throwable e) {
        if (e instanceof UncheckedIOException u) return describe(u.getCause());
        if (e instanceof NoSuchFileException f) return f.getFile() + ": file not found";
        if (e instanceof AccessDeniedException f) return f.getFile() + ": permission denied";
        if (e instanceof NotDirectoryException f) return f.getFile() + ": not a folder";
        if (e instanceof FileSystemException f) {
            return f.getFile() + ": " + (f.getReason() != null ? f.getReason() : f.getClass().getSimpleName());
        }
        if (e instanceof IOException
                || e instanceof IllegalArgumentException
                || e instanceof BackendUnavailableException
                || e instanceof TrainingDivergedException) {
            return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        }
        return null;
    }
}

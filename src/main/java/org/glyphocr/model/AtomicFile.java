package org.glyphocr.model;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a file so that a reader, or a crash, never sees half of it: the bytes go to a temporary
 * file in the same folder and then replace the target in one rename. Used for models, checkpoints,
 * reports and {@code read}'s texts.
 *
 * <pre>{@code
 * AtomicFile.write(Path.of("model.gocr"), modelBytes); // survives a power cut
 * AtomicFile.write(Path.of("out/line.txt"), "text\n".getBytes(StandardCharsets.UTF_8),
 *         AtomicFile.Durability.PROGRAM_CRASH);       // a rerun would write it again
 * }</pre>
 */
public final class AtomicFile {
    private AtomicFile() {
    }

    /** What a finished write survives. */
    public enum Durability {
        /**
         * The end of the program, however abrupt: the file is whole, or as it was. Nothing waits for
         * the disk, so a power cut soon after may lose the new bytes. For many small outputs that a
         * rerun makes again: forcing each of {@code read --out}'s 200 texts to disk took 60 to 100 ms
         * on this project's machine, as long as reading some ten of the lines.
         */
        PROGRAM_CRASH,
        /** A power cut too: the bytes are forced to disk before the rename. For models and checkpoints, which cost hours. */
        POWER_CUT
    }

    /**
     * Writes {@code bytes} to {@code file} atomically and durably ({@link Durability#POWER_CUT}),
     * replacing any existing file and creating missing folders.
     *
     * @throws IOException if the folder is not writable; the target is then left as it was
     */
    public static void write(Path file, byte[] bytes) throws IOException {
        write(file, bytes, Durability.POWER_CUT);
    }

    /**
     * Writes {@code bytes} to {@code file} atomically, as durably as asked, replacing any existing
     * file and creating missing folders.
     *
     * @throws IOException if the folder is not writable; the target is then left as it was
     */
    public static void write(Path file, byte[] bytes, Durability durability) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Files.createDirectories(dir);
        // Not Files.createTempFile: its owner-only permissions would stick to the file; a plain new
        // file gets the usual permissions of the user's umask.
        Path temp = dir.resolve("." + target.getFileName() + "." + Long.toHexString(System.nanoTime()) + ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) ch.write(buffer);
                if (durability == Durability.POWER_CUT) ch.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}

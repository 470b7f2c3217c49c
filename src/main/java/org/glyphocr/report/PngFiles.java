package org.glyphocr.report;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import org.glyphocr.model.AtomicFile;

import javax.imageio.ImageIO;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** Writes PNG files atomically ({@link AtomicFile}), as models are written. */
final class PngFiles {
    private PngFiles() {
    }

    /**
     * Encodes {@code image} as PNG and puts it at {@code file} atomically, creating missing folders,
     * so a reader never sees a half-written picture.
     *
     * @param image the picture. Not modified.
     * @throws IOException if the folder cannot be created or written; {@code file} is then left as it was
     */
    static void write(BufferedImage image, Path file) throws IOException {
        AtomicFile.write(file, encode(image));
    }

    static byte[] encode(BufferedImage image) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
        // A memory cache, not ImageIO's default disk cache in java.io.tmpdir, and without touching
        // the global ImageIO.setUseCache.
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            if (!ImageIO.write(image, "png", out)) throw new IOException("no PNG encoder in this Java runtime");
        }
        return bytes.toByteArray();
    }
}

package org.glyphocr.synth;

import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.glyphocr.data.DatasetFolder;

/**
 * Writes a training set from fonts in the dataset folder convention: a subfolder per character
 * named by its code point ({@code u0041}), and {@code labels.tsv} giving each subfolder's label, so
 * that {@code a} and {@code A} live side by side on any file system. Every face renders every
 * character it has, at every size, in every variant ({@link GlyphSynthesizer}); characters a face
 * lacks are skipped and counted.
 *
 * <p>The folder appears whole or not at all: it is written beside its final place and renamed.
 *
 * <pre>{@code
 * List<Font> faces = FontSource.resolve("DejaVu Sans");
 * SynthDataset.Report r = SynthDataset.write(faces, CharacterSet.parse("latin"), SynthSettings.DEFAULT, Path.of("/tmp/latin"));
 * }</pre>
 */
public final class SynthDataset {
    private SynthDataset() {
    }

    /**
     * What was written.
     *
     * @param images image files written
     * @param missing per face name, the characters it has no glyph for (skipped)
     */
    public record Report(int images, Map<String, List<String>> missing) {
    }

    /**
     * Renders and writes the dataset.
     *
     * @param out a folder that does not exist yet, or is empty
     * @throws IllegalArgumentException if {@code out} holds files, or a character has no glyph in any face
     * @throws IOException if writing fails; nothing is left at {@code out} then
     */
    public static Report write(List<Font> faces, CharacterSet characters, SynthSettings settings, Path out) throws IOException {
        if (faces.isEmpty()) throw new IllegalArgumentException("no font faces given");
        if (Files.exists(out)) {
            try (Stream<Path> s = Files.list(out)) {
                if (s.findAny().isPresent()) throw new IllegalArgumentException(out + ": folder exists and is not empty; choose a new one");
            }
        }
        Map<String, List<String>> missing = new TreeMap<>();
        for (Font face : faces) {
            for (String c : characters.characters()) {
                if (!GlyphSynthesizer.canRender(face, c)) missing.computeIfAbsent(face.getFontName(), k -> new ArrayList<>()).add(c);
            }
        }
        for (String c : characters.characters()) {
            if (faces.stream().noneMatch(f -> GlyphSynthesizer.canRender(f, c))) {
                throw new IllegalArgumentException("no font given has a glyph for '" + c + "' (" + CharacterSet.codePoint(c)
                        + "); remove it from --chars or add a font that has it");
            }
        }
        Path parent = out.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path staging = Files.createTempDirectory(parent, "." + out.getFileName() + ".partial-");
        try {
            GlyphSynthesizer synth = new GlyphSynthesizer(settings);
            AtomicInteger images = new AtomicInteger();
            StringBuilder labels = new StringBuilder("# subfolder<TAB>label, written by glyph-ocr synth\n");
            for (String c : characters.characters()) {
                labels.append(CharacterSet.folderName(c)).append('\t').append(c).append('\n');
                Files.createDirectories(staging.resolve(CharacterSet.folderName(c)));
            }
            characters.characters().parallelStream().forEach(c -> {
                Path dir = staging.resolve(CharacterSet.folderName(c));
                for (Font face : faces) {
                    if (!GlyphSynthesizer.canRender(face, c)) continue;
                    for (int size : settings.sizes()) {
                        for (int v = 0; v < settings.variants(); v++) {
                            BufferedImage image = synth.render(face, c, size, v);
                            if (image == null) continue;
                            Path file = dir.resolve(FontSource.safeName(face) + "-" + size + "px-v" + v + ".png");
                            try {
                                ImageIO.write(image, "png", file.toFile());
                            } catch (IOException e) {
                                throw new UncheckedIOException(file + ": cannot write", e);
                            }
                            images.incrementAndGet();
                        }
                    }
                }
            });
            Files.writeString(staging.resolve(DatasetFolder.LABELS_FILE), labels, StandardCharsets.UTF_8);
            if (Files.exists(out)) Files.delete(out); // empty, checked above
            Files.move(staging, out, StandardCopyOption.ATOMIC_MOVE);
            return new Report(images.get(), missing);
        } catch (IOException | RuntimeException e) {
            deleteTree(staging);
            if (e instanceof UncheckedIOException u) throw u.getCause();
            throw e;
        }
    }

    /** A dataset written to a temporary folder by {@link #writeTemporary}; {@link #close()} deletes it. */
    public record Temporary(Path folder, Report report) implements AutoCloseable {
        @Override
        public void close() {
            deleteTree(folder.getParent());
        }
    }

    /**
     * Renders the dataset into a new temporary folder, for training straight from fonts.
     *
     * @throws IllegalArgumentException as {@link #write}
     * @throws IOException if writing fails; nothing is left behind then
     */
    public static Temporary writeTemporary(List<Font> faces, CharacterSet characters, SynthSettings settings) throws IOException {
        Path parent = Files.createTempDirectory("glyph-ocr-fonts-");
        try {
            Path folder = parent.resolve("fonts");
            return new Temporary(folder, write(faces, characters, settings, folder));
        } catch (IOException | RuntimeException e) {
            deleteTree(parent);
            throw e;
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // Best effort: a partial folder beside the target is hidden (leading dot) and named as such.
        }
    }
}

package org.glyphocr.data;

import org.glyphocr.augment.Augmenter;
import org.glyphocr.image.Glyph;
import org.glyphocr.image.ImageDecodeException;
import org.glyphocr.image.ImageDecoder;
import org.glyphocr.image.InkImage;
import org.glyphocr.image.Preprocessor;
import org.glyphocr.model.Alphabet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Reads a dataset folder ({@link DatasetFolder}) into {@link LabeledGlyphs}, decoding and
 * preprocessing the images on several threads. Files that cannot be decoded and images without
 * ink are left out and listed in the {@link Report}; they never stop the load.
 *
 * <pre>{@code
 * DatasetLoader.Report report = DatasetLoader.loadForTraining(Path.of("digits/"));
 * LabeledGlyphs data = report.data();
 * report.unreadable().forEach(System.err::println);
 * }</pre>
 */
public final class DatasetLoader {
    private DatasetLoader() {
    }

    /**
     * What a load produced.
     *
     * @param data the glyphs that were read
     * @param unreadable one line per file that could not be decoded: {@code path: reason}
     * @param blank files whose image held no ink
     */
    public record Report(LabeledGlyphs data, List<String> unreadable, List<String> blank) {
        public Report {
            unreadable = List.copyOf(unreadable);
            blank = List.copyOf(blank);
        }
    }

    /** Loads with the default preprocessing and decoder limits, without ink images. */
    public static Report load(Path root) throws IOException {
        return load(root, Preprocessor.DEFAULT, ImageDecoder.DEFAULT);
    }

    /**
     * Loads for training with the default preprocessing, keeping the ink images that augmentation
     * needs.
     */
    public static Report loadForTraining(Path root) throws IOException {
        return load(root, Preprocessor.DEFAULT, ImageDecoder.DEFAULT, true);
    }

    /** Loads without ink images: for evaluation, or training without augmentation. */
    public static Report load(Path root, Preprocessor preprocessor, ImageDecoder decoder) throws IOException {
        return load(root, preprocessor, decoder, false);
    }

    /**
     * Loads a dataset folder with one thread per available processor.
     *
     * @param keepInk also keep each sample's ink image, shrunk to the augmenter's working size
     *     ({@link LabeledGlyphs#ink}), for training with augmentation
     * @throws DatasetFormatException if the folder breaks the conventions, or no file could be read
     */
    public static Report load(Path root, Preprocessor preprocessor, ImageDecoder decoder, boolean keepInk) throws IOException {
        DatasetFolder folder = DatasetFolder.scan(root);
        Alphabet alphabet = new Alphabet(List.copyOf(folder.classes().keySet()));
        List<Path> files = new ArrayList<>();
        List<Integer> classOfFile = new ArrayList<>();
        int c = 0;
        for (Map.Entry<String, List<Path>> e : folder.classes().entrySet()) {
            for (Path p : e.getValue()) {
                files.add(p);
                classOfFile.add(c);
            }
            c++;
        }
        Loaded[] loaded = readAll(files, preprocessor, decoder, keepInk);
        MessageDigest dataHash = sha256();
        List<Glyph> glyphs = new ArrayList<>();
        List<Integer> targets = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        List<InkImage> inks = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        List<String> blank = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            String relative = root.relativize(files.get(i)).toString().replace('\\', '/');
            Loaded l = loaded[i];
            dataHash.update(alphabet.label(classOfFile.get(i)).getBytes(StandardCharsets.UTF_8));
            dataHash.update((byte) 0);
            dataHash.update(relative.getBytes(StandardCharsets.UTF_8));
            dataHash.update((byte) 0);
            dataHash.update(l.contentHash());
            if (l.error() != null) {
                unreadable.add(l.error());
            } else if (l.glyph() == null) {
                blank.add(relative);
            } else {
                glyphs.add(l.glyph());
                targets.add(classOfFile.get(i));
                sources.add(relative);
                inks.add(l.ink());
            }
        }
        if (glyphs.isEmpty()) {
            throw new DatasetFormatException(root + ": none of its " + files.size() + " image files could be used ("
                    + unreadable.size() + " unreadable, " + blank.size() + " blank)"
                    + (unreadable.isEmpty() ? "" : "; first: " + unreadable.get(0)));
        }
        String name = root.toAbsolutePath().normalize().getFileName() == null ? root.toString()
                : root.toAbsolutePath().normalize().getFileName().toString();
        LabeledGlyphs data = LabeledGlyphs.of(alphabet, glyphs, targets.stream().mapToInt(Integer::intValue).toArray(),
                sources, preprocessor.settings(), name, HexFormat.of().formatHex(dataHash.digest()));
        return new Report(keepInk ? data.withInk(inks) : data, unreadable, blank);
    }

    /** One file's outcome: a glyph (and its ink, if kept), no ink (glyph and error null), or an error message. */
    private record Loaded(Glyph glyph, InkImage ink, String error, byte[] contentHash) {
    }

    private static Loaded[] readAll(List<Path> files, Preprocessor preprocessor, ImageDecoder decoder, boolean keepInk) throws IOException {
        int threads = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), files.size() / 64 + 1));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "glyph-ocr-loader");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Loaded>> futures = new ArrayList<>(files.size());
            for (Path file : files) futures.add(pool.submit(() -> readOne(file, preprocessor, decoder, keepInk)));
            Loaded[] out = new Loaded[files.size()];
            for (int i = 0; i < out.length; i++) out[i] = futures.get(i).get();
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while loading images");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) throw io;
            if (cause instanceof RuntimeException re) throw re;
            throw new IOException(cause);
        } finally {
            pool.shutdownNow();
        }
    }

    private static Loaded readOne(Path file, Preprocessor preprocessor, ImageDecoder decoder, boolean keepInk) throws IOException {
        long size = Files.size(file);
        if (size > decoder.limits().maxFileBytes()) {
            // Too large to read into memory at all; its name and size stand in for its contents.
            byte[] hash = sha256().digest((file.getFileName() + "\0" + size).getBytes(StandardCharsets.UTF_8));
            return new Loaded(null, null, file + ": file is " + size + " bytes, more than the limit of " + decoder.limits().maxFileBytes(), hash);
        }
        byte[] bytes = Files.readAllBytes(file);
        byte[] hash = sha256().digest(bytes);
        try {
            Optional<InkImage> ink = preprocessor.extractInk(decoder.decode(bytes, file.toString()));
            if (ink.isEmpty()) return new Loaded(null, null, null, hash);
            InkImage kept = keepInk ? Augmenter.toWorkingSize(ink.get(), preprocessor.settings().fitSize()) : null;
            return new Loaded(preprocessor.toGlyph(ink.get()), kept, null, hash);
        } catch (ImageDecodeException e) {
            return new Loaded(null, null, e.getMessage(), hash);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }
}

package org.glyphocr.spark;

import org.glyphocr.Recognizer;
import org.glyphocr.backend.Backends;
import org.glyphocr.model.Model;
import org.glyphocr.model.ModelReader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The recognizers of one JVM (a Spark executor, or the driver in local mode), one per model and
 * settings, built on first use and shared by every task that runs there.
 *
 * <p>This is static mutable state, on purpose and only in this module (the core keeps none): Spark
 * gives a task no place of its own that outlives it, and building a recognizer per task would parse
 * the model and set up the backend (on a GPU, a context and the weights' upload) thousands of times.
 * A {@link Recognizer} is immutable and thread-safe, so tasks share it. The cache is keyed by the
 * model file's SHA-256 and the settings that change a recognizer, and it never evicts: an executor
 * lives for one application, which reads with a handful of models at most, each a few megabytes of
 * weights. The recognizers are never closed; their memory goes with the JVM.
 */
final class RecognizerCache {
    private static final Map<Key, Recognizer> RECOGNIZERS = new ConcurrentHashMap<>();

    private RecognizerCache() {
    }

    /**
     * What makes two recognizers differ.
     *
     * @param modelSha256 the model file's SHA-256, hex
     * @param modelName what to call the model in messages
     * @param backend {@code auto}, {@code cpu}, {@code gpu} or another backend's name
     * @param rejectBelow {@link Recognizer.Builder#rejectBelow}
     */
    record Key(String modelSha256, String modelName, String backend, double rejectBelow) implements java.io.Serializable {
    }

    /**
     * This JVM's recognizer for {@code key}, built from {@code modelBytes} the first time.
     *
     * @throws UncheckedIOException if the model bytes are not a model (they were one on the driver)
     * @throws org.glyphocr.backend.BackendUnavailableException wrapped in an unchecked exception, if
     *     the backend asked for by name cannot run here
     */
    static Recognizer get(Key key, Supplier<byte[]> modelBytes) {
        return RECOGNIZERS.computeIfAbsent(key, k -> build(k, modelBytes.get()));
    }

    private static Recognizer build(Key key, byte[] modelBytes) {
        Model model;
        try {
            model = ModelReader.read(modelBytes, key.modelName());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Recognizer.Builder builder = Recognizer.builder().model(model).rejectBelow(key.rejectBelow());
        if (!key.backend().equals("auto")) {
            try {
                builder.backend(Backends.named(key.backend()));
            } catch (org.glyphocr.backend.BackendUnavailableException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
        Recognizer recognizer = builder.build();
        System.getLogger(RecognizerCache.class.getName()).log(System.Logger.Level.INFO,
                "glyph-ocr: reading with " + key.modelName() + " on " + recognizer.backend());
        return recognizer;
    }
}

package org.glyphocr;

import org.glyphocr.model.Model;
import org.glyphocr.model.ModelFormat;
import org.glyphocr.model.ModelFormatException;
import org.glyphocr.model.ModelReader;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where models come from: files, streams, the class path, and the models bundled in the jar.
 *
 * <pre>{@code
 * Model digits = Models.bundled("digits");
 * Model mine = Models.load(Path.of("greek.gocr"));
 * }</pre>
 */
public final class Models {
    /** The bundled models' names, loadable with {@link #bundled(String)}. */
    public static final List<String> BUNDLED = List.of("digits", "latin");
    private static final String BUNDLED_PREFIX = "/org/glyphocr/models/";

    private Models() {
    }

    /**
     * A model file, or, where no file of that name exists, the bundled model of that name: what
     * the command line's {@code --model} accepts.
     * <pre>{@code
     * Model digits = Models.named("digits");          // bundled
     * Model mine = Models.named("models/greek.gocr"); // a file
     * }</pre>
     *
     * @throws org.glyphocr.model.ModelFormatException if it looks like a path (a folder or {@code .gocr}) and that file is missing or no model
     * @throws IllegalArgumentException if it is a bare name that is neither a file nor a bundled model
     */
    public static Model named(String fileOrName) throws IOException {
        if (namesBundled(fileOrName)) return bundled(fileOrName);
        Path file = Path.of(fileOrName);
        if (!Files.exists(file) && file.getParent() == null && !fileOrName.endsWith(ModelFormat.EXTENSION)) {
            throw new IllegalArgumentException("'" + fileOrName + "' is neither a model file nor a bundled model (bundled: "
                    + String.join(", ", BUNDLED) + ")");
        }
        return load(file);
    }

    /** Whether {@link #named} reads {@code fileOrName} as a bundled model: no file of that name exists, and a bundled model has it. */
    public static boolean namesBundled(String fileOrName) {
        return BUNDLED.contains(fileOrName) && !Files.exists(Path.of(fileOrName));
    }

    /** Reads a model file. */
    public static Model load(Path file) throws IOException {
        return ModelReader.read(file);
    }

    /**
     * Reads a model from a stream (not closed).
     *
     * @param source names the stream in error messages
     */
    public static Model load(InputStream in, String source) throws IOException {
        return ModelReader.read(in, source);
    }

    /**
     * Reads a model from a class-path resource, e.g. {@code /com/example/greek.gocr}.
     *
     * @throws ModelFormatException if there is no such resource or it is not a valid model
     */
    public static Model fromClasspath(String resource) throws IOException {
        try (InputStream in = Models.class.getResourceAsStream(resource)) {
            if (in == null) throw new ModelFormatException(resource, "no such class-path resource");
            return ModelReader.read(in, "classpath:" + resource);
        }
    }

    /**
     * A model bundled in the glyph-ocr jar: {@code digits} (0–9, handwritten, trained on MNIST
     * digits) or {@code latin} (A–Z, a–z, 0–9 and {@code .,;:!?'"-()/&@#%+*=}, printed, trained on
     * the fonts of {@code models/latin-fonts.args}).
     *
     * @throws IllegalArgumentException if there is no bundled model of that name
     * @throws IllegalStateException if the bundled resource is missing or damaged (a broken build)
     */
    public static Model bundled(String name) {
        if (!BUNDLED.contains(name)) {
            throw new IllegalArgumentException("no bundled model '" + name + "'; bundled: " + String.join(", ", BUNDLED));
        }
        try {
            return fromClasspath(BUNDLED_PREFIX + name + ".gocr");
        } catch (IOException e) {
            throw new IllegalStateException("bundled model '" + name + "' cannot be read: " + e.getMessage(), e);
        }
    }

    /** The bundled digits model. */
    public static Model digits() {
        return bundled("digits");
    }

    /** The bundled printed-Latin model, for {@link TextReading#read}. */
    public static Model latin() {
        return bundled("latin");
    }
}

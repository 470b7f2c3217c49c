package org.glyphocr.cli;

import org.glyphocr.Models;
import org.glyphocr.model.Model;
import picocli.CommandLine.Option;

import java.io.IOException;

/** {@code --model FILE_OR_NAME}; without it, a bundled model: digits, or the one a command names. */
final class ModelOption {
    @Option(names = "--model", paramLabel = "FILE_OR_NAME",
            description = "Model file (.gocr), or the name of a bundled model (digits, latin). Default: digits; for read, latin.")
    String model;

    /** The bundled model used without {@code --model}. */
    private final String defaultName;

    /** Defaults to the bundled digits model. */
    ModelOption() {
        this("digits");
    }

    /** Defaults to the bundled model of that name. */
    ModelOption(String defaultName) {
        this.defaultName = defaultName;
    }

    Model load() throws IOException {
        return Models.named(model == null ? defaultName : model);
    }

    String describe() {
        if (model == null) return "bundled:" + defaultName;
        return Models.namesBundled(model) ? "bundled:" + model : model;
    }
}

package org.glyphocr.cli;

import org.glyphocr.Models;
import org.glyphocr.model.Model;
import picocli.CommandLine.Option;

import java.io.IOException;

/** {@code --model FILE_OR_NAME}; without it, the bundled digits model. */
final class ModelOption {
    @Option(names = "--model", paramLabel = "FILE_OR_NAME",
            description = "Model file (.gocr), or the name of a bundled model (digits). Default: digits.")
    String model;

    Model load() throws IOException {
        return Models.named(model == null ? "digits" : model);
    }

    String describe() {
        if (model == null) return "bundled:digits";
        return Models.namesBundled(model) ? "bundled:" + model : model;
    }
}

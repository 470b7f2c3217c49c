package org.glyphocr.cli;

import org.glyphocr.Models;
import org.glyphocr.model.Model;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;

/** {@code --model FILE}; without it, the bundled digits model. */
final class ModelOption {
    @Option(names = "--model", paramLabel = "FILE", description = "Model file (.gocr). Default: the bundled digits model.")
    Path model;

    Model load() throws IOException {
        return model == null ? Models.digits() : Models.load(model);
    }

    String describe() {
        return model == null ? "bundled:digits" : model.toString();
    }
}

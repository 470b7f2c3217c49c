package org.glyphocr.cli;

import org.glyphocr.image.Glyph;
import org.glyphocr.image.ImageDecoder;
import org.glyphocr.image.Preprocessor;
import org.glyphocr.model.Model;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code glyph [--model FILE] --out PNG [--scale N] IMAGE}: what the network sees. */
@Command(name = "glyph", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = "Writes the 20x20 glyph that the network sees for an image, enlarged, as a PNG (ink black, paper white).")
final class GlyphCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    ModelOption modelOption;

    @Option(names = "--out", paramLabel = "PNG", required = true, description = "PNG file to write.")
    Path out;

    @Option(names = "--scale", paramLabel = "N", defaultValue = "10", description = "Pixels per glyph pixel (default: ${DEFAULT-VALUE}).")
    int scale;

    @Parameters(paramLabel = "IMAGE", description = "Image file.")
    Path image;

    @Override
    public Integer call() throws Exception {
        if (scale < 1 || scale > 100) throw new IllegalArgumentException("--scale must be in 1..100, was " + scale);
        Model model = modelOption.load();
        Optional<Glyph> glyph = new Preprocessor(model.preprocessing()).process(image, ImageDecoder.DEFAULT);
        if (glyph.isEmpty()) throw new IllegalArgumentException(image + ": image has no ink, so there is no glyph to show");
        glyph.get().writePng(out, scale);
        spec.commandLine().getErr().println("glyph: wrote " + out);
        return 0;
    }
}

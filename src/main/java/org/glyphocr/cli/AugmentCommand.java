package org.glyphocr.cli;

import org.glyphocr.augment.Augmenter;
import org.glyphocr.augment.ContactSheet;
import org.glyphocr.data.DatasetLoader;
import org.glyphocr.data.LabeledGlyphs;
import org.glyphocr.image.Glyph;
import org.glyphocr.image.ImageDecoder;
import org.glyphocr.image.Preprocessor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code augment --data DIR --out PNG}: a contact sheet of what training sees. */
@Command(name = "augment", mixinStandardHelpOptions = true, usageHelpAutoWidth = true, sortOptions = false,
        description = {"Writes a contact sheet PNG of augmented samples, so you can see what training sees: each row",
                "starts with a sample as preprocessed, followed by augmentations of it with the given settings."})
final class AugmentCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--data", paramLabel = "DIR", required = true, description = "Dataset folder.")
    Path data;

    @Option(names = "--out", paramLabel = "PNG", required = true, description = "Contact sheet to write.")
    Path out;

    @Option(names = "--samples", paramLabel = "N", defaultValue = "12", description = "Rows: samples spread over the classes (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--variants", paramLabel = "N", defaultValue = "11", description = "Augmentations per sample (default: ${DEFAULT-VALUE}).")
    int variants;

    @Option(names = "--scale", paramLabel = "N", defaultValue = "4", description = "Pixels per glyph pixel (default: ${DEFAULT-VALUE}).")
    int scale;

    @Mixin
    TrainerOptions options;

    @Override
    public Integer call() throws Exception {
        if (samples < 1 || variants < 1) throw new IllegalArgumentException("--samples and --variants must be >= 1");
        if (scale < 1 || scale > 20) throw new IllegalArgumentException("--scale must be in 1..20, was " + scale);
        Preprocessor preprocessor = new Preprocessor(options.preprocessing());
        LabeledGlyphs glyphs = DatasetLoader.load(data, preprocessor, ImageDecoder.DEFAULT, true).data();
        Augmenter augmenter = new Augmenter(options.config().augment(), preprocessor.settings().fitSize());
        List<List<Glyph>> rows = new ArrayList<>();
        int count = Math.min(samples, glyphs.size());
        for (int r = 0; r < count; r++) {
            // Spread the rows evenly over the dataset, which is ordered by class.
            int i = (int) ((long) r * glyphs.size() / count);
            List<Glyph> row = new ArrayList<>();
            row.add(glyphs.glyph(i));
            for (int v = 0; v < variants; v++) {
                row.add(preprocessor.toGlyph(augmenter.apply(glyphs.ink(i), Augmenter.randomFor(options.seed, v + 1, i))));
            }
            rows.add(row);
        }
        ContactSheet.writeRows(rows, scale, out);
        spec.commandLine().getErr().println("augment: wrote " + out + " (" + count + " samples x " + variants + " augmentations)");
        return 0;
    }
}

package org.glyphocr.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.Font;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.glyphocr.synth.CharacterSet;
import org.glyphocr.synth.FontSource;
import org.glyphocr.synth.SynthDataset;
import org.glyphocr.synth.SynthSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code synth --font F... --chars SET --out DIR}: a training set rendered from fonts. */
@Command(name = "synth", mixinStandardHelpOptions = true, usageHelpAutoWidth = true, sortOptions = false,
        description = {"Renders a training set from fonts: every character of the set in every face, at several sizes,",
                "plain and with print-like degradations (skew, slant, ink spread or erosion, blur, noise, specks, JPEG),",
                "into a dataset folder with labels.tsv (so a and A coexist). Then train on it like any dataset."})
final class SynthCommand implements Callable<Integer> {
    private static final SynthSettings DEFAULTS = SynthSettings.DEFAULT;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--font", paramLabel = "FILE_OR_FAMILY", required = true,
            description = "A .ttf/.otf/.ttc file, or an installed family (its regular and bold faces). Repeat for more fonts.")
    List<String> fonts;

    @Option(names = "--chars", paramLabel = "SET", required = true,
            description = "Names, comma-separated (digits, upper, lower, letters, latin, punctuation), or the characters themselves.")
    String chars;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Dataset folder to create (new or empty).")
    Path out;

    @Option(names = "--sizes", paramLabel = "PX", converter = CommaLists.IntsConverter.class, description = "Font sizes in pixels (default: 20,28,40,64).")
    CommaLists.Ints sizes = new CommaLists.Ints(DEFAULTS.sizes());

    @Option(names = "--variants", paramLabel = "N", description = "Renderings per face, size and character; the first is plain (default: ${DEFAULT-VALUE}).")
    int variants = DEFAULTS.variants();

    @Option(names = "--rotation", paramLabel = "DEG", description = "Skew up to ±DEG degrees (default: ${DEFAULT-VALUE}).")
    double rotation = DEFAULTS.rotationDegrees();

    @Option(names = "--shear", paramLabel = "K", description = "Slant up to ±K (default: ${DEFAULT-VALUE}).")
    double shear = DEFAULTS.shear();

    @Option(names = "--ink-spread", paramLabel = "F", description = "Ink spread or erosion up to ±F of the size (default: ${DEFAULT-VALUE}).")
    double inkSpread = DEFAULTS.inkSpread();

    @Option(names = "--blur", paramLabel = "F", description = "Gaussian blur up to F of the size (default: ${DEFAULT-VALUE}).")
    double blur = DEFAULTS.blur();

    @Option(names = "--noise", paramLabel = "STD", description = "Gaussian noise up to STD levels of 255 (default: ${DEFAULT-VALUE}).")
    double noise = DEFAULTS.noise();

    @Option(names = "--jpeg", paramLabel = "P", description = "Chance of JPEG compression per degraded rendering (default: ${DEFAULT-VALUE}).")
    double jpeg = DEFAULTS.jpeg();

    @Option(names = "--specks", paramLabel = "P", description = "Chance of a speck of ink per degraded rendering (default: ${DEFAULT-VALUE}).")
    double specks = DEFAULTS.specks();

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the degradations (default: ${DEFAULT-VALUE}).")
    long seed = DEFAULTS.seed();

    @Option(names = "--json", description = "Print a summary JSON object on stdout.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        SynthSettings settings = new SynthSettings(sizes.values(), variants, rotation, shear, inkSpread, blur, noise, jpeg, specks, seed);
        CharacterSet characters = CharacterSet.parse(chars);
        List<Font> faces = FontSource.resolveAll(fonts);
        long start = System.nanoTime();
        SynthDataset.Report report = SynthDataset.write(faces, characters, settings, out);
        double seconds = (System.nanoTime() - start) / 1e9;
        report.missing().forEach((face, missing) -> err.println("synth: " + face + " has no glyph for " + String.join(" ", missing)));
        err.printf(Locale.ROOT, "synth: %d images of %d characters from %d faces in %s (%.1f s)%n", report.images(),
                characters.characters().size(), faces.size(), out, seconds);
        if (json) {
            ObjectNode root = Json.object();
            root.put("out", out.toString());
            root.put("images", report.images());
            root.put("characters", characters.characters().size());
            var faceNames = root.putArray("faces");
            faces.forEach(f -> faceNames.add(f.getFontName(Locale.ROOT)));
            var missing = root.putObject("missing");
            report.missing().forEach((face, list) -> {
                var a = missing.putArray(face);
                list.forEach(a::add);
            });
            Json.putNumber(root, "seconds", seconds);
            Json.print(spec.commandLine().getOut(), root);
        }
        return 0;
    }
}

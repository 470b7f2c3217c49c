package org.glyphocr.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.glyphocr.Recognizer;
import org.glyphocr.data.DatasetFolder;
import org.glyphocr.data.DatasetLoader;
import org.glyphocr.data.LabeledGlyphs;
import org.glyphocr.image.Glyph;
import org.glyphocr.image.ImageDecoder;
import org.glyphocr.image.Preprocessor;
import org.glyphocr.model.Model;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code bench}: recognition throughput on one thread, from image files (read, decode, preprocess,
 * classify) and from preprocessed glyphs (network only). Each figure is the median of several timed
 * rounds after warm-up rounds.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = {"Measures recognition throughput on one thread: from image files (read, decode,",
                "preprocess, classify, one call per file) and from preprocessed glyphs (network only, in",
                "batches of --batch; 1 means a loop of single calls). Prints medians over --rounds rounds."})
final class BenchCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    ModelOption modelOption;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "testdata/mnist-7k", description = "Dataset folder whose images are read (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--files", paramLabel = "N", defaultValue = "2000", description = "Image files per round (default: ${DEFAULT-VALUE}).")
    int files;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "256", description = "Glyphs per network call (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "5", description = "Timed rounds, after 2 warm-up rounds (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--json", description = "Print one JSON object on stdout.")
    boolean json;

    private static final int WARMUP_ROUNDS = 2;

    @Override
    public Integer call() throws Exception {
        if (files < 1) throw new IllegalArgumentException("--files must be >= 1, was " + files);
        if (batch < 1) throw new IllegalArgumentException("--batch must be >= 1, was " + batch);
        if (rounds < 1) throw new IllegalArgumentException("--rounds must be >= 1, was " + rounds);
        PrintWriter err = spec.commandLine().getErr();
        Model model = modelOption.load();
        List<Path> paths = new ArrayList<>();
        DatasetFolder.scan(data).classes().values().forEach(paths::addAll);
        paths = paths.subList(0, Math.min(files, paths.size()));
        LabeledGlyphs glyphs = DatasetLoader.load(data, new Preprocessor(model.preprocessing()), ImageDecoder.DEFAULT).data();
        double filesPerSecond;
        double glyphsPerSecond;
        try (Recognizer recognizer = Recognizer.of(model)) {
            List<Path> roundFiles = paths;
            filesPerSecond = median(() -> {
                for (Path p : roundFiles) recognizer.recognize(p);
                return roundFiles.size();
            }, err, "files");
            float[] inputs = new float[glyphs.size() * Glyph.PIXELS];
            for (int i = 0; i < glyphs.size(); i++) glyphs.copyInputs(i, inputs, i * Glyph.PIXELS);
            glyphsPerSecond = median(() -> inferAll(recognizer, inputs, glyphs.size()), err, "glyphs");
            ObjectNode root = Json.object();
            root.put("model", modelOption.describe());
            root.put("backend", recognizer.backend());
            root.put("threads", 1);
            root.put("files", paths.size());
            Json.putNumber(root, "classify_files_per_second", filesPerSecond);
            root.put("batch", batch);
            root.put("glyphs", glyphs.size());
            Json.putNumber(root, "infer_glyphs_per_second", glyphsPerSecond);
            root.put("rounds", rounds);
            if (json) {
                Json.print(spec.commandLine().getOut(), root);
            } else {
                PrintWriter out = spec.commandLine().getOut();
                out.printf(Locale.ROOT, "backend %s, 1 thread%n", recognizer.backend());
                out.printf(Locale.ROOT, "classify from files:        %,.0f files/s (%d %s files, decode + preprocess + classify)%n",
                        filesPerSecond, paths.size(), data);
                out.printf(Locale.ROOT, "infer preprocessed glyphs:  %,.0f glyphs/s (batch %d)%n", glyphsPerSecond, batch);
            }
        }
        return 0;
    }

    private int inferAll(Recognizer recognizer, float[] inputs, int count) {
        int classes = recognizer.model().alphabet().size();
        float[] probabilities = new float[batch * classes];
        float[] chunk = new float[batch * Glyph.PIXELS];
        for (int start = 0; start < count; start += batch) {
            int n = Math.min(batch, count - start);
            System.arraycopy(inputs, start * Glyph.PIXELS, chunk, 0, n * Glyph.PIXELS);
            recognizer.probabilities(chunk, n, probabilities);
        }
        return count;
    }

    /** Work done per round, as a count of items. */
    private interface Round {
        int run() throws Exception;
    }

    private double median(Round round, PrintWriter err, String what) throws Exception {
        double[] rates = new double[rounds];
        for (int r = -WARMUP_ROUNDS; r < rounds; r++) {
            long t0 = System.nanoTime();
            int items = round.run();
            double rate = items / ((System.nanoTime() - t0) / 1e9);
            if (r >= 0) rates[r] = rate;
        }
        Arrays.sort(rates);
        err.printf(Locale.ROOT, "bench: %s per second, min %.0f, median %.0f, max %.0f%n", what, rates[0], rates[rounds / 2], rates[rounds - 1]);
        return rounds % 2 == 1 ? rates[rounds / 2] : (rates[rounds / 2 - 1] + rates[rounds / 2]) / 2;
    }
}

package org.glyphocr.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.glyphocr.augment.AugmentSettings;
import org.glyphocr.backend.Backend;
import org.glyphocr.data.DatasetLoader;
import org.glyphocr.image.ImageDecoder;
import org.glyphocr.image.Preprocessor;
import org.glyphocr.model.ModelWriter;
import org.glyphocr.train.HyperparameterSearch;
import org.glyphocr.train.HyperparameterSearch.Parameter;
import org.glyphocr.train.TrainerConfig;
import org.glyphocr.train.TrainingListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code search --data DIR --out FILE [--params ...] [trainer options] [--json]}. */
@Command(name = "search", mixinStandardHelpOptions = true, usageHelpAutoWidth = true, sortOptions = false,
        description = {"Tunes hyperparameters by factors of three, one after the other: from the given value try x3 and /3,",
                "and keep going the way validation accuracy improves (steps 1, 3, 10, 30...). The test split is",
                "used once, on the chosen model, which is written to --out. Prints a table of every trial."})
final class SearchCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--data", paramLabel = "DIR", required = true, description = "Dataset folder.")
    Path data;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "Where to write the best model (.gocr).")
    Path out;

    @Option(names = "--params", paramLabel = "P[,P...]", converter = CommaLists.WordsConverter.class, defaultValue = "learning-rate,l2,batch,hidden",
            description = "What to tune, in order: learning-rate, l2, batch, hidden (default: ${DEFAULT-VALUE}).")
    CommaLists.Words params;

    @Mixin
    TrainerOptions options;

    @Option(names = "--json", description = "Print one JSON object on stdout.")
    boolean json;

    @Option(names = "--quiet", description = "No progress on stderr.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        TrainerConfig config = options.config();
        List<Parameter> parameters = params.values().stream().map(Parameter::fromId).toList();
        Preprocessor preprocessor = new Preprocessor(options.preprocessing());
        Backend requested = options.requestedBackend();
        boolean augment = !config.augment().equals(AugmentSettings.NONE);
        DatasetLoader.Report loaded = DatasetLoader.load(data, preprocessor, ImageDecoder.DEFAULT, augment);
        loaded.unreadable().forEach(line -> err.println("search: skipped unreadable " + line));
        if (!quiet) err.printf(Locale.ROOT, "search: %d glyphs; tuning %s by factors of 3%n", loaded.data().size(), params.values());
        Backend backend = TrainerOptions.backendFor(requested, config, loaded.data().alphabet().size());
        HyperparameterSearch.Result result = new HyperparameterSearch(config, backend, parameters).run(loaded.data(), trial -> {
            if (!quiet) {
                err.println(trial);
                err.flush();
            }
        }, TrainingListener.NONE);
        ModelWriter.write(result.model(), out);
        PrintWriter stdout = spec.commandLine().getOut();
        if (json) {
            ObjectNode root = Json.object();
            root.put("out", out.toString());
            ObjectNode best = root.putObject("best");
            Map<String, String> settings = result.trials().stream().filter(HyperparameterSearch.Trial::best)
                    .reduce((a, b) -> b).orElseThrow().settings();
            settings.forEach(best::put);
            Json.putNumber(root, "validation_accuracy", result.model().provenance().validationAccuracy());
            Json.putNumber(root, "test_accuracy", result.testAccuracy());
            ArrayNode trials = root.putArray("trials");
            for (HyperparameterSearch.Trial t : result.trials()) {
                ObjectNode n = trials.addObject();
                n.put("trial", t.number());
                n.put("moved", t.parameter());
                t.settings().forEach(n::put);
                Json.putNumber(n, "validation_accuracy", t.validationAccuracy());
                n.put("epochs", t.epochs());
                Json.putNumber(n, "seconds", t.seconds());
                n.put("best_so_far", t.best());
            }
            Json.print(stdout, root);
        } else {
            stdout.println("trial  moved          learningRate  l2        batch  hidden      validation  epochs  seconds");
            for (HyperparameterSearch.Trial t : result.trials()) {
                Map<String, String> s = t.settings();
                stdout.printf(Locale.ROOT, "%5d  %-13s  %-12s  %-8s  %5s  %-10s  %10.4f  %6d  %7.1f%s%n", t.number(), t.parameter(),
                        s.get("learningRate"), s.get("l2"), s.get("batch"), s.get("hidden"), t.validationAccuracy(), t.epochs(),
                        t.seconds(), t.best() ? "  best so far" : "");
            }
            stdout.printf(Locale.ROOT, "chosen: learning rate %s, l2 %s, batch %d, hidden %s; test accuracy %.4f (measured once); wrote %s%n",
                    result.config().learningRate(), result.config().l2(), result.config().batchSize(),
                    Arrays.toString(result.config().hiddenLayers()), result.testAccuracy(), out);
        }
        return 0;
    }
}

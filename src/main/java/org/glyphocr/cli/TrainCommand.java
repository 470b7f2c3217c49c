package org.glyphocr.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.glyphocr.backend.Backend;
import org.glyphocr.backend.Backends;
import org.glyphocr.data.DatasetLoader;
import org.glyphocr.image.ImageDecoder;
import org.glyphocr.image.PreprocessSettings;
import org.glyphocr.image.Preprocessor;
import org.glyphocr.model.ModelWriter;
import org.glyphocr.model.Provenance;
import org.glyphocr.nn.Activation;
import org.glyphocr.nn.Loss;
import org.glyphocr.train.EpochRecord;
import org.glyphocr.train.SgdTrainer;
import org.glyphocr.train.TrainerConfig;
import org.glyphocr.train.TrainingListener;
import org.glyphocr.train.TrainingResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code train --data DIR --out FILE [options] [--json]}. */
@Command(name = "train", mixinStandardHelpOptions = true, usageHelpAutoWidth = true, sortOptions = false,
        description = {"Trains a model on a dataset folder (one subfolder of images per label, or labels.tsv)",
                "and writes it atomically to --out. Progress goes to stderr; --json prints a summary object on stdout."})
final class TrainCommand implements Callable<Integer> {
    private static final TrainerConfig DEFAULTS = TrainerConfig.builder().build();

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--data", paramLabel = "DIR", required = true, description = "Dataset folder.")
    Path data;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "Model file to write (.gocr).")
    Path out;

    @Option(names = "--hidden", paramLabel = "N[,N...]", split = ",",
            description = "Hidden layer sizes, input side first, e.g. 256 or 300,100; 0 for none (default: 256).")
    int[] hidden = DEFAULTS.hiddenLayers();

    @Option(names = "--activation", paramLabel = "NAME", description = "Hidden activation: sigmoid, tanh or relu (default: sigmoid).")
    String activation = DEFAULTS.hiddenActivation().id();

    @Option(names = "--loss", paramLabel = "NAME", description = "cross-entropy (softmax output) or sum-of-squares (sigmoid outputs) (default: cross-entropy).")
    String loss = DEFAULTS.loss().id();

    @Option(names = "--batch", paramLabel = "N", description = "Minibatch size; the loss is averaged over it (default: ${DEFAULT-VALUE}).")
    int batch = DEFAULTS.batchSize();

    @Option(names = {"--learning-rate", "--lr"}, paramLabel = "RATE", description = "Initial learning rate (default: ${DEFAULT-VALUE}).")
    double learningRate = DEFAULTS.learningRate();

    @Option(names = "--momentum", paramLabel = "MU", description = "Momentum in [0, 1) (default: ${DEFAULT-VALUE}).")
    double momentum = DEFAULTS.momentum();

    @Option(names = "--nesterov", description = "Nesterov momentum instead of classical.")
    boolean nesterov = DEFAULTS.nesterov();

    @Option(names = "--l2", paramLabel = "LAMBDA", description = "L2 weight decay (default: ${DEFAULT-VALUE}).")
    double l2 = DEFAULTS.l2();

    @Option(names = "--epochs", paramLabel = "N", description = "Maximum epochs, halved ones included (default: ${DEFAULT-VALUE}).")
    int epochs = DEFAULTS.maxEpochs();

    @Option(names = "--target-error", paramLabel = "E", description = "Stop once the validation error rate is at most E; 0 never (default: ${DEFAULT-VALUE}).")
    double targetError = DEFAULTS.targetError();

    @Option(names = "--patience", paramLabel = "N", description = "Stop after N epochs without better validation accuracy; 0 never (default: ${DEFAULT-VALUE}).")
    int patience = DEFAULTS.patience();

    @Option(names = "--divergence-tolerance", paramLabel = "F", description = "Halve the learning rate when the epoch loss rises by more than this fraction (default: ${DEFAULT-VALUE}).")
    double divergenceTolerance = DEFAULTS.divergenceTolerance();

    @Option(names = "--min-learning-rate", paramLabel = "RATE", description = "Stop when halving takes the rate below this (default: ${DEFAULT-VALUE}).")
    double minLearningRate = DEFAULTS.minLearningRate();

    @Option(names = "--halve-momentum", description = "Also halve the momentum at each halving.")
    boolean halveMomentum = DEFAULTS.halveMomentum();

    @Option(names = "--halve-l2", description = "Also halve L2 at each halving.")
    boolean halveL2 = DEFAULTS.halveL2();

    @Option(names = "--validation", paramLabel = "F", description = "Fraction of each class held out for validation (default: ${DEFAULT-VALUE}).")
    double validation = DEFAULTS.validationFraction();

    @Option(names = "--test", paramLabel = "F", description = "Fraction of each class held out for the final test (default: ${DEFAULT-VALUE}).")
    double test = DEFAULTS.testFraction();

    @Option(names = "--seed", paramLabel = "N", description = "Seed for initialisation, split and shuffling (default: ${DEFAULT-VALUE}).")
    long seed = DEFAULTS.seed();

    @Option(names = "--fit-size", paramLabel = "N", description = "Preprocessing: side in glyph pixels that the ink's longer side is scaled to, 1..20 (default: ${DEFAULT-VALUE}).")
    int fitSize = PreprocessSettings.DEFAULT.fitSize();

    // picocli's pattern for a negatable option that is true by default: declare the negative name.
    @Option(names = "--no-deskew", negatable = true, description = "Preprocessing: --no-deskew keeps the slant; --deskew (the default) undoes it by image moments.")
    boolean deskew = PreprocessSettings.DEFAULT.deskew();

    @Option(names = "--stroke-width", paramLabel = "PX", description = "Preprocessing: mean stroke width in glyph pixels that strokes are thickened or thinned to; 0 leaves them (default: ${DEFAULT-VALUE}).")
    double strokeWidth = PreprocessSettings.DEFAULT.strokeWidth();

    @Option(names = "--backend", paramLabel = "NAME", defaultValue = "auto", description = "auto, cpu or gpu (default: ${DEFAULT-VALUE}).")
    String backendName;

    @Option(names = "--json", description = "Print a summary JSON object on stdout.")
    boolean json;

    @Option(names = "--quiet", description = "No progress on stderr.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        for (int h : hidden) if (h < 0) throw new IllegalArgumentException("--hidden sizes must be >= 0, was " + Arrays.toString(hidden));
        TrainerConfig config = TrainerConfig.builder()
                .hiddenLayers(Arrays.stream(hidden).filter(h -> h != 0).toArray())
                .hiddenActivation(Activation.fromId(activation))
                .loss(Loss.fromId(loss))
                .batchSize(batch).learningRate(learningRate).momentum(momentum).nesterov(nesterov).l2(l2)
                .maxEpochs(epochs).targetError(targetError).patience(patience)
                .divergenceTolerance(divergenceTolerance).minLearningRate(minLearningRate)
                .halveMomentum(halveMomentum).halveL2(halveL2)
                .split(validation, test).seed(seed)
                .build();
        PreprocessSettings preprocessing = PreprocessSettings.builder().fitSize(fitSize).deskew(deskew).strokeWidth(strokeWidth).build();
        checkOutputWritable();
        Backend backend = Backends.named(backendName);
        long loadStart = System.nanoTime();
        DatasetLoader.Report report = DatasetLoader.load(data, new Preprocessor(preprocessing), ImageDecoder.DEFAULT);
        report.unreadable().forEach(line -> err.println("train: skipped unreadable " + line));
        if (!quiet && !report.blank().isEmpty()) err.println("train: skipped " + report.blank().size() + " blank images");
        if (!quiet) {
            err.printf(Locale.ROOT, "train: %d glyphs in %d classes from %s (%.1f s)%n", report.data().size(),
                    report.data().alphabet().size(), data, (System.nanoTime() - loadStart) / 1e9);
        }
        TrainingResult result = new SgdTrainer(config, backend).train(report.data(), quiet ? TrainingListener.NONE : new Progress(err, config));
        ModelWriter.write(result.model(), out);
        Provenance p = result.model().provenance();
        if (!quiet) {
            err.printf(Locale.ROOT, "train: wrote %s: test accuracy %.4f, validation %.4f, %d epochs in %.1f s (%s)%n",
                    out, p.testAccuracy(), p.validationAccuracy(), p.epochs(), p.trainSeconds(), p.stopReason());
        }
        if (json) printJson(stdout, result, report);
        return 0;
    }

    /** Fails before hours of training if the model could not be written at the end. */
    private void checkOutputWritable() {
        Path dir = out.toAbsolutePath().getParent();
        if (Files.isDirectory(out)) throw new IllegalArgumentException(out + ": is a folder; --out needs a file name");
        if (dir != null && Files.exists(dir) && !Files.isWritable(dir)) {
            throw new IllegalArgumentException(dir + ": folder is not writable, so --out cannot be saved there");
        }
    }

    private void printJson(PrintWriter stdout, TrainingResult result, DatasetLoader.Report report) {
        Provenance p = result.model().provenance();
        ObjectNode root = Json.object();
        root.put("out", out.toString());
        root.put("epochs", p.epochs());
        Json.putNumber(root, "train_seconds", p.trainSeconds());
        Json.putNumber(root, "samples_per_second", result.samplesPerSecond());
        Json.putNumber(root, "train_accuracy", p.trainAccuracy());
        Json.putNumber(root, "validation_accuracy", p.validationAccuracy());
        Json.putNumber(root, "test_accuracy", p.testAccuracy());
        root.put("backend", p.backend());
        root.put("halvings", p.halvings());
        root.put("stop_reason", p.stopReason());
        root.put("architecture", result.model().architecture().toString());
        ObjectNode samples = root.putObject("samples");
        samples.put("train", p.trainSamples());
        samples.put("validation", p.validationSamples());
        samples.put("test", p.testSamples());
        samples.put("unreadable", report.unreadable().size());
        samples.put("blank", report.blank().size());
        ArrayNode history = root.putArray("history");
        for (EpochRecord r : result.history()) {
            ObjectNode e = history.addObject();
            e.put("epoch", r.epoch());
            Json.putNumber(e, "loss", r.meanLoss());
            Json.putNumber(e, "train_accuracy", r.trainAccuracy());
            Json.putNumber(e, "validation_accuracy", r.validationAccuracy());
            e.put("learning_rate", r.learningRate());
            e.put("halved", r.halved());
            Json.putNumber(e, "seconds", r.seconds());
        }
        Json.print(stdout, root);
    }

    /** One line per epoch on stderr. */
    private static final class Progress implements TrainingListener {
        private final PrintWriter err;
        private final int maxEpochs;

        Progress(PrintWriter err, TrainerConfig config) {
            this.err = err;
            this.maxEpochs = config.maxEpochs();
        }

        @Override
        public void onStart(String backend, int trainSamples, int validationSamples, int testSamples) {
            err.printf(Locale.ROOT, "train: backend %s; split %d train / %d validation / %d test%n", backend, trainSamples,
                    validationSamples, testSamples);
        }

        @Override
        public void onEpoch(EpochRecord r) {
            err.printf(Locale.ROOT, "epoch %d/%d  loss %.4f  train %.2f%%  validation %s  lr %.4g  %.1f s%s%n", r.epoch(), maxEpochs,
                    r.meanLoss(), 100 * r.trainAccuracy(),
                    Double.isNaN(r.validationAccuracy()) ? "-" : String.format(Locale.ROOT, "%.2f%%", 100 * r.validationAccuracy()),
                    r.learningRate(), r.seconds(), r.halved() ? "  (diverged, undone)" : "");
            err.flush();
        }

        @Override
        public void onHalving(int epoch, double newLearningRate, String reason) {
            err.printf(Locale.ROOT, "train: %s; restored the last good weights, learning rate now %.4g%n", reason, newLearningRate);
        }
    }
}

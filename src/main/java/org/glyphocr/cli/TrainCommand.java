package org.glyphocr.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.glyphocr.Evaluation;
import org.glyphocr.Recognition;
import org.glyphocr.Recognizer;
import org.glyphocr.augment.AugmentSettings;
import org.glyphocr.backend.Backend;
import org.glyphocr.data.DatasetLoader;
import org.glyphocr.data.LabeledGlyphs;
import org.glyphocr.image.Glyph;
import org.glyphocr.image.ImageDecoder;
import org.glyphocr.image.Preprocessor;
import org.glyphocr.model.Model;
import org.glyphocr.model.ModelWriter;
import org.glyphocr.model.Provenance;
import org.glyphocr.report.TrainingCharts;
import org.glyphocr.synth.CharacterSet;
import org.glyphocr.synth.FontSource;
import org.glyphocr.synth.SynthDataset;
import org.glyphocr.synth.SynthSettings;
import org.glyphocr.train.Checkpointing;
import org.glyphocr.train.EpochRecord;
import org.glyphocr.train.SgdTrainer;
import org.glyphocr.train.TrainerConfig;
import org.glyphocr.train.TrainingListener;
import org.glyphocr.train.TrainingResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.awt.Font;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** {@code train --data DIR --out FILE [options] [--json]}, or {@code --font F... --chars SET} instead of {@code --data}. */
@Command(name = "train", mixinStandardHelpOptions = true, usageHelpAutoWidth = true, sortOptions = false,
        description = {"Trains a model on a dataset folder (one subfolder of images per label, or labels.tsv)",
                "and writes it atomically to --out, with a checkpoint after every epoch and a report folder of",
                "pictures (training chart, confusion matrix, misread validation glyphs). Progress goes to stderr;",
                "--json prints a summary object on stdout."})
final class TrainCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--data", paramLabel = "DIR", description = "Dataset folder (or --font and --chars).")
    Path data;

    @Option(names = "--font", paramLabel = "FILE_OR_FAMILY",
            description = "Instead of --data: train on these fonts' renderings of --chars, made as synth makes them (repeatable).")
    List<String> fonts;

    @Option(names = "--chars", paramLabel = "SET", description = "With --font: the characters, as synth --chars takes them.")
    String chars;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "Model file to write (.gocr).")
    Path out;

    @Mixin
    TrainerOptions options;

    @Option(names = "--checkpoint", paramLabel = "FILE", description = "Checkpoint written after every epoch (default: FILE.checkpoint next to --out); deleted when training finishes.")
    Path checkpoint;

    @Option(names = "--resume", description = "Continue from the checkpoint of an interrupted run with the same data and settings.")
    boolean resume;

    @Option(names = "--report", paramLabel = "DIR", description = "Folder for the training chart, confusion matrix and error gallery (default: NAME-report next to --out).")
    Path report;

    @Option(names = "--no-report", description = "Write no pictures.")
    boolean noReport;

    @Option(names = "--events", paramLabel = "FILE", description = "Write every training event (start, batch, epoch with ETA, "
            + "halving, end) to FILE as one JSON object per line, flushed as it happens.")
    Path events;

    @Option(names = "--json", description = "Print a summary JSON object on stdout.")
    boolean json;

    @Option(names = "--quiet", description = "No progress on stderr.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        TrainerConfig config = options.config();
        Preprocessor preprocessor = new Preprocessor(options.preprocessing());
        checkOutputWritable();
        Backend requested = options.requestedBackend();
        Path checkpointFile = checkpoint != null ? checkpoint : Checkpointing.nextTo(out);
        if (resume && !Files.exists(checkpointFile)) {
            throw new IllegalArgumentException(checkpointFile + ": no checkpoint to resume from; run without --resume to start afresh");
        }
        // Ctrl-C or a TERM signal asks training to stop: the best epoch so far is saved, and the
        // images rendered from fonts are deleted, before the JVM exits.
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch finished = new CountDownLatch(1);
        Thread onSignal = new Thread(() -> {
            stop.set(true);
            try {
                finished.await(CANCEL_GRACE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "glyph-ocr-stop-training");
        Runtime.getRuntime().addShutdownHook(onSignal);
        try {
            try (SynthDataset.Temporary fromFonts = fontDataset(err)) {
                return train(fromFonts != null ? fromFonts.folder() : data, config, preprocessor, requested, checkpointFile, stop, stdout, err);
            }
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(onSignal);
            } catch (IllegalStateException shuttingDown) {
                // The signal came: the hook is running and returns now that the model is saved.
            }
        }
    }

    /**
     * With {@code --font} and {@code --chars}: the training set rendered into a temporary folder
     * (deleted after training), the same images every time, so {@code --resume} finds the same data.
     */
    private SynthDataset.Temporary fontDataset(PrintWriter err) throws IOException {
        if ((data == null) == (fonts == null)) throw new IllegalArgumentException("give either --data DIR or --font FILE_OR_FAMILY with --chars SET");
        if (fonts == null) {
            if (chars != null) throw new IllegalArgumentException("--chars goes with --font; a --data folder brings its own labels");
            return null;
        }
        if (chars == null) throw new IllegalArgumentException("--font needs --chars SET: the characters to learn");
        CharacterSet characters = CharacterSet.parse(chars);
        List<Font> faces = FontSource.resolveAll(fonts);
        long start = System.nanoTime();
        SynthDataset.Temporary set = SynthDataset.writeTemporary(faces, characters, SynthSettings.DEFAULT);
        if (!quiet) {
            err.printf(Locale.ROOT, "train: rendered %d images of %d characters from %d faces (%.1f s)%n", set.report().images(),
                    characters.characters().size(), faces.size(), (System.nanoTime() - start) / 1e9);
        }
        return set;
    }

    private Integer train(Path data, TrainerConfig config, Preprocessor preprocessor, Backend requested, Path checkpointFile,
                          AtomicBoolean stop, PrintWriter stdout, PrintWriter err) throws Exception {
        long loadStart = System.nanoTime();
        boolean augment = !config.augment().equals(AugmentSettings.NONE);
        DatasetLoader.Report loaded = DatasetLoader.load(data, preprocessor, ImageDecoder.DEFAULT, augment);
        loaded.unreadable().forEach(line -> err.println("train: skipped unreadable " + line));
        if (!quiet && !loaded.blank().isEmpty()) err.println("train: skipped " + loaded.blank().size() + " blank images");
        if (!quiet) {
            err.printf(Locale.ROOT, "train: %d glyphs in %d classes from %s (%.1f s)%n", loaded.data().size(),
                    loaded.data().alphabet().size(), data, (System.nanoTime() - loadStart) / 1e9);
        }
        Backend backend = TrainerOptions.backendFor(requested, config, loaded.data().alphabet().size());
        try (EventLog log = events != null ? new EventLog(events) : null) {
            TrainingListener listener = TrainingListener.all(
                    quiet ? TrainingListener.NONE : new ProgressDisplay(err, config.maxEpochs(), System.console() != null),
                    log != null ? log : TrainingListener.NONE,
                    new TrainingListener() {
                        @Override
                        public boolean stopRequested() {
                            return stop.get();
                        }
                    });
            TrainingResult result;
            try {
                result = new SgdTrainer(config, backend).train(loaded.data(), listener, new Checkpointing(checkpointFile, resume));
            } catch (RuntimeException e) {
                if (log != null) log.end(endEvent(null, e));
                throw e;
            }
            ModelWriter.write(result.model(), out);
            Provenance p = result.model().provenance();
            if (log != null) log.end(endEvent(result, null));
            Path reportDir = null;
            if (!noReport) {
                reportDir = report != null ? report : out.resolveSibling(stem(out) + "-report");
                writeReport(reportDir, result, loaded.data().split(config.validationFraction(), config.testFraction(), config.seed()).validation());
            }
            if (!quiet) {
                err.printf(Locale.ROOT, "train: wrote %s: test accuracy %.4f, validation %.4f, %d epochs in %.1f s (%s)%s%n",
                        out, p.testAccuracy(), p.validationAccuracy(), p.epochs(), p.trainSeconds(), p.stopReason(),
                        reportDir == null ? "" : "; pictures in " + reportDir);
                if (p.stopReason().equals("cancelled")) err.println("train: cancelled; --resume continues from " + checkpointFile);
            }
            if (json) printJson(stdout, result, loaded, reportDir);
            return 0;
        }
    }

    /** How long a stop signal waits for the best model so far to be saved before the JVM exits anyway. */
    static final long CANCEL_GRACE_SECONDS = 120;

    /** The {@code end} event: the stop reason and accuracies with the model's file, or the error. */
    private ObjectNode endEvent(TrainingResult result, RuntimeException error) {
        ObjectNode e = Json.object();
        if (error != null) {
            e.put("error", error.getMessage());
            return e;
        }
        Provenance p = result.model().provenance();
        e.put("stop_reason", p.stopReason());
        e.put("epochs", p.epochs());
        Json.putNumber(e, "validation_accuracy", p.validationAccuracy());
        Json.putNumber(e, "test_accuracy", p.testAccuracy());
        e.put("model", out.toString());
        return e;
    }

    private static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** Fails before hours of training if the model could not be written at the end. */
    private void checkOutputWritable() {
        Path dir = out.toAbsolutePath().getParent();
        if (Files.isDirectory(out)) throw new IllegalArgumentException(out + ": is a folder; --out needs a file name");
        if (dir != null && Files.exists(dir) && !Files.isWritable(dir)) {
            throw new IllegalArgumentException(dir + ": folder is not writable, so --out cannot be saved there");
        }
    }

    /** The training chart, and the confusion matrix and misread glyphs of the validation split. */
    static void writeReport(Path dir, TrainingResult result, LabeledGlyphs validation) throws IOException {
        Model model = result.model();
        TrainingCharts.writeTrainingChart("Training " + model.provenance().dataSource() + ": " + model.architecture(),
                result.batchLosses(), result.history(), dir.resolve("training.png"), 1400, 800);
        if (validation.size() == 0) return;
        List<TrainingCharts.Mistake> mistakes = new ArrayList<>();
        try (Recognizer recognizer = Recognizer.of(model)) {
            Evaluation evaluation = Evaluation.of(recognizer, validation);
            TrainingCharts.writeConfusionMatrix("Validation confusion matrix", evaluation.labels(), evaluation.confusion(),
                    dir.resolve("confusion.png"));
            List<Glyph> glyphs = new ArrayList<>();
            for (int i = 0; i < validation.size(); i++) glyphs.add(validation.glyph(i));
            List<Recognition> readings = recognizer.recognizeGlyphs(glyphs);
            for (int i = 0; i < validation.size(); i++) {
                String truth = validation.alphabet().label(validation.target(i));
                Recognition r = readings.get(i);
                if (!r.label().equals(truth)) {
                    mistakes.add(new TrainingCharts.Mistake(glyphs.get(i), truth, r.label(), r.probability(), validation.source(i)));
                }
            }
        }
        TrainingCharts.writeErrorGallery("Misread validation glyphs (" + mistakes.size() + " of " + validation.size() + ")",
                mistakes, 200, dir.resolve("errors.png"));
    }

    private void printJson(PrintWriter stdout, TrainingResult result, DatasetLoader.Report loaded, Path reportDir) {
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
        if (reportDir != null) root.put("report", reportDir.toString());
        ObjectNode samples = root.putObject("samples");
        samples.put("train", p.trainSamples());
        samples.put("validation", p.validationSamples());
        samples.put("test", p.testSamples());
        samples.put("unreadable", loaded.unreadable().size());
        samples.put("blank", loaded.blank().size());
        ArrayNode history = root.putArray("history");
        for (EpochRecord r : result.history()) {
            ObjectNode e = history.addObject();
            e.put("epoch", r.epoch());
            e.put("steps", r.steps());
            Json.putNumber(e, "loss", r.meanLoss());
            Json.putNumber(e, "train_accuracy", r.trainAccuracy());
            Json.putNumber(e, "validation_accuracy", r.validationAccuracy());
            e.put("learning_rate", r.learningRate());
            e.put("halved", r.halved());
            Json.putNumber(e, "seconds", r.seconds());
        }
        Json.print(stdout, root);
    }
}

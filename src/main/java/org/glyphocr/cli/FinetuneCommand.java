package org.glyphocr.cli;

import org.glyphocr.data.DatasetLoader;
import org.glyphocr.data.LabeledGlyphs;
import org.glyphocr.image.ImageDecoder;
import org.glyphocr.image.Preprocessor;
import org.glyphocr.model.Model;
import org.glyphocr.model.ModelWriter;
import org.glyphocr.train.FineTuning;
import org.glyphocr.train.TrainingListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code finetune [--model BASE] --data DIR [--replay DIR] --out FILE}: adapts a model to a few new samples per class. */
@Command(name = "finetune", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = {"Adapts a model to a handful of samples per class (5 to 20), also of classes it does not have:",
                "the output layer grows, and samples of the old classes (--replay, stored samples of the base",
                "alphabet, such as the base model's own training data) are trained on alongside, so that it keeps",
                "what it knew."})
final class FinetuneCommand implements Callable<Integer> {
    private static final FineTuning.Settings DEFAULTS = FineTuning.Settings.DEFAULT;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    ModelOption modelOption;

    @Option(names = "--data", paramLabel = "DIR", required = true, description = "The new samples: a dataset folder.")
    Path data;

    @Option(names = "--replay", paramLabel = "DIR", description = "Samples of the base model's classes to replay (recommended).")
    Path replay;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "Model file to write (.gocr).")
    Path out;

    @Option(names = "--replay-split", paramLabel = "PART", defaultValue = "train",
            description = "Which part of --replay: train (default: the part the base model trained on, as its provenance says,"
                    + " so its test part stays unseen), or all.")
    EvalCommand.Part replaySplit;

    @Option(names = "--replay-per-class", paramLabel = "N", description = "Replayed samples per old class (default: ${DEFAULT-VALUE}).")
    int replayPerClass = DEFAULTS.replayPerClass();

    @Option(names = "--oversample", paramLabel = "K", description = "Times each new sample appears per epoch, augmented afresh (default: ${DEFAULT-VALUE}).")
    int oversample = DEFAULTS.oversample();

    @Option(names = "--epochs", paramLabel = "N", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs = DEFAULTS.epochs();

    @Option(names = {"--lr", "--learning-rate"}, paramLabel = "RATE", description = "Learning rate for a batch of 32 (default: ${DEFAULT-VALUE}).")
    double learningRate = DEFAULTS.learningRate();

    @Option(names = "--seed", paramLabel = "N", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed = DEFAULTS.seed();

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        Model base = modelOption.load();
        Preprocessor preprocessor = new Preprocessor(base.preprocessing());
        LabeledGlyphs fresh = DatasetLoader.load(data, preprocessor, ImageDecoder.DEFAULT, true).data();
        LabeledGlyphs old = replay == null ? LabeledGlyphs.of(base.alphabet(), java.util.List.of(), new int[0], java.util.List.of(),
                base.preprocessing(), "none", "").withInk(java.util.List.of())
                : EvalCommand.selectPart(DatasetLoader.load(replay, preprocessor, ImageDecoder.DEFAULT, true).data(), base.provenance(),
                        replaySplit, modelOption.describe(), replay, err);
        if (replay == null) err.println("finetune: no --replay: the old classes are not rehearsed, and the model may forget them");
        FineTuning.Settings settings = new FineTuning.Settings(replayPerClass, oversample, epochs, learningRate, seed);
        long start = System.nanoTime();
        Model tuned = FineTuning.finetune(base, fresh, old, settings, TrainingListener.NONE);
        ModelWriter.write(tuned, out);
        err.printf(Locale.ROOT, "finetune: %d new samples of %d labels, %d replayed per old class; wrote %s (%d labels, validation %.4f) in %.1f s%n",
                fresh.size(), fresh.alphabet().size(), replayPerClass, out, tuned.alphabet().size(), tuned.provenance().validationAccuracy(),
                (System.nanoTime() - start) / 1e9);
        return 0;
    }
}

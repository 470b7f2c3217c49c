package org.glyphocr.cli;

import org.glyphocr.Recognizer;
import org.glyphocr.Reliability;
import org.glyphocr.data.DatasetLoader;
import org.glyphocr.data.LabeledGlyphs;
import org.glyphocr.image.ImageDecoder;
import org.glyphocr.image.Preprocessor;
import org.glyphocr.model.Calibration;
import org.glyphocr.model.Model;
import org.glyphocr.model.ModelWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code calibrate [--model M] --data DIR [--split PART] --out FILE}: fits a model's temperature on held-out glyphs. */
@Command(name = "calibrate", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = {"Fits the temperature that calibrates a model's probabilities (what train does after training)",
                "on held-out glyphs, by default the validation part that the model's own training held out,",
                "and writes the model with it. Labels and accuracy do not change."})
final class CalibrateCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    ModelOption modelOption;

    @Option(names = "--data", paramLabel = "DIR", required = true, description = "Dataset folder.")
    Path data;

    @Option(names = "--split", paramLabel = "PART", defaultValue = "validation",
            description = "Which part of the dataset to fit on: validation (default), test, train or all (see eval --split).")
    EvalCommand.Part part;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "Model file to write (.gocr).")
    Path out;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        Model model = modelOption.load().withCalibration(Calibration.NONE);
        DatasetLoader.Report report = DatasetLoader.load(data, new Preprocessor(model.preprocessing()), ImageDecoder.DEFAULT);
        LabeledGlyphs glyphs = EvalCommand.selectPart(report.data(), model.provenance(), part, modelOption.describe(), data, err);
        if (glyphs.size() == 0) throw new IllegalArgumentException(data + ": the " + part + " part holds no glyphs to calibrate on");
        int classes = model.alphabet().size();
        int[] targets = new int[glyphs.size()];
        for (int i = 0; i < glyphs.size(); i++) {
            int t = model.alphabet().labels().indexOf(glyphs.alphabet().label(glyphs.target(i)));
            if (t < 0) throw new IllegalArgumentException(data + ": label '" + glyphs.alphabet().label(glyphs.target(i)) + "' is not in the model's alphabet");
            targets[i] = t;
        }
        Calibration calibration;
        try (Recognizer recognizer = Recognizer.of(model)) {
            float[] probabilities = new float[glyphs.size() * classes];
            float[] inputs = glyphs.inputs();
            recognizer.probabilities(inputs, glyphs.size(), probabilities);
            calibration = Calibration.fit(probabilities, targets, glyphs.size(), classes);
            Model calibrated = model.withCalibration(calibration);
            try (Recognizer after = Recognizer.of(calibrated)) {
                err.printf(Locale.ROOT, "calibrate: temperature %.4f fitted on %d glyphs (%s); their calibration error %.4f before, %.4f after%n",
                        calibration.temperature(), glyphs.size(), part, Reliability.of(recognizer, glyphs).expectedCalibrationError(),
                        Reliability.of(after, glyphs).expectedCalibrationError());
            }
            ModelWriter.write(calibrated, out);
        }
        err.println("calibrate: wrote " + out);
        return 0;
    }
}

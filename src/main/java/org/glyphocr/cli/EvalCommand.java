package org.glyphocr.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.glyphocr.Evaluation;
import org.glyphocr.Recognizer;
import org.glyphocr.Reliability;
import org.glyphocr.data.DatasetLoader;
import org.glyphocr.data.LabeledGlyphs;
import org.glyphocr.image.ImageDecoder;
import org.glyphocr.image.Preprocessor;
import org.glyphocr.model.Calibration;
import org.glyphocr.model.Model;
import org.glyphocr.model.Provenance;
import org.glyphocr.report.ReliabilityDiagram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code eval [--model FILE] --data DIR [--split PART] [--fold-case] [--reject P] [--reliability PNG] [--json]}. */
@Command(name = "eval", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = {"Measures a model on a labelled dataset folder (one subfolder per label, or labels.tsv):",
                "accuracy, per-class precision and recall, the confusion matrix, and how well its confidence",
                "is calibrated (expected calibration error, before and after the model's calibration).",
                "Unreadable and blank images are listed on stderr and left out of the figures."})
final class EvalCommand implements Callable<Integer> {
    enum Part { all, train, validation, test }

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    ModelOption modelOption;

    @Option(names = "--data", paramLabel = "DIR", required = true, description = "Dataset folder.")
    Path data;

    @Option(names = "--split", paramLabel = "PART", defaultValue = "all",
            description = {"Which part of the dataset: all (default), or the train, validation or test part",
                    "that the model's own training used (same seed and fractions, from the model's provenance)."})
    Part part;

    @Option(names = "--fold-case", description = {"Also count a reading as right when it differs from the truth only between",
            "letters of the same shape once cut out: c/C k/K o/O p/P s/S u/U v/V w/W x/X z/Z l/I.",
            "--json then gives accuracy (folded) and accuracy_strict."})
    boolean foldCase;

    @Option(names = "--reject", paramLabel = "P", description = {"Also report coverage and accuracy when readings less probable than P are",
            "rejected as unknown (classify --reject and Recognizer.Builder.rejectBelow do the rejecting)."})
    Double reject;

    @Option(names = "--reliability", paramLabel = "PNG", description = "Write the reliability diagram (before and after the model's "
            + "calibration) and the coverage/accuracy curve of reject thresholds.")
    Path reliabilityPng;

    @Option(names = "--json", description = "Print one JSON object on stdout.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Model model = modelOption.load();
        DatasetLoader.Report report = DatasetLoader.load(data, new Preprocessor(model.preprocessing()), ImageDecoder.DEFAULT);
        report.unreadable().forEach(line -> err.println("eval: skipped unreadable " + line));
        report.blank().forEach(file -> err.println("eval: skipped blank image " + file));
        LabeledGlyphs glyphs = selectPart(report.data(), model.provenance(), part, modelOption.describe(), data, err);
        if (reject != null && !(reject >= 0 && reject <= 1)) throw new IllegalArgumentException("--reject must be within [0, 1], was " + reject);
        Evaluation e;
        Reliability after;
        Reliability before;
        try (Recognizer recognizer = Recognizer.of(model)) {
            e = Evaluation.of(recognizer, glyphs);
            after = Reliability.of(recognizer, glyphs);
        }
        if (model.calibration().equals(Calibration.NONE)) {
            before = after;
        } else {
            try (Recognizer uncalibrated = Recognizer.of(model.withCalibration(Calibration.NONE))) {
                before = Reliability.of(uncalibrated, glyphs);
            }
        }
        if (reliabilityPng != null) {
            ReliabilityDiagram.write(modelOption.describe() + " on " + data + " (" + part + ")", before, after, reliabilityPng);
        }
        if (json) {
            printJson(out, e, report, model.calibration(), before, after);
        } else {
            printText(out, e, report, model.calibration(), before, after);
        }
        return 0;
    }

    /** The part of {@code all} that the model's training used, rebuilt from its provenance (seed and fractions). */
    static LabeledGlyphs selectPart(LabeledGlyphs all, Provenance provenance, Part part, String model, Path data, PrintWriter err) {
        if (part == Part.all) return all;
        String validation = provenance.trainerSettings().get("validationFraction");
        String test = provenance.trainerSettings().get("testFraction");
        if (validation == null || test == null) {
            throw new IllegalArgumentException(model + ": the model's provenance has no split fractions, so --split "
                    + part + " cannot be reproduced; use --split all");
        }
        if (!provenance.dataSha256().isEmpty() && !provenance.dataSha256().equals(all.sha256())) {
            err.println("eval: warning: " + data + " differs from the data the model was trained on (hash "
                    + abbreviate(all.sha256()) + " vs " + abbreviate(provenance.dataSha256()) + "); the " + part
                    + " part will not be the one training held out");
        }
        LabeledGlyphs.Split split = all.split(Double.parseDouble(validation), Double.parseDouble(test), provenance.seed());
        return switch (part) {
            case train -> split.train();
            case validation -> split.validation();
            case test -> split.test();
            case all -> all;
        };
    }

    private static String abbreviate(String hash) {
        return hash.length() > 12 ? hash.substring(0, 12) : hash;
    }

    private void printJson(PrintWriter out, Evaluation e, DatasetLoader.Report report, Calibration calibration, Reliability before,
                           Reliability after) {
        ObjectNode root = Json.object();
        root.put("model", modelOption.describe());
        root.put("data", data.toString());
        root.put("split", part.name());
        Json.putNumber(root, "accuracy", foldCase ? e.accuracyFoldingCase() : e.accuracy());
        if (foldCase) Json.putNumber(root, "accuracy_strict", e.accuracy());
        root.put("samples", e.samples());
        root.put("errors", foldCase ? e.samples() - e.correctFoldingCase() : e.errors());
        root.put("unreadable", report.unreadable().size());
        root.put("blank", report.blank().size());
        root.put("temperature", calibration.temperature());
        Json.putNumber(root, "ece_before", before.expectedCalibrationError());
        Json.putNumber(root, "ece_after", after.expectedCalibrationError());
        if (reject != null) putCoverage(root.putObject("reject"), after.at(reject));
        ArrayNode curve = root.putArray("coverage_curve");
        for (Reliability.Coverage c : after.curve()) putCoverage(curve.addObject(), c);
        ArrayNode classes = root.putArray("per_class");
        for (Evaluation.ClassStats s : e.perClass()) {
            ObjectNode c = classes.addObject();
            c.put("label", s.label());
            c.put("support", s.support());
            Json.putNumber(c, "precision", s.precision());
            Json.putNumber(c, "recall", s.recall());
        }
        ArrayNode labels = root.putArray("labels");
        e.labels().forEach(labels::add);
        ArrayNode matrix = root.putArray("confusion");
        for (int[] row : e.confusion()) {
            ArrayNode r = matrix.addArray();
            for (int v : row) r.add(v);
        }
        Json.print(out, root);
    }

    private static void putCoverage(ObjectNode node, Reliability.Coverage c) {
        node.put("threshold", c.threshold());
        Json.putNumber(node, "coverage", c.coverage());
        Json.putNumber(node, "accuracy", c.accuracy());
    }

    private void printText(PrintWriter out, Evaluation e, DatasetLoader.Report report, Calibration calibration, Reliability before,
                           Reliability after) {
        if (foldCase) {
            out.printf(Locale.ROOT, "accuracy %.4f folding same-shape case pairs (%d of %d correct), strict %.4f (%d errors)%n",
                    e.accuracyFoldingCase(), e.correctFoldingCase(), e.samples(), e.accuracy(), e.errors());
        } else {
            out.printf(Locale.ROOT, "accuracy %.4f (%d of %d correct, %d errors)%n", e.accuracy(), e.correct(), e.samples(), e.errors());
        }
        if (!report.unreadable().isEmpty() || !report.blank().isEmpty()) {
            out.printf(Locale.ROOT, "left out: %d unreadable, %d blank%n", report.unreadable().size(), report.blank().size());
        }
        out.printf(Locale.ROOT, "calibration: expected calibration error %.4f before, %.4f after (temperature %.3f)%n",
                before.expectedCalibrationError(), after.expectedCalibrationError(), calibration.temperature());
        if (reject != null) {
            Reliability.Coverage c = after.at(reject);
            out.printf(Locale.ROOT, "reject below %.3f: coverage %.4f, accuracy %.4f on the readings kept%n", c.threshold(), c.coverage(), c.accuracy());
        }
        out.println();
        out.println("label  support  precision  recall");
        for (Evaluation.ClassStats s : e.perClass()) {
            out.printf(Locale.ROOT, "%-6s %7d  %9.4f  %6.4f%n", s.label(), s.support(), s.precision(), s.recall());
        }
        out.println();
        out.println("confusion matrix (rows: true label, columns: predicted)");
        List<String> labels = e.labels();
        int width = 5;
        for (int[] row : e.confusion()) for (int v : row) width = Math.max(width, Integer.toString(v).length() + 1);
        StringBuilder header = new StringBuilder(String.format("%-6s", ""));
        for (String l : labels) header.append(String.format("%" + width + "s", l));
        out.println(header);
        for (int i = 0; i < labels.size(); i++) {
            StringBuilder line = new StringBuilder(String.format("%-6s", labels.get(i)));
            for (int v : e.confusion()[i]) line.append(String.format("%" + width + "d", v));
            out.println(line);
        }
    }
}

package org.glyphocr.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.glyphocr.Recognition;
import org.glyphocr.Recognizer;
import org.glyphocr.data.DatasetLoader;
import org.glyphocr.data.LabeledGlyphs;
import org.glyphocr.image.Glyph;
import org.glyphocr.train.EpochRecord;

/**
 * Renders one example of each report picture, to look at them:
 *
 * <pre>
 * mvn -q -B -ntp -DskipTests package test-compile
 * java -Djava.awt.headless=true -cp target/glyph-ocr.jar:target/test-classes org.glyphocr.report.ReportExamples /tmp/report-examples
 * </pre>
 *
 * The training chart uses a synthetic run ({@link #syntheticRun}): the trainer does not yet hand out
 * its batch losses. The confusion matrix and the gallery are real: the bundled digits model read
 * the 7,000 digits of {@code testdata/mnist-7k}.
 */
public final class ReportExamples {
    private ReportExamples() {
    }

    /** A training run's batch losses and epoch records. */
    record Run(float[] losses, List<EpochRecord> epochs) {
    }

    /**
     * A made-up run of {@code epochs} epochs of {@code stepsPerEpoch} steps that looks like SGD on the
     * digits: the batch loss falls from about 2.3 with lognormal batch noise; epoch 3 diverges (the
     * loss climbs to about 30, its last steps partly NaN and infinite) and is undone, halving the rate
     * 0.3 to 0.15; a schedule then drops the rate to 0.05 at 60% of the epochs and to 0.01 at 80%.
     */
    static Run syntheticRun(int epochs, int stepsPerEpoch, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] losses = new float[epochs * stepsPerEpoch];
        List<EpochRecord> records = new ArrayList<>();
        double rate = 0.3;
        double level = 2.3; // the expected loss at the start of the next epoch
        int step = 0;
        for (int epoch = 1; epoch <= epochs; epoch++) {
            if (epoch == Math.round(epochs * 0.6f)) rate = 0.05;
            if (epoch == Math.round(epochs * 0.8f)) rate = 0.01;
            boolean diverges = epoch == 3;
            double end = diverges ? 30 : epoch == 1 ? 0.45 : level * (rate >= 0.15 ? 0.86 : rate >= 0.05 ? 0.8 : 0.95);
            double sum = 0;
            int correct = 0;
            for (int s = 0; s < stepsPerEpoch; s++) {
                double progress = (s + 1) / (double) stepsPerEpoch;
                double mean = level * Math.pow(end / level, diverges ? Math.pow(progress, 3) : progress);
                float loss = (float) (mean * Math.exp(0.6 * random.nextGaussian()));
                if (diverges && progress > 0.95 && random.nextInt(3) == 0) loss = random.nextBoolean() ? Float.NaN : Float.POSITIVE_INFINITY;
                losses[step++] = loss;
                sum += loss;
                if (random.nextDouble() < Math.exp(-0.45 * mean)) correct++;
            }
            double meanLoss = sum / stepsPerEpoch;
            double trainAccuracy = correct / (double) stepsPerEpoch;
            if (diverges) {
                records.add(new EpochRecord(epoch, step, meanLoss, trainAccuracy, Double.NaN, rate, true, 1.0));
                rate /= 2;
            } else {
                level = end;
                double validation = Math.min(0.99, Math.exp(-0.45 * end) - 0.012 + 0.003 * random.nextGaussian());
                records.add(new EpochRecord(epoch, step, meanLoss, trainAccuracy, validation, rate, false, 1.0));
            }
        }
        return new Run(losses, records);
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "/tmp/report-examples");
        Run run = syntheticRun(20, 5000, 7);
        TrainingCharts.writeTrainingChart("digits: 400-256-10 sigmoid, batch 32, lr 0.3 (synthetic run)", run.losses(),
                run.epochs(), out.resolve("training.png"), 1600, 900);
        Run small = syntheticRun(8, 150, 3);
        TrainingCharts.writeTrainingChart("a short run: 8 epochs of 150 steps", small.losses(), small.epochs(),
                out.resolve("training-short.png"), 1000, 600);

        LabeledGlyphs data = DatasetLoader.load(Path.of("testdata/mnist-7k")).data();
        List<String> labels = data.alphabet().labels();
        int[][] confusion = new int[labels.size()][labels.size()];
        List<TrainingCharts.Mistake> mistakes = new ArrayList<>();
        try (Recognizer ocr = Recognizer.digits()) {
            List<Glyph> glyphs = new ArrayList<>();
            for (int i = 0; i < data.size(); i++) glyphs.add(data.glyph(i));
            List<Recognition> results = ocr.recognizeGlyphs(glyphs);
            for (int i = 0; i < data.size(); i++) {
                Recognition r = results.get(i);
                int t = data.target(i);
                int p = labels.indexOf(r.label());
                confusion[t][p]++;
                if (t != p) mistakes.add(new TrainingCharts.Mistake(data.glyph(i), labels.get(t), r.label(), r.probability(), data.source(i)));
            }
        }
        TrainingCharts.writeConfusionMatrix("digits model on testdata/mnist-7k (all 7,000)", labels, confusion, out.resolve("confusion.png"));
        TrainingCharts.writeErrorGallery("digits model: misread digits of testdata/mnist-7k", mistakes, 48, out.resolve("gallery.png"));
        TrainingCharts.writeErrorGallery("digits model: misread digits", List.of(), 48, out.resolve("gallery-empty.png"));

        List<String> greek = List.of("α", "β", "γ", "Ж", "ß", "中", "a very long label that goes on and on");
        int[][] g = new int[greek.size()][greek.size()];
        SplittableRandom random = new SplittableRandom(5);
        for (int r = 0; r < g.length; r++) {
            for (int c = 0; c < g.length; c++) g[r][c] = r == c ? 80 + random.nextInt(40) : random.nextInt(6) == 0 ? random.nextInt(12) : 0;
        }
        TrainingCharts.writeConfusionMatrix("Greek, Cyrillic and more: ελληνικά", greek, g, out.resolve("confusion-unicode.png"));
        List<TrainingCharts.Mistake> odd = new ArrayList<>();
        for (int i = 0; i < Math.min(5, mistakes.size()); i++) {
            TrainingCharts.Mistake m = mistakes.get(i);
            odd.add(new TrainingCharts.Mistake(m.glyph(), greek.get(i), greek.get(6 - i), m.probability(), m.source()));
        }
        TrainingCharts.writeErrorGallery("labels in other scripts", odd, 48, out.resolve("gallery-unicode.png"));
    }
}

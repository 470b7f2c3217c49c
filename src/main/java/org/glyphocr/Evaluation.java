package org.glyphocr;

import org.glyphocr.data.LabeledGlyphs;
import org.glyphocr.image.Glyph;
import org.glyphocr.model.Alphabet;

import java.util.ArrayList;
import java.util.List;

/**
 * How well a recognizer reads a labelled dataset: accuracy, per-class precision and recall, and the
 * confusion matrix. Dataset labels that the model's alphabet lacks count as errors.
 *
 * <pre>{@code
 * Evaluation e = Evaluation.of(recognizer, DatasetLoader.load(Path.of("digits/")).data());
 * System.out.printf("accuracy %.4f on %d samples%n", e.accuracy(), e.samples());
 * }</pre>
 *
 * @param labels the confusion matrix's rows and columns: the model's alphabet, then any dataset
 *     labels the model lacks
 * @param confusion {@code confusion[true][predicted]} sample counts
 */
public record Evaluation(List<String> labels, int[][] confusion) {
    /** Per-class figures; precision or recall is NaN when its denominator is 0. */
    public record ClassStats(String label, int support, int predicted, double precision, double recall) {
    }

    /** Receives one sample's best class of the model's alphabet and its probability. */
    interface BestClass {
        void accept(int sample, int best, double probability);
    }

    /** Runs every glyph of {@code data} through {@code recognizer} in batches and reports each one's best class, in order. */
    static void forEachBest(Recognizer recognizer, LabeledGlyphs data, BestClass each) {
        int classes = recognizer.model().alphabet().size();
        int chunk = 1024;
        float[] inputs = new float[chunk * Glyph.PIXELS];
        float[] probabilities = new float[chunk * classes];
        for (int start = 0; start < data.size(); start += chunk) {
            int n = Math.min(chunk, data.size() - start);
            for (int k = 0; k < n; k++) data.copyInputs(start + k, inputs, k * Glyph.PIXELS);
            recognizer.probabilities(inputs, n, probabilities);
            for (int k = 0; k < n; k++) {
                int best = 0;
                for (int j = 1; j < classes; j++) if (probabilities[k * classes + j] > probabilities[k * classes + best]) best = j;
                each.accept(start + k, best, probabilities[k * classes + best]);
            }
        }
    }

    /** Classifies every glyph of {@code data} and tallies the results. */
    public static Evaluation of(Recognizer recognizer, LabeledGlyphs data) {
        Alphabet modelAlphabet = recognizer.model().alphabet();
        List<String> labels = new ArrayList<>(modelAlphabet.labels());
        int[] datasetToRow = new int[data.alphabet().size()];
        for (int c = 0; c < datasetToRow.length; c++) {
            String label = data.alphabet().label(c);
            int index = labels.indexOf(label);
            if (index < 0) {
                labels.add(label);
                index = labels.size() - 1;
            }
            datasetToRow[c] = index;
        }
        int[][] confusion = new int[labels.size()][labels.size()];
        forEachBest(recognizer, data, (sample, best, probability) -> confusion[datasetToRow[data.target(sample)]][best]++);
        return new Evaluation(List.copyOf(labels), confusion);
    }

    /**
     * Letter pairs that look the same once cut out and scaled to the glyph frame, where only the
     * size relative to the line tells them apart: c/C, k/K, o/O, p/P, s/S, u/U, v/V, w/W, x/X, z/Z,
     * and l/I.
     */
    public static final List<List<String>> SAME_SHAPE_PAIRS = List.of(
            List.of("c", "C"), List.of("k", "K"), List.of("o", "O"), List.of("p", "P"), List.of("s", "S"),
            List.of("u", "U"), List.of("v", "V"), List.of("w", "W"), List.of("x", "X"), List.of("z", "Z"),
            List.of("l", "I"));

    /** Whether reading {@code truth} as {@code predicted} only confuses a {@link #SAME_SHAPE_PAIRS same-shape pair}. */
    public static boolean sameShape(String truth, String predicted) {
        for (List<String> pair : SAME_SHAPE_PAIRS) {
            if (pair.contains(truth) && pair.contains(predicted)) return true;
        }
        return false;
    }

    /** Samples read right, or read as the other letter of a same-shape pair ({@link #sameShape}). */
    public int correctFoldingCase() {
        int n = 0;
        for (int i = 0; i < confusion.length; i++) {
            for (int j = 0; j < confusion.length; j++) {
                if (i == j || sameShape(labels.get(i), labels.get(j))) n += confusion[i][j];
            }
        }
        return n;
    }

    /** {@link #correctFoldingCase()} as a fraction, in [0, 1]; NaN for no samples. */
    public double accuracyFoldingCase() {
        return samples() == 0 ? Double.NaN : (double) correctFoldingCase() / samples();
    }

    /** Samples evaluated. */
    public int samples() {
        int n = 0;
        for (int[] row : confusion) for (int v : row) n += v;
        return n;
    }

    /** Samples read right. */
    public int correct() {
        int n = 0;
        for (int i = 0; i < confusion.length; i++) n += confusion[i][i];
        return n;
    }

    /** Samples read wrong. */
    public int errors() {
        return samples() - correct();
    }

    /** Fraction read right, in [0, 1]; NaN for no samples. */
    public double accuracy() {
        return samples() == 0 ? Double.NaN : (double) correct() / samples();
    }

    /** Precision and recall of every label that occurs in the data or the predictions. */
    public List<ClassStats> perClass() {
        List<ClassStats> stats = new ArrayList<>();
        for (int c = 0; c < labels.size(); c++) {
            int support = 0;
            int predicted = 0;
            for (int j = 0; j < labels.size(); j++) {
                support += confusion[c][j];
                predicted += confusion[j][c];
            }
            if (support == 0 && predicted == 0) continue;
            double precision = predicted == 0 ? Double.NaN : (double) confusion[c][c] / predicted;
            double recall = support == 0 ? Double.NaN : (double) confusion[c][c] / support;
            stats.add(new ClassStats(labels.get(c), support, predicted, precision, recall));
        }
        return stats;
    }
}

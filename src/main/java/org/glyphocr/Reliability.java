package org.glyphocr;

import org.glyphocr.data.LabeledGlyphs;
import org.glyphocr.model.Calibration;

import java.util.ArrayList;
import java.util.List;

/**
 * How far a recognizer's confidence can be trusted on a labelled dataset: for every sample the
 * probability of its best label and whether that label was right. From these: the expected
 * calibration error, the reliability diagram's bins, and what a reject threshold costs in coverage
 * and gains in accuracy.
 *
 * <pre>{@code
 * Reliability r = Reliability.of(recognizer, testGlyphs);
 * System.out.printf("ECE %.4f; at 0.9: %s%n", r.expectedCalibrationError(), r.at(0.9));
 * }</pre>
 */
public final class Reliability {
    /** Thresholds of {@link #curve()}: 0 to 0.9 in steps of 0.1, then closer to 1. */
    public static final List<Double> CURVE_THRESHOLDS = List.of(0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.98, 0.99, 0.995, 0.999);

    private final double[] confidences;
    private final boolean[] correct;

    private Reliability(double[] confidences, boolean[] correct) {
        this.confidences = confidences;
        this.correct = correct;
    }

    /** Reads every glyph of {@code data} with {@code recognizer} (and so its model's calibration). */
    public static Reliability of(Recognizer recognizer, LabeledGlyphs data) {
        List<String> labels = recognizer.model().alphabet().labels();
        double[] confidences = new double[data.size()];
        boolean[] correct = new boolean[data.size()];
        Evaluation.forEachBest(recognizer, data, (sample, best, probability) -> {
            confidences[sample] = probability;
            correct[sample] = labels.get(best).equals(data.alphabet().label(data.target(sample)));
        });
        return new Reliability(confidences, correct);
    }

    public int samples() {
        return confidences.length;
    }

    /** The expected calibration error over {@link Calibration#ECE_BINS} bins. */
    public double expectedCalibrationError() {
        return Calibration.expectedCalibrationError(confidences, correct, Calibration.ECE_BINS);
    }

    /**
     * What a reject threshold does: the share of samples read with at least that confidence, and
     * the accuracy on those (NaN when none is).
     */
    public record Coverage(double threshold, double coverage, double accuracy) {
    }

    /** Coverage and accuracy when readings under {@code threshold} are rejected. */
    public Coverage at(double threshold) {
        int kept = 0;
        int right = 0;
        for (int i = 0; i < confidences.length; i++) {
            if (confidences[i] < threshold) continue;
            kept++;
            if (correct[i]) right++;
        }
        return new Coverage(threshold, (double) kept / confidences.length, kept == 0 ? Double.NaN : (double) right / kept);
    }

    /** {@link #at} for each of {@link #CURVE_THRESHOLDS}. */
    public List<Coverage> curve() {
        List<Coverage> points = new ArrayList<>();
        for (double t : CURVE_THRESHOLDS) points.add(at(t));
        return points;
    }

    /**
     * One bin of the reliability diagram.
     *
     * @param from the bin's lower bound (exclusive, but for the first bin)
     * @param to its upper bound
     * @param samples samples whose confidence falls in the bin
     * @param meanConfidence their mean confidence (NaN if none)
     * @param accuracy how many of them were read right (NaN if none)
     */
    public record Bin(double from, double to, int samples, double meanConfidence, double accuracy) {
    }

    /** The {@link Calibration#ECE_BINS} bins of the reliability diagram. */
    public List<Bin> bins() {
        int bins = Calibration.ECE_BINS;
        double[] sum = new double[bins];
        int[] right = new int[bins];
        int[] count = new int[bins];
        for (int i = 0; i < confidences.length; i++) {
            int b = Calibration.bin(confidences[i], bins);
            sum[b] += confidences[i];
            count[b]++;
            if (correct[i]) right[b]++;
        }
        List<Bin> out = new ArrayList<>();
        for (int b = 0; b < bins; b++) {
            out.add(new Bin((double) b / bins, (double) (b + 1) / bins, count[b],
                    count[b] == 0 ? Double.NaN : sum[b] / count[b], count[b] == 0 ? Double.NaN : (double) right[b] / count[b]));
        }
        return out;
    }
}

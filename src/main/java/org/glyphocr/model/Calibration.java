package org.glyphocr.model;

/**
 * Temperature scaling (Guo et al., "On Calibration of Modern Neural Networks", 2017): class
 * probabilities {@code p} become {@code p^(1/T)} renormalised, which is {@code softmax(logits / T)}.
 * One number, fitted after training on held-out glyphs so that the probability of the best label
 * matches how often it is right; the ranking of labels, and so the accuracy, does not change.
 *
 * <pre>{@code
 * Calibration c = Calibration.fit(validationProbabilities, validationTargets, n, classes);
 * Model calibrated = model.withCalibration(c);
 * double ece = Calibration.expectedCalibrationError(confidences, correct, Calibration.ECE_BINS);
 * }</pre>
 *
 * @param temperature {@code T > 0}; 1 leaves the probabilities as the network gives them, above 1
 *     softens overconfident ones
 */
public record Calibration(double temperature) {
    /** No change: temperature 1, as in model files written before calibration existed. */
    public static final Calibration NONE = new Calibration(1);
    /** Bins of the expected calibration error, as usually reported. */
    public static final int ECE_BINS = 15;
    /**
     * The temperatures searched, by golden section over {@code log T}. Sharpening is limited to
     * {@code T = 0.5}: a held-out split read without an error has no best temperature (its
     * likelihood only grows as {@code T} falls to 0, towards certainty), and nothing unseen supports
     * that; a network trained on clean renderings of a font does exactly that.
     */
    static final double MIN_TEMPERATURE = 0.5;
    static final double MAX_TEMPERATURE = 20;
    /** Probabilities are floored here before taking logs, as a float softmax gives zeros. */
    private static final double FLOOR = 1e-30;

    /** @throws IllegalArgumentException if the temperature is not a positive finite number */
    public Calibration {
        if (!(temperature > 0 && Double.isFinite(temperature))) {
            throw new IllegalArgumentException("temperature must be a positive number, was " + temperature);
        }
    }

    /**
     * Rescales one row of class probabilities in place.
     *
     * @param probabilities {@code classes} values from {@code offset}, summing to 1
     */
    public void apply(float[] probabilities, int offset, int classes) {
        if (temperature == 1) return;
        double inverse = 1 / temperature;
        double max = Double.NEGATIVE_INFINITY;
        double[] scaled = new double[classes];
        for (int j = 0; j < classes; j++) {
            scaled[j] = Math.log(Math.max(FLOOR, probabilities[offset + j])) * inverse;
            max = Math.max(max, scaled[j]);
        }
        double sum = 0;
        for (int j = 0; j < classes; j++) sum += scaled[j] = Math.exp(scaled[j] - max);
        for (int j = 0; j < classes; j++) probabilities[offset + j] = (float) (scaled[j] / sum);
    }

    /**
     * The temperature that minimises the mean negative log-likelihood of the true classes: the
     * standard fit, on a held-out split (never the training samples, on which any network is
     * overconfident).
     *
     * @param probabilities {@code count × classes} uncalibrated class probabilities, row-major
     * @param targets the true class of each row
     * @throws IllegalArgumentException if {@code count} is 0
     */
    public static Calibration fit(float[] probabilities, int[] targets, int count, int classes) {
        if (count < 1) throw new IllegalArgumentException("calibration needs at least one held-out sample");
        double[][] logs = new double[count][classes];
        for (int i = 0; i < count; i++) {
            for (int j = 0; j < classes; j++) logs[i][j] = Math.log(Math.max(FLOOR, probabilities[i * classes + j]));
        }
        // Golden-section search on log T: the NLL is smooth and, in practice, unimodal in it.
        double lo = Math.log(MIN_TEMPERATURE);
        double hi = Math.log(MAX_TEMPERATURE);
        double ratio = (Math.sqrt(5) - 1) / 2;
        double a = hi - ratio * (hi - lo);
        double b = lo + ratio * (hi - lo);
        double fa = negativeLogLikelihood(logs, targets, Math.exp(a));
        double fb = negativeLogLikelihood(logs, targets, Math.exp(b));
        for (int iteration = 0; iteration < 60; iteration++) {
            if (fa <= fb) {
                hi = b;
                b = a;
                fb = fa;
                a = hi - ratio * (hi - lo);
                fa = negativeLogLikelihood(logs, targets, Math.exp(a));
            } else {
                lo = a;
                a = b;
                fa = fb;
                b = lo + ratio * (hi - lo);
                fb = negativeLogLikelihood(logs, targets, Math.exp(b));
            }
        }
        return new Calibration(Math.exp((lo + hi) / 2));
    }

    private static double negativeLogLikelihood(double[][] logs, int[] targets, double temperature) {
        double inverse = 1 / temperature;
        double total = 0;
        for (int i = 0; i < logs.length; i++) {
            double[] row = logs[i];
            double max = Double.NEGATIVE_INFINITY;
            for (double v : row) max = Math.max(max, v * inverse);
            double sum = 0;
            for (double v : row) sum += Math.exp(v * inverse - max);
            total += max + Math.log(sum) - row[targets[i]] * inverse;
        }
        return total / logs.length;
    }

    /**
     * The expected calibration error: samples binned by the probability of their best label into
     * {@code bins} equal intervals of {@code [0, 1]}, and the gaps between each bin's mean
     * confidence and its accuracy averaged, weighted by the bin's share of the samples.
     *
     * @param confidences the probability of each sample's best label
     * @param correct whether that label was right
     */
    public static double expectedCalibrationError(double[] confidences, boolean[] correct, int bins) {
        if (confidences.length != correct.length) throw new IllegalArgumentException("one correctness per confidence");
        if (confidences.length == 0) return Double.NaN;
        double[] confidenceSum = new double[bins];
        int[] right = new int[bins];
        int[] count = new int[bins];
        for (int i = 0; i < confidences.length; i++) {
            int bin = bin(confidences[i], bins);
            confidenceSum[bin] += confidences[i];
            if (correct[i]) right[bin]++;
            count[bin]++;
        }
        double ece = 0;
        for (int k = 0; k < bins; k++) {
            if (count[k] == 0) continue;
            ece += Math.abs(confidenceSum[k] / count[k] - (double) right[k] / count[k]) * count[k] / confidences.length;
        }
        return ece;
    }

    /** The bin of a confidence: {@code (k/bins, (k+1)/bins]}, with 0 in the first. */
    public static int bin(double confidence, int bins) {
        return Math.min(bins - 1, Math.max(0, (int) Math.ceil(confidence * bins) - 1));
    }
}

package org.glyphocr.cli;

import org.glyphocr.train.EpochRecord;
import org.glyphocr.train.TrainingListener;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Training progress on stderr: on a terminal a progress bar redrawn in place with the epoch, loss,
 * learning rate and ETA; elsewhere (a log file, a pipe) only one line per epoch, so logs stay
 * readable.
 */
final class ProgressDisplay implements TrainingListener {
    private static final long REDRAW_NANOS = 200_000_000L;
    private static final int BAR_WIDTH = 30;

    private final PrintWriter err;
    private final int maxEpochs;
    private final boolean terminal;
    private final long start = System.nanoTime();
    private long lastDraw;
    private int firstEpoch = 1;
    private double runningLoss = Double.NaN;

    ProgressDisplay(PrintWriter err, int maxEpochs, boolean terminal) {
        this.err = err;
        this.maxEpochs = maxEpochs;
        this.terminal = terminal;
    }

    @Override
    public void onStart(String backend, int trainSamples, int validationSamples, int testSamples, int epochsDone) {
        firstEpoch = epochsDone + 1;
        err.printf(Locale.ROOT, "train: backend %s; split %d train / %d validation / %d test%s%n", backend, trainSamples,
                validationSamples, testSamples, epochsDone > 0 ? "; resuming after epoch " + epochsDone : "");
    }

    @Override
    public void onBatch(int epoch, int batch, int batches, double loss, double learningRate) {
        if (!terminal) return;
        // An exponential average reads better than the jumpy loss of single batches.
        runningLoss = Double.isNaN(runningLoss) || !Double.isFinite(loss) ? loss : 0.98 * runningLoss + 0.02 * loss;
        long now = System.nanoTime();
        if (now - lastDraw < REDRAW_NANOS && batch < batches) return;
        lastDraw = now;
        double done = (epoch - firstEpoch + (double) batch / batches) / (maxEpochs - firstEpoch + 1);
        int filled = (int) Math.round(BAR_WIDTH * (double) batch / batches);
        String bar = "#".repeat(filled) + "-".repeat(BAR_WIDTH - filled);
        double elapsed = (now - start) / 1e9;
        String eta = done > 0 ? duration(elapsed / done - elapsed) : "?";
        err.printf(Locale.ROOT, "\repoch %d/%d [%s] loss %.4f lr %.3g  ETA %s (at most)   ", epoch, maxEpochs, bar, runningLoss,
                learningRate, eta);
        err.flush();
    }

    @Override
    public void onEpoch(EpochRecord r) {
        if (terminal) err.print("\r" + " ".repeat(90) + "\r");
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

    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) return s + "s";
        if (s < 3600) return (s / 60) + "m" + String.format(Locale.ROOT, "%02d", s % 60) + "s";
        return (s / 3600) + "h" + String.format(Locale.ROOT, "%02d", (s % 3600) / 60) + "m";
    }
}

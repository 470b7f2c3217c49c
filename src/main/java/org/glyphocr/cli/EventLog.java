package org.glyphocr.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.glyphocr.train.EpochRecord;
import org.glyphocr.train.TrainingListener;
import org.glyphocr.train.TrainingProgress;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code train --events FILE}: every training event as one JSON object per line, flushed as it
 * happens, so a host app can follow a run by reading the file as it grows. Events, by their
 * {@code event} field: {@code start}, {@code batch} (every step), {@code epoch} (with the run's
 * progress and ETA), {@code halving}, and {@code end} (written by the command once the model is
 * saved, or with an {@code error}). Numbers that are undefined (a validation accuracy without a
 * validation split) are {@code null}.
 */
final class EventLog implements TrainingListener, Closeable {
    private final Path file;
    private final BufferedWriter out;

    EventLog(Path file) throws IOException {
        this.file = file;
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    }

    @Override
    public void onStart(String backend, int trainSamples, int validationSamples, int testSamples, int epochsDone) {
        ObjectNode e = event("start");
        e.put("backend", backend);
        e.put("train_samples", trainSamples);
        e.put("validation_samples", validationSamples);
        e.put("test_samples", testSamples);
        e.put("epochs_done", epochsDone);
        write(e);
    }

    @Override
    public void onBatch(int epoch, int batch, int batches, double loss, double learningRate) {
        ObjectNode e = event("batch");
        e.put("epoch", epoch);
        e.put("batch", batch);
        e.put("batches", batches);
        Json.putNumber(e, "loss", loss);
        e.put("learning_rate", learningRate);
        write(e);
    }

    @Override
    public void onProgress(TrainingProgress p) {
        EpochRecord r = p.last();
        ObjectNode e = event("epoch");
        e.put("epoch", r.epoch());
        Json.putNumber(e, "loss", r.meanLoss());
        Json.putNumber(e, "train_accuracy", r.trainAccuracy());
        Json.putNumber(e, "validation_accuracy", r.validationAccuracy());
        e.put("learning_rate", r.learningRate());
        e.put("halved", r.halved());
        e.put("seconds", r.seconds());
        e.put("good_epochs", p.goodEpochs());
        e.put("max_epochs", p.maxEpochs());
        e.put("halvings", p.halvings());
        Json.putNumber(e, "best_validation_accuracy", p.bestValidationAccuracy());
        e.put("backend", p.backend());
        e.put("elapsed_seconds", p.elapsedSeconds());
        Json.putNumber(e, "eta_seconds", p.etaSeconds());
        write(e);
    }

    @Override
    public void onHalving(int epoch, double newLearningRate, String reason) {
        ObjectNode e = event("halving");
        e.put("epoch", epoch);
        e.put("learning_rate", newLearningRate);
        e.put("reason", reason);
        write(e);
    }

    /** The last event: how the run ended, and where the model went (or what went wrong). */
    void end(ObjectNode details) {
        ObjectNode e = event("end");
        e.setAll(details);
        write(e);
    }

    private static ObjectNode event(String name) {
        ObjectNode e = Json.object();
        e.put("event", name);
        return e;
    }

    private void write(ObjectNode event) {
        try {
            out.write(Json.render(event));
            out.newLine();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot write training events: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}

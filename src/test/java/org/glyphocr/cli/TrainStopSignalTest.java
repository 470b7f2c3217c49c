package org.glyphocr.cli;

import org.glyphocr.Models;
import org.glyphocr.model.Model;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A stop signal (TERM, as from Ctrl-C or a job scheduler) ends {@code train} with the best epoch so far saved. */
class TrainStopSignalTest {
    @TempDir
    Path dir;

    @Test
    void aStopSignalSavesTheBestEpochSoFarAndKeepsTheCheckpoint() throws Exception {
        Path model = dir.resolve("stopped.gocr");
        Path events = dir.resolve("events.jsonl");
        Path temp = Files.createDirectory(dir.resolve("tmp"));
        Process train = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + temp, "-cp", System.getProperty("java.class.path"), Main.class.getName(), "train", "--font", "Dialog",
                "--chars", "digits", "--out", model.toString(), "--epochs", "500", "--no-report", "--quiet", "--events", events.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("log.txt").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!hasEpoch(events) && train.isAlive() && System.nanoTime() < deadline) Thread.sleep(100);
            assertTrue(hasEpoch(events), "no epoch finished: " + Files.readString(dir.resolve("log.txt")));
            train.destroy(); // SIGTERM
            assertTrue(train.waitFor(60, TimeUnit.SECONDS), "train did not stop");
        } finally {
            train.destroyForcibly();
        }
        Model saved = Models.load(model);
        assertEquals("cancelled", saved.provenance().stopReason());
        assertTrue(saved.provenance().epochs() >= 1);
        assertTrue(Files.exists(Path.of(model + ".checkpoint")), "the checkpoint stays for --resume");
        try (var left = Files.list(temp)) {
            assertEquals(List.of(), left.toList(), "the images rendered from the font are deleted");
        }
        assertTrue(Files.readString(events).strip().endsWith("\"model\":\"" + model.toString().replace("\\", "\\\\") + "\"}"));
    }

    private static boolean hasEpoch(Path events) throws IOException {
        return Files.exists(events) && Files.readString(events).contains("\"event\":\"epoch\"");
    }
}

package org.glyphocr.train;

import org.glyphocr.augment.AugmentSettings;
import org.glyphocr.cli.Main;
import org.glyphocr.data.LabeledGlyphs;
import org.glyphocr.data.TestDigits;
import org.glyphocr.backend.cpu.CpuBackend;
import org.glyphocr.model.Model;
import org.glyphocr.model.ModelReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A run killed at any moment and resumed ends with the very model of an uninterrupted run. */
class ResumeTest {
    @TempDir
    Path dir;

    private Path dataset(int perClass) throws IOException {
        Path data = dir.resolve("digits");
        for (int d = 0; d < 10; d++) {
            Path to = Files.createDirectories(data.resolve(Integer.toString(d)));
            try (Stream<Path> s = Files.list(Path.of("testdata/mnist-7k", Integer.toString(d)))) {
                for (Path p : s.sorted().limit(perClass).toList()) Files.copy(p, to.resolve(p.getFileName()));
            }
        }
        return data;
    }

    private static int run(String... args) {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        return Main.run(args, new PrintStream(sink), new PrintStream(sink));
    }

    @Test
    void killMinus9ThenResumeGivesTheUninterruptedModel() throws Exception {
        Path data = dataset(60);
        List<String> common = List.of("train", "--data", data.toString(), "--hidden", "64", "--epochs", "14", "--patience", "0",
                "--quiet", "--no-report");
        Path whole = dir.resolve("whole.gocr");
        List<String> args = new ArrayList<>(common);
        args.addAll(List.of("--out", whole.toString()));
        assertEquals(0, run(args.toArray(String[]::new)));

        Path killed = dir.resolve("killed.gocr");
        Path checkpoint = Checkpointing.nextTo(killed);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(common);
        command.addAll(List.of("--out", killed.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("log").toFile()).start();
        int epochsDone = 0;
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (epochsDone < 3 && process.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(10);
            if (Files.exists(checkpoint)) {
                try {
                    epochsDone = CheckpointFile.read(checkpoint, ModelReader.read(whole).architecture()).epochsDone();
                } catch (IOException racedWithRename) {
                    // The atomic rename can swap the file between exists() and the read; try again.
                }
            }
        }
        assertTrue(process.isAlive(), "training finished before it could be killed; log: " + Files.readString(dir.resolve("log")));
        process.destroyForcibly().waitFor(); // SIGKILL: no shutdown hooks, no cleanup
        assertFalse(Files.exists(killed), "no model may appear from a killed run");
        assertTrue(Files.exists(checkpoint));

        List<String> resume = new ArrayList<>(common);
        resume.addAll(List.of("--out", killed.toString(), "--resume"));
        assertEquals(0, run(resume.toArray(String[]::new)));
        Model a = ModelReader.read(whole);
        Model b = ModelReader.read(killed);
        assertEquals(a.parameters(), b.parameters());
        assertEquals(a.provenance().epochs(), b.provenance().epochs());
        assertEquals(a.provenance().testAccuracy(), b.provenance().testAccuracy());
        assertFalse(Files.exists(checkpoint), "the checkpoint goes once training has finished");
    }

    @Test
    void resumingWithOtherSettingsIsRefusedNamingThem() throws Exception {
        LabeledGlyphs data = TestDigits.firstOfEachClass(30);
        Path checkpoint = dir.resolve("c.checkpoint");
        TrainerConfig config = TrainerConfig.builder().hiddenLayers(16).maxEpochs(3).augment(AugmentSettings.NONE).build();
        TrainingListener crashAfterTwo = new TrainingListener() {
            @Override
            public void onEpoch(EpochRecord r) {
                if (r.epoch() == 3) throw new IllegalStateException("simulated crash");
            }
        };
        assertThrows(IllegalStateException.class,
                () -> new SgdTrainer(config, new CpuBackend()).train(data, crashAfterTwo, new Checkpointing(checkpoint, false)));
        assertTrue(Files.exists(checkpoint));
        TrainerConfig other = config.toBuilder().l2(0.5).build();
        CheckpointException e = assertThrows(CheckpointException.class,
                () -> new SgdTrainer(other, new CpuBackend()).train(data, TrainingListener.NONE, new Checkpointing(checkpoint, true)));
        assertTrue(e.getMessage().contains("l2=1.0E-4 -> 0.5"), e.getMessage());
        TrainingResult resumed = new SgdTrainer(config, new CpuBackend()).train(data, TrainingListener.NONE, new Checkpointing(checkpoint, true));
        TrainingResult whole = new SgdTrainer(config, new CpuBackend()).train(data, TrainingListener.NONE);
        assertEquals(whole.model().parameters(), resumed.model().parameters());
    }

    @Test
    void damagedCheckpointIsRefused() throws IOException {
        Path checkpoint = Files.write(dir.resolve("bad.checkpoint"), new byte[]{1, 2, 3});
        TrainerConfig config = TrainerConfig.builder().hiddenLayers(8).maxEpochs(1).augment(AugmentSettings.NONE).build();
        CheckpointException e = assertThrows(CheckpointException.class, () -> new SgdTrainer(config, new CpuBackend())
                .train(TestDigits.firstOfEachClass(10), TrainingListener.NONE, new Checkpointing(checkpoint, true)));
        assertTrue(e.getMessage().contains("not a glyph-ocr checkpoint"), e.getMessage());
    }
}

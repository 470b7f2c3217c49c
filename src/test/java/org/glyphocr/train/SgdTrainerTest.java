package org.glyphocr.train;

import org.glyphocr.augment.AugmentSettings;
import org.glyphocr.backend.cpu.CpuBackend;
import org.glyphocr.data.LabeledGlyphs;
import org.glyphocr.data.TestDigits;
import org.glyphocr.model.Model;
import org.glyphocr.nn.Activation;
import org.glyphocr.nn.Loss;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SgdTrainerTest {
    private static TrainingResult train(LabeledGlyphs data, TrainerConfig config) {
        return new SgdTrainer(config, new CpuBackend()).train(data, TrainingListener.NONE);
    }

    private static TrainerConfig.Builder small() {
        return TrainerConfig.builder().hiddenLayers(48).learningRate(0.1).maxEpochs(12).seed(3).augment(AugmentSettings.NONE)
                .schedule(LearningRateSchedule.CONSTANT);
    }

    @Test
    void learnsDigitsFromASubsetAndScoresOnItsHeldOutPart() {
        // 300 digits per class: 2,100 to train on, 450 each to validate and test.
        TrainingResult result = train(TestDigits.firstOfEachClass(300), small().build());
        Model model = result.model();
        assertTrue(model.provenance().testAccuracy() >= 0.90, "test accuracy " + model.provenance().testAccuracy());
        assertEquals(450, model.provenance().testSamples());
        assertEquals("0 1 2 3 4 5 6 7 8 9", model.alphabet().toString());
        assertTrue(result.samplesPerSecond() > 0);
    }

    @Test
    void sameSeedGivesTheSameModelAndAnotherSeedAnotherOne() {
        LabeledGlyphs data = TestDigits.firstOfEachClass(40);
        TrainerConfig config = small().maxEpochs(3).build();
        Model a = train(data, config).model();
        Model b = train(data, config).model();
        assertEquals(a.parameters(), b.parameters());
        Model c = train(data, config.toBuilder().seed(4).build()).model();
        assertNotEquals(a.parameters(), c.parameters());
    }

    @Test
    void aLearningRateFarTooLargeIsHalvedUntilTrainingConverges() {
        List<String> reasons = new ArrayList<>();
        TrainingListener listener = new TrainingListener() {
            @Override
            public void onHalving(int epoch, double newLearningRate, String reason) {
                reasons.add(reason);
            }
        };
        TrainerConfig config = small().learningRate(50).maxEpochs(20).patience(0).build();
        TrainingResult result = new SgdTrainer(config, new CpuBackend()).train(TestDigits.firstOfEachClass(150), listener);
        assertTrue(result.model().provenance().halvings() >= 2, "halvings " + result.model().provenance().halvings());
        assertEquals(reasons.size(), result.model().provenance().halvings());
        assertTrue(result.history().stream().anyMatch(EpochRecord::halved));
        // Far above the 10% of chance where a run without halving stays (or ends in NaN).
        assertTrue(result.model().provenance().testAccuracy() >= 0.6, "test accuracy " + result.model().provenance().testAccuracy());
        EpochRecord last = result.history().get(result.history().size() - 1);
        assertTrue(last.learningRate() <= 50.0 / 4, "learning rate " + last.learningRate());
    }

    @Test
    void patienceStopsTrainingAndKeepsTheBestEpoch() {
        TrainerConfig config = small().maxEpochs(40).patience(2).build();
        TrainingResult result = train(TestDigits.firstOfEachClass(60), config);
        assertEquals("patience", result.model().provenance().stopReason());
        double best = result.history().stream().filter(r -> !r.halved()).mapToDouble(EpochRecord::validationAccuracy).max().orElseThrow();
        assertEquals(best, result.model().provenance().validationAccuracy(), 1e-12);
    }

    @Test
    void targetErrorStopsTraining() {
        TrainerConfig config = small().maxEpochs(40).targetError(0.3).build();
        TrainingResult result = train(TestDigits.firstOfEachClass(60), config);
        assertEquals("target-error", result.model().provenance().stopReason());
        assertTrue(result.history().size() < 40);
    }

    @Test
    void everyActivationAndLossTrains() {
        LabeledGlyphs data = TestDigits.firstOfEachClass(60);
        for (Activation hidden : List.of(Activation.SIGMOID, Activation.TANH, Activation.RELU)) {
            for (Loss loss : Loss.values()) {
                // Sum of squares through sigmoid outputs starts slowly (its gradient carries p(1-p)) and at
                // larger rates can drive every output to 0, its flat spot; give it a gentler, longer run.
                boolean squares = loss == Loss.SUM_OF_SQUARES;
                TrainerConfig config = small().hiddenActivation(hidden).loss(loss).patience(0)
                        .learningRate(squares ? 0.03 : 0.1).maxEpochs(squares ? 30 : 15).build();
                double accuracy = train(data, config).model().provenance().validationAccuracy();
                assertTrue(accuracy > 0.6, hidden + "/" + loss + ": validation accuracy " + accuracy + " (chance is 0.1)");
            }
        }
    }

    @Test
    void twoClassesUseASingleSigmoidUnit() {
        LabeledGlyphs all = TestDigits.firstOfEachClass(80);
        List<org.glyphocr.image.Glyph> glyphs = new ArrayList<>();
        List<Integer> targets = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (all.target(i) > 1) continue;
            glyphs.add(all.glyph(i));
            targets.add(all.target(i));
            sources.add(all.source(i));
        }
        LabeledGlyphs zeroOne = LabeledGlyphs.of(org.glyphocr.model.Alphabet.of("0", "1"), glyphs,
                targets.stream().mapToInt(Integer::intValue).toArray(), sources, all.preprocessing(), "zero-one", "");
        Model model = train(zeroOne, small().maxEpochs(5).build()).model();
        assertEquals(1, model.architecture().outputSize());
        assertTrue(model.provenance().testAccuracy() >= 0.95, "test accuracy " + model.provenance().testAccuracy());
    }

    @Test
    void augmentedTrainingIsRepeatableAndTowersDoNotChangeIt() {
        LabeledGlyphs data = TestDigits.firstOfEachClassWithInk(30);
        TrainerConfig config = small().augment(AugmentSettings.DEFAULT).maxEpochs(3).build();
        Model a = train(data, config).model();
        Model b = train(data, config).model();
        assertEquals(a.parameters(), b.parameters());
        Model towers = train(data, config.toBuilder().towers(2, TowerMode.GRADIENT_AVERAGE).build()).model();
        for (int l = 0; l < a.architecture().layerCount(); l++) {
            float[] x = a.parameters().weights(l);
            float[] y = towers.parameters().weights(l);
            for (int k = 0; k < x.length; k++) assertEquals(x[k], y[k], 1e-3 + 1e-3 * Math.abs(x[k]), "layer " + l + " weight " + k);
        }
        Model plain = train(data, config.toBuilder().augment(AugmentSettings.NONE).build()).model();
        assertNotEquals(a.parameters(), plain.parameters());
    }

    @Test
    void augmentationWithoutInkImagesIsRefusedWithTheFix() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> train(TestDigits.firstOfEachClass(10), small().augment(AugmentSettings.DEFAULT).build()));
        assertTrue(e.getMessage().contains("loadForTraining"), e.getMessage());
    }

    @Test
    void scheduleAndBatchScalingSetTheRateOfEachEpoch() {
        TrainerConfig config = small().batchSize(128).batchScaling(BatchScaling.LINEAR).learningRate(0.05).maxEpochs(4).patience(0)
                .schedule(new LearningRateSchedule(LearningRateSchedule.Kind.STEP, 0, 2, 0.5, 0)).divergenceTolerance(10).build();
        List<EpochRecord> history = train(TestDigits.firstOfEachClass(60), config).history();
        assertEquals(0.2, history.get(0).learningRate(), 1e-12);
        assertEquals(0.2, history.get(1).learningRate(), 1e-12);
        assertEquals(0.1, history.get(2).learningRate(), 1e-12);
    }

    @Test
    void lossPlateauAndGradientNormStopTraining() {
        TrainingResult plateau = train(TestDigits.firstOfEachClass(40), small().maxEpochs(40).patience(0).lossPlateau(2, 0.5).build());
        assertEquals("loss-plateau", plateau.model().provenance().stopReason());
        TrainingResult norm = train(TestDigits.firstOfEachClass(40), small().maxEpochs(40).patience(0).minGradientNorm(10).build());
        assertEquals("gradient-norm", norm.model().provenance().stopReason());
        assertEquals(1, norm.history().size());
    }

    @Test
    void badSettingsFailBeforeTrainingWithTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainerConfig.builder().batchSize(0).build());
        assertEquals("batchSize must be > 0, was 0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TrainerConfig.builder().momentum(1).build());
        assertThrows(IllegalArgumentException.class, () -> TrainerConfig.builder().split(0.6, 0.4).build());
    }

    @Test
    void aDivergenceInTheFirstQuarterOfTheRunRestartsFromTheInitialWeights() {
        // 60 epochs: the first 15 good epochs may have been spent at a rate now found unstable.
        assertTrue(SgdTrainer.restartsFromInitialWeights(1, 60));
        assertTrue(SgdTrainer.restartsFromInitialWeights(14, 60));
        assertFalse(SgdTrainer.restartsFromInitialWeights(15, 60));
        // Short runs keep the old window of five epochs; nothing to restart before the first good one.
        assertTrue(SgdTrainer.restartsFromInitialWeights(4, 8));
        assertFalse(SgdTrainer.restartsFromInitialWeights(5, 8));
        assertFalse(SgdTrainer.restartsFromInitialWeights(0, 60));
    }

    /** Asks to stop at batch {@code batch} of epoch {@code epoch}, and keeps what {@link TrainingListener#onProgress} said. */
    private static final class StopAt implements TrainingListener {
        final int epoch;
        final int batch;
        final List<TrainingProgress> progress = new ArrayList<>();
        boolean stop;

        StopAt(int epoch, int batch) {
            this.epoch = epoch;
            this.batch = batch;
        }

        @Override
        public void onBatch(int epoch, int batch, int batches, double loss, double learningRate) {
            if (epoch == this.epoch && batch == this.batch) stop = true;
        }

        @Override
        public void onProgress(TrainingProgress p) {
            progress.add(p);
        }

        @Override
        public boolean stopRequested() {
            return stop;
        }
    }

    @Test
    void aHostCanStopTrainingAndKeepsTheBestEpochSoFar() {
        StopAt host = new StopAt(4, 3);
        TrainingResult result = new SgdTrainer(small().maxEpochs(10).build(), new CpuBackend()).train(TestDigits.firstOfEachClass(60), host);
        assertEquals("cancelled", result.model().provenance().stopReason());
        assertEquals(3, result.history().size(), "the unfinished fourth epoch is dropped");
        double best = result.history().stream().mapToDouble(EpochRecord::validationAccuracy).max().orElseThrow();
        assertEquals(best, result.model().provenance().validationAccuracy(), 1e-12);
        assertEquals(3, host.progress.size());
        TrainingProgress second = host.progress.get(1);
        assertEquals(2, second.goodEpochs());
        assertEquals(10, second.maxEpochs());
        assertEquals(result.history().get(1), second.last());
        assertTrue(second.etaSeconds() > 0 && second.elapsedSeconds() > 0, second.toString());
        assertTrue(second.backend().startsWith("cpu"), second.backend());
    }

    @Test
    void interruptingTheTrainingThreadStopsItToo() throws Exception {
        TrainingListener interruptAtEpochTwo = new TrainingListener() {
            @Override
            public void onBatch(int epoch, int batch, int batches, double loss, double learningRate) {
                if (epoch == 2 && batch == 1) Thread.currentThread().interrupt();
            }
        };
        TrainerConfig config = small().maxEpochs(10).augment(AugmentSettings.DEFAULT).build(); // augmentation runs on a thread of its own
        TrainingResult[] result = new TrainingResult[1];
        boolean[] stillInterrupted = new boolean[1];
        Thread trainer = new Thread(() -> {
            result[0] = new SgdTrainer(config, new CpuBackend()).train(TestDigits.firstOfEachClassWithInk(40), interruptAtEpochTwo);
            stillInterrupted[0] = Thread.currentThread().isInterrupted();
        });
        trainer.start();
        trainer.join();
        assertEquals("cancelled", result[0].model().provenance().stopReason());
        assertEquals(1, result[0].history().size());
        assertTrue(stillInterrupted[0], "the interrupt is passed on to the caller");
    }

    @Test
    void stoppedBeforeAnyEpochFinishedThereIsNoModel() {
        TrainingCancelledException e = assertThrows(TrainingCancelledException.class,
                () -> new SgdTrainer(small().build(), new CpuBackend()).train(TestDigits.firstOfEachClass(40), new StopAt(1, 2)));
        assertTrue(e.getMessage().contains("before any epoch finished"), e.getMessage());
    }

    @Test
    void theModelComesCalibratedOnItsValidationSplit() {
        TrainingResult result = train(TestDigits.firstOfEachClass(60), small().maxEpochs(6).build());
        double t = result.model().calibration().temperature();
        assertTrue(t != 1 && t > 0.05 && t < 20, "temperature " + t);
        TrainingResult noValidation = train(TestDigits.firstOfEachClass(60), small().maxEpochs(2).split(0, 0.15).build());
        assertEquals(org.glyphocr.model.Calibration.NONE, noValidation.model().calibration());
    }
}

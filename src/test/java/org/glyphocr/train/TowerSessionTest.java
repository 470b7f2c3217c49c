package org.glyphocr.train;

import org.glyphocr.backend.BatchResult;
import org.glyphocr.backend.StepSettings;
import org.glyphocr.backend.TrainingSession;
import org.glyphocr.backend.cpu.CpuBackend;
import org.glyphocr.nn.Activation;
import org.glyphocr.nn.Architecture;
import org.glyphocr.nn.Parameters;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Gradient-averaging towers take the very steps of one tower, whatever their number. */
class TowerSessionTest {
    private static final Architecture ARCH = Architecture.classifier(400, new int[]{64, 32}, Activation.SIGMOID, 10);

    private static float[] inputs(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n * 400];
        for (int i = 0; i < x.length; i++) x[i] = (float) r.nextDouble(-0.5, 0.5);
        return x;
    }

    private static int[] targets(int n) {
        int[] t = new int[n];
        for (int i = 0; i < n; i++) t[i] = (i * 7) % 10;
        return t;
    }

    /** Five steps with momentum and L2 on batches of 37 (not divisible by 2, 3 or 4). */
    private static Parameters train(TrainingSession s) {
        StepSettings settings = new StepSettings(0.5, 0.9, true, 1e-3);
        for (int step = 0; step < 5; step++) s.step(inputs(37, step), targets(37), 37, settings);
        return s.parameters();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4})
    void gradientAveragingTowersTakeTheStepsOfOneTower(int towers) {
        Parameters initial = Parameters.initialize(ARCH, 5);
        Parameters single;
        try (TrainingSession one = new CpuBackend().trainingSession(initial, 37)) {
            single = train(one);
        }
        Parameters split;
        try (TowerSession many = new TowerSession(new CpuBackend(), initial, 37, towers, TowerMode.GRADIENT_AVERAGE, 10)) {
            split = train(many);
        }
        for (int l = 0; l < ARCH.layerCount(); l++) {
            float[] a = single.weights(l);
            float[] b = split.weights(l);
            for (int k = 0; k < a.length; k++) {
                assertEquals(a[k], b[k], 1e-5 + 1e-4 * Math.abs(a[k]), towers + " towers, layer " + l + " weight " + k);
            }
        }
    }

    @Test
    void towersReportTheWholeBatchsLossAndAccuracy() {
        Parameters initial = Parameters.initialize(ARCH, 5);
        BatchResult one;
        BatchResult three;
        StepSettings settings = new StepSettings(0.1, 0, false, 0);
        try (TrainingSession s = new CpuBackend().trainingSession(initial, 37)) {
            one = s.step(inputs(37, 1), targets(37), 37, settings);
        }
        try (TowerSession s = new TowerSession(new CpuBackend(), initial, 37, 3, TowerMode.GRADIENT_AVERAGE, 10)) {
            three = s.step(inputs(37, 1), targets(37), 37, settings);
        }
        assertEquals(one.meanLoss(), three.meanLoss(), 1e-5);
        assertEquals(one.correct(), three.correct());
        assertEquals(one.gradientNorm(), three.gradientNorm(), 1e-4 * one.gradientNorm());
    }

    @Test
    void weightAveragingTowersEndInOneStateAndAreRepeatable() {
        Parameters initial = Parameters.initialize(ARCH, 5);
        Parameters a;
        Parameters b;
        try (TowerSession s = new TowerSession(new CpuBackend(), initial, 64, 2, TowerMode.WEIGHT_AVERAGE, 3)) {
            for (int step = 0; step < 7; step++) s.step(inputs(64, step), targets(64), 64, new StepSettings(0.3, 0.9, false, 0));
            s.synchronize();
            a = s.parameters();
        }
        try (TowerSession s = new TowerSession(new CpuBackend(), initial, 64, 2, TowerMode.WEIGHT_AVERAGE, 3)) {
            for (int step = 0; step < 7; step++) s.step(inputs(64, step), targets(64), 64, new StepSettings(0.3, 0.9, false, 0));
            s.synchronize();
            b = s.parameters();
        }
        assertEquals(a, b);
        assertTrue(!a.equals(initial));
    }
}

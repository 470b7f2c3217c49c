package org.glyphocr.backend;

import org.glyphocr.nn.Activation;
import org.glyphocr.nn.Architecture;
import org.glyphocr.nn.DenseLayer;
import org.glyphocr.nn.Loss;
import org.glyphocr.nn.Parameters;
import org.glyphocr.nn.ReferenceNetwork;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The behaviour every backend must share, checked against {@link ReferenceNetwork}: forward
 * passes and gradients within {@link #TOLERANCE}, and the momentum update rule of {@link StepSettings}.
 * Each backend has a subclass.
 */
public abstract class BackendContractTest {
    /** Relative agreement with the double-precision reference. */
    protected static final double TOLERANCE = 1e-4;

    protected abstract Backend backend();

    private static final Architecture ARCH = Architecture.of(12, List.of(
            DenseLayer.dense(9, Activation.TANH), DenseLayer.dense(7, Activation.SIGMOID),
            DenseLayer.dense(5, Activation.SOFTMAX)), Loss.CROSS_ENTROPY);

    private static float[] randomInputs(int count, int size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[count * size];
        for (int i = 0; i < x.length; i++) x[i] = (float) random.nextDouble(-0.5, 0.5);
        return x;
    }

    private static void assertClose(double expected, double actual, String what) {
        double scale = Math.max(1e-3, Math.abs(expected));
        assertEquals(expected, actual, TOLERANCE * scale, what);
    }

    @Test
    void predictorMatchesReferenceForwardPass() {
        Parameters params = Parameters.initialize(ARCH, 3);
        int count = 300; // more than one internal chunk
        float[] x = randomInputs(count, ARCH.inputSize(), 5);
        float[] out = new float[count * ARCH.outputSize()];
        try (Predictor p = backend().predictor(params)) {
            p.predict(x, count, out);
        }
        ReferenceNetwork ref = new ReferenceNetwork(params);
        for (int n = 0; n < count; n++) {
            double[] expected = ref.forward(x, n * ARCH.inputSize())[ARCH.layerCount()];
            for (int j = 0; j < expected.length; j++) assertClose(expected[j], out[n * ARCH.outputSize() + j], "sample " + n + " output " + j);
        }
    }

    @Test
    void gradientsMatchReferenceBackpropagation() {
        Parameters params = Parameters.initialize(ARCH, 11);
        int count = 17;
        float[] x = randomInputs(count, ARCH.inputSize(), 13);
        int[] targets = new int[count];
        for (int i = 0; i < count; i++) targets[i] = i % ARCH.outputSize();
        double l2 = 0.003;
        float[][] gw = new float[ARCH.layerCount()][];
        float[][] gb = new float[ARCH.layerCount()][];
        for (int l = 0; l < ARCH.layerCount(); l++) {
            gw[l] = new float[ARCH.fanIn(l) * ARCH.layers().get(l).units()];
            gb[l] = new float[ARCH.layers().get(l).units()];
        }
        BatchResult result;
        try (TrainingSession s = backend().trainingSession(params, 32)) {
            result = s.gradients(x, targets, count, l2, gw, gb);
        }
        ReferenceNetwork ref = new ReferenceNetwork(params);
        double[][][] expected = ref.gradients(x, targets, count, l2);
        for (int l = 0; l < ARCH.layerCount(); l++) {
            for (int k = 0; k < gw[l].length; k++) assertClose(expected[l][0][k], gw[l][k], "layer " + l + " weight gradient " + k);
            for (int k = 0; k < gb[l].length; k++) assertClose(expected[l][1][k], gb[l][k], "layer " + l + " bias gradient " + k);
        }
        assertClose(ref.objective(x, targets, count, 0), result.meanLoss(), "mean loss");
        assertEquals(count, result.count());
    }

    @Test
    void stepAppliesMomentumUpdate() {
        Parameters params = Parameters.initialize(ARCH, 17);
        int count = 8;
        float[] x = randomInputs(count, ARCH.inputSize(), 19);
        int[] targets = {0, 1, 2, 3, 4, 0, 1, 2};
        for (boolean nesterov : new boolean[]{false, true}) {
            StepSettings settings = new StepSettings(0.5, 0.9, nesterov, 0.01);
            try (TrainingSession s = backend().trainingSession(params, count)) {
                // Two steps, so the second one uses a non-zero velocity.
                ReferenceNetwork ref = new ReferenceNetwork(params);
                double[][][] g1 = ref.gradients(x, targets, count, 0.01);
                s.step(x, targets, count, settings);
                ReferenceNetwork after1 = new ReferenceNetwork(s.parameters());
                double[][][] g2 = after1.gradients(x, targets, count, 0.01);
                s.step(x, targets, count, settings);
                Parameters result = s.parameters();
                for (int l = 0; l < ARCH.layerCount(); l++) {
                    float[] w0 = params.weights(l);
                    float[] w2 = result.weights(l);
                    for (int k = 0; k < w0.length; k++) {
                        double v1 = g1[l][0][k];
                        double v2 = 0.9 * v1 + g2[l][0][k];
                        double expected = nesterov
                                ? w0[k] - 0.5 * (g1[l][0][k] + 0.9 * v1) - 0.5 * (g2[l][0][k] + 0.9 * v2)
                                : w0[k] - 0.5 * v1 - 0.5 * v2;
                        assertEquals(expected, w2[k], 1e-4, "nesterov=" + nesterov + " layer " + l + " weight " + k);
                    }
                }
            }
        }
    }

    @Test
    void setParametersRestoresAndPredictsLikeAPredictor() {
        Parameters a = Parameters.initialize(ARCH, 23);
        Parameters b = Parameters.initialize(ARCH, 29);
        float[] x = randomInputs(4, ARCH.inputSize(), 31);
        float[] fromSession = new float[4 * ARCH.outputSize()];
        float[] fromPredictor = new float[4 * ARCH.outputSize()];
        try (TrainingSession s = backend().trainingSession(a, 4); Predictor p = backend().predictor(b)) {
            s.step(x, new int[]{0, 1, 2, 3}, 4, new StepSettings(0.1, 0.9, false, 0));
            assertNotEquals(a, s.parameters());
            s.setParameters(b);
            assertEquals(b, s.parameters());
            s.predict(x, 4, fromSession);
            p.predict(x, 4, fromPredictor);
        }
        assertArrayEquals(fromPredictor, fromSession, 1e-6f);
    }

    @Test
    void oversizedBatchIsRejected() {
        try (TrainingSession s = backend().trainingSession(Parameters.initialize(ARCH, 1), 4)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> s.step(new float[5 * 12], new int[5], 5, new StepSettings(0.1, 0, false, 0)));
            assertEquals("batch count must be in 1..4, was 5", e.getMessage());
        }
    }
}

package org.glyphocr.backend.cpu;

import org.glyphocr.backend.BatchResult;
import org.glyphocr.backend.StepSettings;
import org.glyphocr.nn.Activation;
import org.glyphocr.nn.Architecture;
import org.glyphocr.nn.Parameters;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Training with the SIMD kernels and with the plain-Java fallback gives the same model, bit for bit. */
class KernelEquivalenceTest {
    @Test
    void trainingStepsGiveTheSameBitsWithEitherKernel() {
        for (Activation hidden : new Activation[]{Activation.SIGMOID, Activation.TANH, Activation.RELU}) {
            Architecture arch = Architecture.classifier(400, new int[]{37, 20}, hidden, 10);
            Parameters initial = Parameters.initialize(arch, 5);
            CpuTrainingSession scalar = new CpuTrainingSession(initial, 33, new FloatGemm());
            CpuTrainingSession vector = new CpuTrainingSession(initial, 33, new VectorGemm());
            SplittableRandom random = new SplittableRandom(9);
            StepSettings settings = new StepSettings(0.1, 0.9, false, 1e-4);
            for (int step = 0; step < 25; step++) {
                int count = 1 + random.nextInt(33);
                float[] inputs = new float[count * 400];
                int[] targets = new int[count];
                for (int i = 0; i < inputs.length; i++) inputs[i] = (float) random.nextDouble(-0.5, 0.5);
                for (int i = 0; i < count; i++) targets[i] = random.nextInt(10);
                BatchResult a = scalar.step(inputs, targets, count, settings);
                BatchResult b = vector.step(inputs, targets, count, settings);
                assertEquals(a, b, hidden + ", step " + step);
            }
            Parameters p = scalar.parameters();
            Parameters q = vector.parameters();
            for (int l = 0; l < arch.layerCount(); l++) {
                assertArrayEquals(p.weights(l), q.weights(l), hidden + ", layer " + l);
                assertArrayEquals(p.biases(l), q.biases(l), hidden + ", layer " + l);
            }
            float[] out1 = new float[3 * 10];
            float[] out2 = new float[3 * 10];
            float[] in = new float[3 * 400];
            for (int i = 0; i < in.length; i++) in[i] = (float) random.nextDouble(-0.5, 0.5);
            scalar.predict(in, 3, out1);
            vector.predict(in, 3, out2);
            assertArrayEquals(out1, out2, hidden + ", predictions");
        }
    }
}

package org.glyphocr.backend.gpu;

import org.glyphocr.backend.BatchResult;
import org.glyphocr.backend.StepSettings;
import org.glyphocr.backend.TrainingSession;
import org.glyphocr.backend.cpu.CpuBackend;
import org.glyphocr.data.LabeledGlyphs;
import org.glyphocr.data.TestDigits;
import org.glyphocr.model.Model;
import org.glyphocr.model.ModelReader;
import org.glyphocr.model.ModelWriter;
import org.glyphocr.nn.Activation;
import org.glyphocr.nn.Architecture;
import org.glyphocr.nn.DenseLayer;
import org.glyphocr.nn.Loss;
import org.glyphocr.nn.Parameters;
import org.glyphocr.train.TrainerConfig;
import org.glyphocr.train.TrainingListener;
import org.glyphocr.train.SgdTrainer;
import org.glyphocr.augment.AugmentSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The GPU backend computes what the CPU backend computes, within float32 rounding: forward passes,
 * gradients and training steps, on both matrix-product paths. Needs a GPU: skipped, with the reason,
 * elsewhere. The cuBLAS path also needs {@code libcublas.so.12} (or the test-only forwarder,
 * {@code src/test/native/build-cublas12-forwarder.sh}).
 *
 * <p>Tolerance: values are compared relative to the largest magnitude of their array, at
 * {@value #TOLERANCE}: a product of depth {@code k} in float32, summed in a different order, differs
 * by about {@code √k · 6e-8} relative, under 1e-5 for these depths; activations use the GPU's
 * {@code expf}/{@code tanhf} (within 2 ulp) instead of the CPU's {@code FloatMath}.
 */
class GpuBackendTest {
    static final double TOLERANCE = 1e-4;

    /** The device with or without cuBLAS; skips the test where that path cannot run. */
    static GpuDevice deviceOrSkip(boolean cublas) {
        String reason = CudaProbe.result().unavailableReason();
        assumeTrue(reason == null, () -> "no GPU: " + reason);
        GpuDevice device = GpuDevice.open(0, cublas);
        assumeTrue(!cublas || device.cublasUnavailableReason == null, () -> "cuBLAS path not testable here: " + device.cublasUnavailableReason);
        return device;
    }

    private static List<Architecture> architectures() {
        return List.of(
                Architecture.classifier(400, new int[] {67, 33}, Activation.RELU, 10),
                Architecture.classifier(400, new int[] {130}, Activation.SIGMOID, 26),
                Architecture.classifier(400, new int[] {45}, Activation.TANH, 3),
                Architecture.of(400, List.of(DenseLayer.dense(50, Activation.SIGMOID), DenseLayer.dense(7, Activation.SIGMOID)),
                        Loss.SUM_OF_SQUARES));
    }

    private static float[] randomInputs(SplittableRandom random, int count) {
        float[] inputs = new float[count * 400];
        for (int i = 0; i < inputs.length; i++) inputs[i] = (float) random.nextDouble(-0.5, 0.5);
        return inputs;
    }

    private static void assertClose(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        double scale = 0;
        for (float v : expected) scale = Math.max(scale, Math.abs(v));
        double worst = 0;
        for (int i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
        assertTrue(worst <= TOLERANCE * Math.max(scale, 1e-6), what + ": largest difference " + worst + " of values up to " + scale);
    }

    @ParameterizedTest(name = "cuBLAS {0}")
    @ValueSource(booleans = {true, false})
    void forwardPassesAgreeWithTheCpu(boolean cublas) {
        GpuDevice device = deviceOrSkip(cublas);
        SplittableRandom random = new SplittableRandom(3);
        for (Architecture arch : architectures()) {
            Parameters p = Parameters.initialize(arch, 7);
            // 1 row, an odd batch, and more rows than one chunk.
            for (int count : new int[] {1, 77, GpuPredictor.CHUNK + 5}) {
                float[] inputs = randomInputs(random, count);
                float[] cpu = new float[count * arch.outputSize()];
                float[] gpu = new float[count * arch.outputSize()];
                new CpuBackend().predictor(p).predict(inputs, count, cpu);
                try (GpuPredictor predictor = new GpuPredictor(device, p)) {
                    predictor.predict(inputs, count, gpu);
                }
                assertClose(cpu, gpu, arch + ", " + count + " rows");
            }
        }
    }

    @ParameterizedTest(name = "cuBLAS {0}")
    @ValueSource(booleans = {true, false})
    void gradientsAndStepsAgreeWithTheCpu(boolean cublas) {
        GpuDevice device = deviceOrSkip(cublas);
        SplittableRandom random = new SplittableRandom(5);
        for (Architecture arch : architectures()) {
            Parameters initial = Parameters.initialize(arch, 11);
            try (TrainingSession cpu = new CpuBackend().trainingSession(initial, 64);
                 GpuTrainingSession gpu = new GpuTrainingSession(device, initial, 64)) {
                int layers = arch.layerCount();
                float[][] gwCpu = new float[layers][];
                float[][] gbCpu = new float[layers][];
                float[][] gwGpu = new float[layers][];
                float[][] gbGpu = new float[layers][];
                for (int l = 0; l < layers; l++) {
                    int units = arch.layers().get(l).units();
                    gwCpu[l] = new float[arch.fanIn(l) * units];
                    gwGpu[l] = new float[arch.fanIn(l) * units];
                    gbCpu[l] = new float[units];
                    gbGpu[l] = new float[units];
                }
                int count = 45;
                float[] inputs = randomInputs(random, count);
                int[] targets = random.ints(count, 0, arch.classCount()).toArray();
                BatchResult a = cpu.gradients(inputs, targets, count, 1e-3, gwCpu, gbCpu);
                BatchResult b = gpu.gradients(inputs, targets, count, 1e-3, gwGpu, gbGpu);
                assertEquals(a.meanLoss(), b.meanLoss(), 1e-4 * Math.abs(a.meanLoss()), arch + " loss");
                assertEquals(a.correct(), b.correct(), arch + " correct");
                assertEquals(a.gradientNorm(), b.gradientNorm(), 1e-3 * a.gradientNorm(), arch + " gradient norm");
                for (int l = 0; l < layers; l++) {
                    assertClose(gwCpu[l], gwGpu[l], arch + " weight gradients, layer " + l);
                    assertClose(gbCpu[l], gbGpu[l], arch + " bias gradients, layer " + l);
                }
                StepSettings settings = new StepSettings(0.05, 0.9, true, 1e-4);
                for (int step = 0; step < 20; step++) {
                    int n = 1 + random.nextInt(64);
                    float[] x = randomInputs(random, n);
                    int[] y = random.ints(n, 0, arch.classCount()).toArray();
                    cpu.step(x, y, n, settings);
                    gpu.step(x, y, n, settings);
                }
                Parameters p = cpu.parameters();
                Parameters q = gpu.parameters();
                for (int l = 0; l < layers; l++) {
                    // Twenty steps compound the rounding differences a little.
                    assertClose(p.weights(l), q.weights(l), arch + " weights after 20 steps, layer " + l);
                    assertClose(p.biases(l), q.biases(l), arch + " biases after 20 steps, layer " + l);
                }
                gpu.close(); // closing twice is harmless
            }
        }
    }

    @Test
    void aModelTrainedOnTheGpuClassifiesTheSameOnTheCpu() throws Exception {
        GpuBackend gpu = new GpuBackend(deviceOrSkip(false));
        LabeledGlyphs data = TestDigits.firstOfEachClass(200);
        TrainerConfig config = TrainerConfig.builder().hiddenLayers(256).hiddenActivation(Activation.RELU).learningRate(0.05)
                .maxEpochs(8).seed(2).augment(AugmentSettings.NONE).build();
        Model trained = new SgdTrainer(config, gpu).train(data, TrainingListener.NONE).model();
        Model reloaded = ModelReader.read(ModelWriter.toBytes(trained), "trained on the GPU");
        float[] inputs = data.inputs();
        int count = data.size();
        int units = reloaded.architecture().outputSize();
        float[] onGpu = new float[count * units];
        float[] onCpu = new float[count * units];
        try (var p = gpu.predictor(trained.parameters())) {
            p.predict(inputs, count, onGpu);
        }
        new CpuBackend().predictor(reloaded.parameters()).predict(inputs, count, onCpu);
        int same = 0;
        for (int i = 0; i < count; i++) {
            if (reloaded.architecture().predictedClass(onGpu, i * units) == reloaded.architecture().predictedClass(onCpu, i * units)) same++;
        }
        assertEquals(count, same, "samples classified alike on GPU and CPU");
        assertClose(onCpu, onGpu, "probabilities of the GPU-trained model");
        double accuracy = new CpuBackend().predictor(reloaded.parameters()).accuracy(inputs, data.targets());
        assertTrue(accuracy > 0.9, "training accuracy on the GPU: " + accuracy);
    }
}

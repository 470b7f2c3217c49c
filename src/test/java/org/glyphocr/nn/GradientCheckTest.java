package org.glyphocr.nn;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Central differences in double precision against backpropagation in {@link ReferenceNetwork}, for
 * every hidden activation with every output/loss combination, with L2 on.
 */
class GradientCheckTest {
    private static final double EPS = 1e-5;
    private static final double TOLERANCE = 1e-6;

    static Stream<Arguments> combinations() {
        List<Arguments> list = new ArrayList<>();
        for (Activation hidden : List.of(Activation.SIGMOID, Activation.TANH, Activation.RELU)) {
            for (Loss loss : Loss.values()) {
                list.add(Arguments.of(hidden, Activation.SOFTMAX, 4, loss));
                list.add(Arguments.of(hidden, Activation.SIGMOID, 3, loss));
                list.add(Arguments.of(hidden, Activation.SIGMOID, 1, loss));
            }
        }
        return list.stream();
    }

    @ParameterizedTest(name = "{0} hidden, {2} x {1} output, {3}")
    @MethodSource("combinations")
    void backpropagationMatchesCentralDifferences(Activation hidden, Activation output, int outputs, Loss loss) {
        int inputs = 5;
        Architecture arch = Architecture.of(inputs, List.of(DenseLayer.dense(6, hidden), DenseLayer.dense(4, hidden),
                DenseLayer.dense(outputs, output)), loss);
        SplittableRandom random = new SplittableRandom(42);
        ReferenceNetwork net = new ReferenceNetwork(Parameters.initialize(arch, 7));
        // Non-zero biases so that ReLU units sit away from their kink.
        for (int l = 0; l < arch.layerCount(); l++) {
            double[] b = net.biases(l);
            for (int j = 0; j < b.length; j++) b[j] = random.nextDouble(-0.5, 0.5);
        }
        int batch = 3;
        float[] x = new float[batch * inputs];
        for (int i = 0; i < x.length; i++) x[i] = (float) random.nextDouble(-0.5, 0.5);
        int classes = arch.classCount();
        int[] targets = {0, classes - 1, 1 % classes};
        double l2 = 0.01;

        double[][][] analytic = net.gradients(x, targets, batch, l2);
        for (int l = 0; l < arch.layerCount(); l++) {
            checkAll(net, net.weights(l), analytic[l][0], x, targets, batch, l2, "layer " + l + " weights");
            checkAll(net, net.biases(l), analytic[l][1], x, targets, batch, l2, "layer " + l + " biases");
        }
    }

    private static void checkAll(ReferenceNetwork net, double[] values, double[] analytic, float[] x, int[] targets,
                                 int batch, double l2, String what) {
        for (int k = 0; k < values.length; k++) {
            double saved = values[k];
            values[k] = saved + EPS;
            double plus = net.objective(x, targets, batch, l2);
            values[k] = saved - EPS;
            double minus = net.objective(x, targets, batch, l2);
            values[k] = saved;
            double numeric = (plus - minus) / (2 * EPS);
            double error = Math.abs(numeric - analytic[k]) / Math.max(1e-3, Math.abs(numeric) + Math.abs(analytic[k]));
            assertTrue(error < TOLERANCE, what + "[" + k + "]: numeric " + numeric + " vs backprop " + analytic[k] + " (relative error " + error + ")");
        }
    }
}

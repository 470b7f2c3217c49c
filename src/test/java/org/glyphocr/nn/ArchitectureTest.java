package org.glyphocr.nn;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArchitectureTest {
    @Test
    void classifierUsesSoftmaxForManyClassesAndOneSigmoidUnitForTwo() {
        Architecture ten = Architecture.classifier(400, new int[]{128}, Activation.SIGMOID, 10);
        assertEquals("400-128-10", ten.shapeString());
        assertEquals(Activation.SOFTMAX, ten.outputLayer().activation());
        Architecture two = Architecture.classifier(400, new int[]{32}, Activation.TANH, 2);
        assertEquals(1, two.outputSize());
        assertEquals(2, two.classCount());
        assertEquals(400L * 32 + 32 + 32 + 1, two.parameterCount());
    }

    @Test
    void softmaxOnAHiddenLayerIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Architecture.of(4,
                List.of(DenseLayer.dense(3, Activation.SOFTMAX), DenseLayer.dense(2, Activation.SOFTMAX)), Loss.CROSS_ENTROPY));
        assertTrue(e.getMessage().contains("hidden layer 1"), e.getMessage());
    }

    @Test
    void singleSigmoidOutputGivesComplementaryProbabilities() {
        Architecture two = Architecture.classifier(4, new int[0], Activation.SIGMOID, 2);
        float[] p = new float[2];
        two.toClassProbabilities(new float[]{0.8f}, 0, p);
        assertArrayEquals(new float[]{0.2f, 0.8f}, p, 1e-6f);
        assertEquals(1, two.predictedClass(new float[]{0.8f}, 0));
    }

    @Test
    void softmaxOutputsSumToOne() {
        float[] z = {1f, 2f, 3f, -50f, 80f, 80f};
        Activation.SOFTMAX.apply(z, 2, 3);
        assertEquals(1.0, z[0] + z[1] + z[2], 1e-6);
        assertEquals(1.0, z[3] + z[4] + z[5], 1e-6);
        assertEquals(0.5, z[4], 1e-6);
    }
}

package org.glyphocr.backend.cpu;

import org.glyphocr.nn.Activation;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VectorMathTest {
    /** The SIMD pass gives the bits of the plain one: bias added, then {@link Activation#apply}. */
    @Test
    void biasAndActivateGivesTheScalarBitsForEveryActivation() {
        SplittableRandom random = new SplittableRandom(3);
        for (Activation activation : Activation.values()) {
            for (int cols : new int[]{1, 7, 10, 16, 17, 33, 256, 257}) {
                int rows = 5;
                float[] z = new float[rows * cols];
                for (int i = 0; i < z.length; i++) {
                    // Mostly ordinary values, some far out, where exp clamps, and the odd NaN.
                    z[i] = i % 97 == 5 ? Float.NaN : (float) (i % 11 == 0 ? random.nextDouble(-200, 200) : random.nextDouble(-12, 12));
                }
                float[] bias = new float[cols];
                for (int j = 0; j < cols; j++) bias[j] = (float) random.nextDouble(-1, 1);
                float[] expected = z.clone();
                for (int r = 0; r < rows; r++) for (int j = 0; j < cols; j++) expected[r * cols + j] += bias[j];
                activation.apply(expected, rows, cols);
                float[] actual = z.clone();
                VectorMath.biasAndActivate(actual, bias, rows, cols, activation);
                assertArrayEquals(expected, actual, activation + ", " + cols + " columns");
            }
        }
    }

    @Test
    void expMatchesTheScalarDefinitionLaneByLane() {
        var species = jdk.incubator.vector.FloatVector.SPECIES_PREFERRED;
        float[] x = new float[species.length()];
        float[] out = new float[x.length];
        for (float start = -100f; start < 100f; start += 0.731f) {
            for (int i = 0; i < x.length; i++) x[i] = start + i * 0.0917f;
            VectorMath.exp(jdk.incubator.vector.FloatVector.fromArray(species, x, 0)).intoArray(out, 0);
            for (int i = 0; i < x.length; i++) {
                assertTrue(Float.floatToRawIntBits(org.glyphocr.nn.FloatMath.exp(x[i])) == Float.floatToRawIntBits(out[i]), "exp(" + x[i] + ")");
            }
        }
    }
}

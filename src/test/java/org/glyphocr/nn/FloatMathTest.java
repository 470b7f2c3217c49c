package org.glyphocr.nn;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FloatMathTest {
    @Test
    void expIsWithinTwoUlpsOfTheExactValueOverItsRange() {
        for (float x = FloatMath.EXP_MIN; x <= FloatMath.EXP_MAX; x = Math.nextUp(x + 1e-3f * Math.max(1f, Math.abs(x)))) {
            double exact = StrictMath.exp(x);
            float actual = FloatMath.exp(x);
            assertTrue(Math.abs(actual - exact) <= 2 * Math.ulp((float) exact), "exp(" + x + ") = " + actual + ", exactly " + exact);
        }
    }

    @Test
    void expClampsAndKeepsNaN() {
        assertEquals(FloatMath.exp(FloatMath.EXP_MAX), FloatMath.exp(1000f));
        assertEquals(FloatMath.exp(FloatMath.EXP_MIN), FloatMath.exp(Float.NEGATIVE_INFINITY));
        assertTrue(Float.isFinite(FloatMath.exp(Float.POSITIVE_INFINITY)));
        assertTrue(Float.isNaN(FloatMath.exp(Float.NaN)));
        assertEquals(1f, FloatMath.exp(0f));
    }

    @Test
    void sigmoidAndTanhAreWithinTwoTenMillionthsEverywhere() {
        for (float z = -100f; z <= 100f; z += 0.0137f) {
            assertEquals(1 / (1 + StrictMath.exp(-z)), FloatMath.sigmoid(z), 2e-7, "sigmoid(" + z + ")");
            assertEquals(StrictMath.tanh(z), FloatMath.tanh(z), 2e-7, "tanh(" + z + ")");
        }
        assertEquals(0.5f, FloatMath.sigmoid(0f));
        assertEquals(0f, FloatMath.tanh(0f));
        assertEquals(1f, FloatMath.tanh(50f));
        assertEquals(-1f, FloatMath.tanh(-50f));
    }
}

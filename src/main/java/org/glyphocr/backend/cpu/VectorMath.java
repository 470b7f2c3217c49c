package org.glyphocr.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.glyphocr.nn.Activation;
import org.glyphocr.nn.FloatMath;

/**
 * The element-wise steps of a dense layer with the Vector API: bias and activation in one pass over
 * a layer's output, while it is still in cache. Each lane performs exactly {@link FloatMath}'s
 * sequence of operations, so the results are the bits {@link Activation#apply} gives; the tail of a
 * row that does not fill a vector goes through {@link FloatMath} itself.
 */
final class VectorMath {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private VectorMath() {
    }

    /**
     * {@code z = f(z + b)} for {@code rows} rows of {@code cols} values.
     *
     * @param z row-major pre-activations without bias; modified: become activations
     * @param bias {@code cols} values; not modified
     */
    static void biasAndActivate(float[] z, float[] bias, int rows, int cols, Activation activation) {
        int vectorEnd = cols - cols % L;
        for (int r = 0; r < rows; r++) {
            int o = r * cols;
            if (activation == Activation.SOFTMAX) {
                for (int j = 0; j < cols; j++) z[o + j] += bias[j];
                continue;
            }
            int j = 0;
            for (; j < vectorEnd; j += L) {
                FloatVector x = FloatVector.fromArray(S, z, o + j).add(FloatVector.fromArray(S, bias, j));
                activate(x, activation).intoArray(z, o + j);
            }
            for (; j < cols; j++) z[o + j] = scalar(z[o + j] + bias[j], activation);
        }
        if (activation == Activation.SOFTMAX) activation.apply(z, rows, cols);
    }

    private static float scalar(float x, Activation activation) {
        return switch (activation) {
            case SIGMOID -> FloatMath.sigmoid(x);
            case TANH -> FloatMath.tanh(x);
            case RELU -> Math.max(0f, x);
            case SOFTMAX -> throw new IllegalArgumentException("softmax couples a row; apply it per row");
        };
    }

    private static FloatVector activate(FloatVector x, Activation activation) {
        return switch (activation) {
            case SIGMOID -> FloatVector.broadcast(S, 1f).div(exp(x.neg()).add(1f));
            case TANH -> FloatVector.broadcast(S, 1f).sub(FloatVector.broadcast(S, 2f).div(exp(x.mul(2f)).add(1f)));
            case RELU -> x.max(0f);
            case SOFTMAX -> throw new IllegalArgumentException("softmax couples a row; apply it per row");
        };
    }

    /** {@link FloatMath#exp}, lane by lane. */
    static FloatVector exp(FloatVector x) {
        x = x.max(FloatMath.EXP_MIN).min(FloatMath.EXP_MAX);
        FloatVector t = x.fma(FloatMath.LOG2E, FloatMath.ROUNDER);
        FloatVector n = t.sub(FloatMath.ROUNDER);
        FloatVector minusN = n.neg();
        FloatVector r = minusN.fma(FloatVector.broadcast(S, FloatMath.LN2_HI), x);
        r = minusN.fma(FloatVector.broadcast(S, FloatMath.LN2_LO), r);
        FloatVector p = FloatVector.broadcast(S, FloatMath.P0).fma(r, FloatVector.broadcast(S, FloatMath.P1));
        p = p.fma(r, FloatVector.broadcast(S, FloatMath.P2));
        p = p.fma(r, FloatVector.broadcast(S, FloatMath.P3));
        p = p.fma(r, FloatVector.broadcast(S, FloatMath.P4));
        p = p.fma(r, FloatVector.broadcast(S, FloatMath.P5));
        FloatVector y = p.fma(r.mul(r), r).add(1f);
        IntVector exponent = ((IntVector) t.reinterpretAsInts()).sub(Float.floatToRawIntBits(FloatMath.ROUNDER));
        FloatVector scale = (FloatVector) exponent.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        return y.mul(scale);
    }
}

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

    /** Whether {@link #squarePartials} can run: the partials fill one to four whole vectors. */
    static final boolean SQUARE_PARTIALS_FIT = DenseMath.SQUARE_LANES % L == 0 && DenseMath.SQUARE_LANES / L <= 4;

    /**
     * The {@link DenseMath#SQUARE_LANES} partial sums of {@link DenseMath#sumOfSquares} over the first
     * {@code full} values (a multiple of 16): each lane of each accumulator is one partial's chain.
     * Only where {@link #SQUARE_PARTIALS_FIT}.
     */
    static void squarePartials(float[] v, int full, float[] partial) {
        int accumulators = DenseMath.SQUARE_LANES / L;
        FloatVector a0 = FloatVector.zero(S);
        FloatVector a1 = FloatVector.zero(S);
        FloatVector a2 = FloatVector.zero(S);
        FloatVector a3 = FloatVector.zero(S);
        for (int i = 0; i < full; i += DenseMath.SQUARE_LANES) {
            FloatVector x = FloatVector.fromArray(S, v, i);
            a0 = x.fma(x, a0);
            if (accumulators > 1) {
                x = FloatVector.fromArray(S, v, i + L);
                a1 = x.fma(x, a1);
            }
            if (accumulators > 2) {
                x = FloatVector.fromArray(S, v, i + 2 * L);
                a2 = x.fma(x, a2);
                x = FloatVector.fromArray(S, v, i + 3 * L);
                a3 = x.fma(x, a3);
            }
        }
        a0.intoArray(partial, 0);
        if (accumulators > 1) a1.intoArray(partial, L);
        if (accumulators > 2) {
            a2.intoArray(partial, 2 * L);
            a3.intoArray(partial, 3 * L);
        }
    }

    /**
     * The momentum step of {@code CpuTrainingSession} on the first {@code n} values, with its exact
     * float operations: {@code v = μv + g}, then {@code w -= η v}, or Nesterov's {@code w -= η (g + μv)}.
     */
    static void momentumStep(float[] w, float[] g, float[] v, float lr, float mu, boolean nesterov, int n) {
        int end = n - n % L;
        int i = 0;
        for (; i < end; i += L) {
            FloatVector gi = FloatVector.fromArray(S, g, i);
            FloatVector vi = FloatVector.fromArray(S, v, i).mul(mu).add(gi);
            vi.intoArray(v, i);
            FloatVector step = nesterov ? gi.add(vi.mul(mu)).mul(lr) : vi.mul(lr);
            FloatVector.fromArray(S, w, i).sub(step).intoArray(w, i);
        }
        for (; i < n; i++) {
            float vi = mu * v[i] + g[i];
            v[i] = vi;
            w[i] -= nesterov ? lr * (g[i] + mu * vi) : lr * vi;
        }
    }
}

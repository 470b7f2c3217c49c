package org.glyphocr.nn;

/**
 * The nonlinearity a layer applies to its pre-activations {@code z = a·W + b}.
 *
 * <p>Derivatives are expressed in terms of the activation's output {@code a = f(z)}, which is what
 * backpropagation has at hand: sigmoid {@code a(1-a)}, tanh {@code 1-a²}, ReLU {@code a > 0 ? 1 : 0}.
 * {@link #SOFTMAX} couples the units of a row and is only allowed on the output layer, where its
 * derivative is folded into the {@link Loss}.
 *
 * <p>In float32, {@code exp}, {@code tanh} and the sigmoid come from {@link FloatMath}, whose results
 * are the same on every machine ({@link Math}'s may differ in the last bit between processors), so
 * that the same seed trains the same model everywhere, and which costs little next to the matrix
 * products. The double-precision reference ({@link #value(double)}) uses {@link StrictMath}.
 */
public enum Activation {
    /** {@code 1 / (1 + e^-z)}; the default, as in the original design. */
    SIGMOID,
    /** {@code tanh(z)}. */
    TANH,
    /** {@code max(0, z)}. */
    RELU,
    /** {@code e^z_i / Σ_j e^z_j} over a row; output layer only. */
    SOFTMAX;

    /**
     * Applies the activation in place to {@code rows} rows of {@code cols} values.
     *
     * @param values row-major {@code rows × cols} pre-activations. Modified: replaced by activations.
     */
    public void apply(float[] values, int rows, int cols) {
        int n = rows * cols;
        switch (this) {
            case SIGMOID -> {
                for (int i = 0; i < n; i++) values[i] = FloatMath.sigmoid(values[i]);
            }
            case TANH -> {
                for (int i = 0; i < n; i++) values[i] = FloatMath.tanh(values[i]);
            }
            case RELU -> {
                for (int i = 0; i < n; i++) values[i] = Math.max(0f, values[i]);
            }
            case SOFTMAX -> {
                for (int r = 0; r < rows; r++) softmaxRow(values, r * cols, cols);
            }
        }
    }

    private static void softmaxRow(float[] values, int offset, int cols) {
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < cols; j++) max = Math.max(max, values[offset + j]);
        double sum = 0;
        for (int j = 0; j < cols; j++) {
            float e = FloatMath.exp(values[offset + j] - max);
            values[offset + j] = e;
            sum += e;
        }
        float scale = (float) (1.0 / sum);
        for (int j = 0; j < cols; j++) values[offset + j] *= scale;
    }

    /**
     * Multiplies {@code deltas} element-wise by {@code f'(z)}, given the outputs {@code a = f(z)}.
     *
     * @param activations {@code a}, not modified
     * @param deltas gradients with respect to {@code a}; modified: become gradients with respect to {@code z}
     * @param n number of values
     * @throws UnsupportedOperationException for {@link #SOFTMAX}, whose derivative belongs to the loss
     */
    public void multiplyByDerivative(float[] activations, float[] deltas, int n) {
        switch (this) {
            case SIGMOID -> {
                for (int i = 0; i < n; i++) {
                    float a = activations[i];
                    deltas[i] *= a * (1f - a);
                }
            }
            case TANH -> {
                for (int i = 0; i < n; i++) {
                    float a = activations[i];
                    deltas[i] *= 1f - a * a;
                }
            }
            case RELU -> {
                for (int i = 0; i < n; i++) if (activations[i] <= 0f) deltas[i] = 0f;
            }
            case SOFTMAX -> throw new UnsupportedOperationException("softmax derivative is folded into the loss");
        }
    }

    /** The activation of one value in double precision (not for {@link #SOFTMAX}); the reference math. */
    public double value(double z) {
        return switch (this) {
            case SIGMOID -> 1.0 / (1.0 + StrictMath.exp(-z));
            case TANH -> Math.tanh(z);
            case RELU -> Math.max(0.0, z);
            case SOFTMAX -> throw new UnsupportedOperationException("softmax is defined on a whole row");
        };
    }

    /** {@code f'(z)} from {@code a = f(z)} in double precision (not for {@link #SOFTMAX}). */
    public double derivativeFromOutput(double a) {
        return switch (this) {
            case SIGMOID -> a * (1 - a);
            case TANH -> 1 - a * a;
            case RELU -> a > 0 ? 1 : 0;
            case SOFTMAX -> throw new UnsupportedOperationException("softmax derivative is folded into the loss");
        };
    }

    /** The lower-case name used in model files and on the command line. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * Parses {@link #id()}.
     *
     * @throws IllegalArgumentException naming the value and the accepted ones
     */
    public static Activation fromId(String id) {
        for (Activation a : values()) if (a.id().equals(id)) return a;
        throw new IllegalArgumentException("activation must be one of sigmoid, tanh, relu, softmax, was '" + id + "'");
    }
}

package org.glyphocr.nn;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The weights and biases of a network, immutable.
 *
 * <p>Layer {@code i} has a row-major weight matrix {@code W} of {@code fanIn × units} (so that a
 * batch of row vectors {@code a} maps to {@code a·W + b}) and a bias vector {@code b} of
 * {@code units}. Arrays passed in are copied; arrays handed out are copies.
 */
public final class Parameters {
    private final Architecture architecture;
    private final float[][] weights;
    private final float[][] biases;

    private Parameters(Architecture architecture, float[][] weights, float[][] biases) {
        this.architecture = architecture;
        this.weights = weights;
        this.biases = biases;
    }

    /**
     * Wraps copies of the given arrays.
     *
     * @throws IllegalArgumentException if a layer's array lengths do not match the architecture
     */
    public static Parameters of(Architecture architecture, float[][] weights, float[][] biases) {
        int layers = architecture.layerCount();
        if (weights.length != layers || biases.length != layers) {
            throw new IllegalArgumentException("expected " + layers + " layers of weights and biases, got "
                    + weights.length + " and " + biases.length);
        }
        float[][] w = new float[layers][];
        float[][] b = new float[layers][];
        for (int i = 0; i < layers; i++) {
            int units = architecture.layers().get(i).units();
            long expected = (long) architecture.fanIn(i) * units;
            if (weights[i].length != expected) {
                throw new IllegalArgumentException("layer " + (i + 1) + " weights: expected " + expected + " values, got " + weights[i].length);
            }
            if (biases[i].length != units) {
                throw new IllegalArgumentException("layer " + (i + 1) + " biases: expected " + units + " values, got " + biases[i].length);
            }
            w[i] = weights[i].clone();
            b[i] = biases[i].clone();
        }
        return new Parameters(architecture, w, b);
    }

    /**
     * Seeded initial weights suited to each layer's activation; biases are zero.
     * <ul>
     *   <li>ReLU: He normal, {@code N(0, 2/fanIn)}, which keeps the activations' variance through depth;
     *   <li>sigmoid, tanh, softmax: Glorot uniform, {@code U(±sqrt(6/(fanIn+fanOut)))}, times 4 for
     *       hidden sigmoid layers, whose slope at 0 is ¼.
     * </ul>
     */
    public static Parameters initialize(Architecture architecture, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int layers = architecture.layerCount();
        float[][] w = new float[layers][];
        float[][] b = new float[layers][];
        for (int i = 0; i < layers; i++) {
            DenseLayer layer = architecture.layers().get(i);
            int fanIn = architecture.fanIn(i);
            int fanOut = layer.units();
            w[i] = new float[fanIn * fanOut];
            b[i] = new float[fanOut];
            if (layer.activation() == Activation.RELU) {
                double std = Math.sqrt(2.0 / fanIn);
                for (int k = 0; k < w[i].length; k++) w[i][k] = (float) (Draws.standardNormal(random) * std);
            } else {
                double limit = Math.sqrt(6.0 / (fanIn + fanOut));
                // Sigmoid's slope at 0 is 1/4; hidden sigmoid layers get 4x to keep gradients alive, an output
                // layer does not, since saturated outputs stall sum-of-squares training (the "flat spot").
                boolean output = i == layers - 1;
                if (layer.activation() == Activation.SIGMOID && !output) limit *= 4;
                for (int k = 0; k < w[i].length; k++) w[i][k] = (float) ((random.nextDouble() * 2 - 1) * limit);
            }
        }
        return new Parameters(architecture, w, b);
    }

    public Architecture architecture() {
        return architecture;
    }

    /** A copy of layer {@code i}'s row-major {@code fanIn × units} weights. */
    public float[] weights(int layer) {
        return weights[layer].clone();
    }

    /** A copy of layer {@code i}'s biases. */
    public float[] biases(int layer) {
        return biases[layer].clone();
    }

    /** Copies layer {@code i}'s weights into {@code out} (modified) without allocating. */
    public void copyWeights(int layer, float[] out) {
        System.arraycopy(weights[layer], 0, out, 0, weights[layer].length);
    }

    /** Copies layer {@code i}'s biases into {@code out} (modified) without allocating. */
    public void copyBiases(int layer, float[] out) {
        System.arraycopy(biases[layer], 0, out, 0, biases[layer].length);
    }

    /** Weight {@code W[row][col]} of a layer. */
    public float weight(int layer, int row, int col) {
        return weights[layer][row * architecture.layers().get(layer).units() + col];
    }

    public float bias(int layer, int unit) {
        return biases[layer][unit];
    }

    /** True when every weight and bias is finite. */
    public boolean allFinite() {
        for (int i = 0; i < weights.length; i++) {
            for (float v : weights[i]) if (!Float.isFinite(v)) return false;
            for (float v : biases[i]) if (!Float.isFinite(v)) return false;
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Parameters p && p.architecture.equals(architecture)
                && Arrays.deepEquals(p.weights, weights) && Arrays.deepEquals(p.biases, biases);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.deepHashCode(weights) + Arrays.deepHashCode(biases);
    }

    @Override
    public String toString() {
        return "Parameters[" + architecture + ", " + architecture.parameterCount() + " values]";
    }
}

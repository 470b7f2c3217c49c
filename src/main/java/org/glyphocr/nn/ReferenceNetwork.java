package org.glyphocr.nn;

/**
 * The network's math written out plainly in double precision, one sample at a time: the
 * specification that every backend is tested against, and the function that gradient checks
 * differentiate numerically. Far too slow for training; use a {@code Backend}.
 *
 * <p>Objective over a batch of {@code B} samples with L2 strength {@code λ}:
 * {@code J = (1/B) Σ_n L(p_n, y_n) + (λ/2) Σ_layers Σ W²} (biases are not regularised).
 */
public final class ReferenceNetwork {
    private final Architecture architecture;
    private final double[][] weights;
    private final double[][] biases;

    /** Copies {@code parameters} into double precision. */
    public ReferenceNetwork(Parameters parameters) {
        this.architecture = parameters.architecture();
        int layers = architecture.layerCount();
        weights = new double[layers][];
        biases = new double[layers][];
        for (int i = 0; i < layers; i++) {
            float[] w = parameters.weights(i);
            float[] b = parameters.biases(i);
            weights[i] = new double[w.length];
            biases[i] = new double[b.length];
            for (int k = 0; k < w.length; k++) weights[i][k] = w[k];
            for (int k = 0; k < b.length; k++) biases[i][k] = b[k];
        }
    }

    /** The weights of layer {@code i}, live: tests perturb them for finite differences. */
    public double[] weights(int layer) {
        return weights[layer];
    }

    /** The biases of layer {@code i}, live. */
    public double[] biases(int layer) {
        return biases[layer];
    }

    /** Activations of every layer for one input: index 0 is the input, the last the output. */
    public double[][] forward(float[] input, int offset) {
        int layers = architecture.layerCount();
        double[][] a = new double[layers + 1][];
        a[0] = new double[architecture.inputSize()];
        for (int k = 0; k < a[0].length; k++) a[0][k] = input[offset + k];
        for (int l = 0; l < layers; l++) {
            DenseLayer layer = architecture.layers().get(l);
            int fanIn = architecture.fanIn(l);
            int units = layer.units();
            double[] z = new double[units];
            for (int j = 0; j < units; j++) {
                double s = biases[l][j];
                for (int i = 0; i < fanIn; i++) s += a[l][i] * weights[l][i * units + j];
                z[j] = s;
            }
            a[l + 1] = activate(layer.activation(), z);
        }
        return a;
    }

    private static double[] activate(Activation activation, double[] z) {
        double[] out = new double[z.length];
        if (activation == Activation.SOFTMAX) {
            double max = Double.NEGATIVE_INFINITY;
            for (double v : z) max = Math.max(max, v);
            double sum = 0;
            for (int j = 0; j < z.length; j++) sum += out[j] = Math.exp(z[j] - max);
            for (int j = 0; j < z.length; j++) out[j] /= sum;
        } else {
            for (int j = 0; j < z.length; j++) out[j] = activation.value(z[j]);
        }
        return out;
    }

    /** The batch objective {@code J} (see class doc). */
    public double objective(float[] inputs, int[] targets, int batch, double l2) {
        Activation outAct = architecture.outputLayer().activation();
        double total = 0;
        for (int n = 0; n < batch; n++) {
            double[] p = forward(inputs, n * architecture.inputSize())[architecture.layerCount()];
            for (int j = 0; j < p.length; j++) {
                total += architecture.loss().sampleTerm(outAct, p[j], Loss.targetValue(p.length, j, targets[n]));
            }
        }
        double penalty = 0;
        for (double[] w : weights) for (double v : w) penalty += v * v;
        return total / batch + 0.5 * l2 * penalty;
    }

    /**
     * Gradients of {@link #objective} by backpropagation.
     *
     * @return {@code [layer][0]} weight gradients and {@code [layer][1]} bias gradients
     */
    public double[][][] gradients(float[] inputs, int[] targets, int batch, double l2) {
        int layers = architecture.layerCount();
        double[][][] grads = new double[layers][2][];
        for (int l = 0; l < layers; l++) {
            grads[l][0] = new double[weights[l].length];
            grads[l][1] = new double[biases[l].length];
        }
        Activation outAct = architecture.outputLayer().activation();
        for (int n = 0; n < batch; n++) {
            double[][] a = forward(inputs, n * architecture.inputSize());
            double[] p = a[layers];
            double[] delta = outputDelta(outAct, p, targets[n]);
            for (int l = layers - 1; l >= 0; l--) {
                int fanIn = architecture.fanIn(l);
                int units = architecture.layers().get(l).units();
                for (int i = 0; i < fanIn; i++) {
                    for (int j = 0; j < units; j++) grads[l][0][i * units + j] += a[l][i] * delta[j] / batch;
                }
                for (int j = 0; j < units; j++) grads[l][1][j] += delta[j] / batch;
                if (l == 0) break;
                double[] previous = new double[fanIn];
                Activation act = architecture.layers().get(l - 1).activation();
                for (int i = 0; i < fanIn; i++) {
                    double s = 0;
                    for (int j = 0; j < units; j++) s += weights[l][i * units + j] * delta[j];
                    previous[i] = s * act.derivativeFromOutput(a[l][i]);
                }
                delta = previous;
            }
        }
        for (int l = 0; l < layers; l++) {
            for (int k = 0; k < weights[l].length; k++) grads[l][0][k] += l2 * weights[l][k];
        }
        return grads;
    }

    private double[] outputDelta(Activation outAct, double[] p, int target) {
        int units = p.length;
        double[] delta = new double[units];
        double[] g = new double[units];
        for (int j = 0; j < units; j++) g[j] = p[j] - Loss.targetValue(units, j, target);
        if (architecture.loss() == Loss.CROSS_ENTROPY) return g;
        if (outAct == Activation.SOFTMAX) {
            double dot = 0;
            for (int j = 0; j < units; j++) dot += g[j] * p[j];
            for (int j = 0; j < units; j++) delta[j] = p[j] * (g[j] - dot);
        } else {
            for (int j = 0; j < units; j++) delta[j] = g[j] * outAct.derivativeFromOutput(p[j]);
        }
        return delta;
    }
}

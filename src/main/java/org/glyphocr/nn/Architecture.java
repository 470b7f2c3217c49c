package org.glyphocr.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The shape of a multilayer perceptron: input size, fully connected layers and the loss.
 *
 * <p>The last layer is the output layer. Allowed outputs:
 * <ul>
 *   <li>{@code SOFTMAX} over {@code k >= 2} units, one per class (the usual choice);
 *   <li>{@code SIGMOID} over {@code k >= 2} units (one yes/no unit per class), or over a single
 *       unit for two classes (probability of class 1).
 * </ul>
 * Hidden layers use {@code SIGMOID}, {@code TANH} or {@code RELU}.
 *
 * <pre>{@code
 * Architecture mlp = Architecture.of(400, List.of(
 *         DenseLayer.dense(128, Activation.SIGMOID),
 *         DenseLayer.dense(10, Activation.SOFTMAX)), Loss.CROSS_ENTROPY);
 * }</pre>
 */
public final class Architecture {
    private final int inputSize;
    private final List<DenseLayer> layers;
    private final Loss loss;

    private Architecture(int inputSize, List<DenseLayer> layers, Loss loss) {
        this.inputSize = inputSize;
        this.layers = List.copyOf(layers);
        this.loss = loss;
    }

    /**
     * Checks and builds an architecture.
     *
     * @throws IllegalArgumentException if sizes are not positive, softmax is used on a hidden layer,
     *     or the output layer cannot represent classes
     */
    public static Architecture of(int inputSize, List<DenseLayer> layers, Loss loss) {
        Objects.requireNonNull(layers, "layers");
        Objects.requireNonNull(loss, "loss");
        if (inputSize < 1) throw new IllegalArgumentException("inputSize must be >= 1, was " + inputSize);
        if (layers.isEmpty()) throw new IllegalArgumentException("an architecture needs at least an output layer");
        for (int i = 0; i < layers.size() - 1; i++) {
            Activation a = layers.get(i).activation();
            if (a == Activation.SOFTMAX) {
                throw new IllegalArgumentException("softmax is only allowed on the output layer, found on hidden layer " + (i + 1));
            }
        }
        DenseLayer out = layers.get(layers.size() - 1);
        if (out.activation() == Activation.SOFTMAX && out.units() < 2) {
            throw new IllegalArgumentException("a softmax output needs >= 2 units, was " + out.units());
        }
        if (out.activation() != Activation.SOFTMAX && out.activation() != Activation.SIGMOID) {
            throw new IllegalArgumentException("the output layer must be softmax or sigmoid, was " + out.activation().id());
        }
        return new Architecture(inputSize, layers, loss);
    }

    /**
     * The usual classifier: the given hidden layers, then a softmax over {@code classes} units with
     * cross-entropy; for two classes a single sigmoid unit with cross-entropy.
     *
     * @param hiddenSizes units of each hidden layer, input side first
     */
    public static Architecture classifier(int inputSize, int[] hiddenSizes, Activation hidden, int classes) {
        if (classes < 2) throw new IllegalArgumentException("a classifier needs >= 2 classes, was " + classes);
        List<DenseLayer> layers = new ArrayList<>();
        for (int h : hiddenSizes) layers.add(DenseLayer.dense(h, hidden));
        layers.add(classes == 2 ? DenseLayer.dense(1, Activation.SIGMOID) : DenseLayer.dense(classes, Activation.SOFTMAX));
        return of(inputSize, layers, Loss.CROSS_ENTROPY);
    }

    public int inputSize() {
        return inputSize;
    }

    /** The layers, input side first; the last is the output layer. Unmodifiable. */
    public List<DenseLayer> layers() {
        return layers;
    }

    public int layerCount() {
        return layers.size();
    }

    public Loss loss() {
        return loss;
    }

    public DenseLayer outputLayer() {
        return layers.get(layers.size() - 1);
    }

    public int outputSize() {
        return outputLayer().units();
    }

    /** Inputs of layer {@code i}: the network's input size for the first, else the previous layer's units. */
    public int fanIn(int layer) {
        return layer == 0 ? inputSize : layers.get(layer - 1).units();
    }

    /** Number of classes the output distinguishes: the output units, or 2 for a single sigmoid unit. */
    public int classCount() {
        return outputSize() == 1 ? 2 : outputSize();
    }

    /** Total number of weights and biases. */
    public long parameterCount() {
        long n = 0;
        for (int i = 0; i < layers.size(); i++) n += (long) fanIn(i) * layers.get(i).units() + layers.get(i).units();
        return n;
    }

    /**
     * Turns one row of output activations into class probabilities that sum to 1: a softmax row as
     * it is, a single sigmoid unit {@code p} as {@code [1-p, p]}, several sigmoid units normalised by
     * their sum (they are independent yes/no answers, not a distribution).
     *
     * @param outputs {@link #outputSize()} values from {@code offset}; not modified
     * @param probabilities receives {@link #classCount()} values; modified
     */
    public void toClassProbabilities(float[] outputs, int offset, float[] probabilities) {
        int units = outputSize();
        if (units == 1) {
            float p = outputs[offset];
            probabilities[0] = 1f - p;
            probabilities[1] = p;
            return;
        }
        if (outputLayer().activation() == Activation.SOFTMAX) {
            System.arraycopy(outputs, offset, probabilities, 0, units);
            return;
        }
        double sum = 0;
        for (int j = 0; j < units; j++) sum += outputs[offset + j];
        for (int j = 0; j < units; j++) {
            probabilities[j] = sum > 0 ? (float) (outputs[offset + j] / sum) : 1f / units;
        }
    }

    /**
     * The class a row of output activations votes for: the highest unit, or for a single sigmoid
     * unit class 1 when it is at least 0.5.
     */
    public int predictedClass(float[] outputs, int offset) {
        int units = outputSize();
        if (units == 1) return outputs[offset] >= 0.5f ? 1 : 0;
        int best = 0;
        for (int j = 1; j < units; j++) if (outputs[offset + j] > outputs[offset + best]) best = j;
        return best;
    }

    /** Sizes as {@code 400-128-10}. */
    public String shapeString() {
        StringBuilder sb = new StringBuilder().append(inputSize);
        for (DenseLayer l : layers) sb.append('-').append(l.units());
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Architecture a && a.inputSize == inputSize && a.layers.equals(layers) && a.loss == loss;
    }

    @Override
    public int hashCode() {
        return Objects.hash(inputSize, layers, loss);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(shapeString()).append(" (");
        String[] acts = layers.stream().map(l -> l.activation().id()).toArray(String[]::new);
        sb.append(String.join("/", Arrays.asList(acts))).append(", ").append(loss.id()).append(')');
        return sb.toString();
    }
}

package org.glyphocr.nn;

/**
 * One fully connected layer: {@code units} neurons, each seeing every output of the layer before.
 *
 * @param units number of neurons, at least 1
 * @param activation what each neuron applies to its weighted sum
 */
public record DenseLayer(int units, Activation activation) {
    public DenseLayer {
        if (units < 1) throw new IllegalArgumentException("layer units must be >= 1, was " + units);
        if (activation == null) throw new NullPointerException("activation");
    }

    /** A fully connected layer, e.g. {@code dense(128, Activation.SIGMOID)}. */
    public static DenseLayer dense(int units, Activation activation) {
        return new DenseLayer(units, activation);
    }
}

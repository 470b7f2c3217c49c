package org.glyphocr.train;

/** How data-parallel towers share one training run. */
public enum TowerMode {
    /**
     * Each minibatch is split across the towers; each computes the gradient of the mean loss on its
     * share, and the gradients are averaged (weighted by share size) into the gradient of the whole
     * batch. One update follows, so N towers take exactly the step one tower would: the learning
     * rate means the same whatever N is. Summing the towers' losses instead would multiply the
     * step by N.
     */
    GRADIENT_AVERAGE,
    /**
     * Each tower trains on its own minibatches with its own momentum, and every K steps the towers'
     * weights are replaced by their average. Less synchronisation, but not the same trajectory as
     * one tower.
     */
    WEIGHT_AVERAGE;

    /** The lower-case name used on the command line, e.g. {@code gradient-average}. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** Parses {@link #id()}. */
    public static TowerMode fromId(String id) {
        for (TowerMode m : values()) if (m.id().equals(id)) return m;
        throw new IllegalArgumentException("tower mode must be gradient-average or weight-average, was '" + id + "'");
    }
}

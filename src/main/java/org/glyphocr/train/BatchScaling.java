package org.glyphocr.train;

import java.util.Locale;

/**
 * How the learning rate follows the batch size, relative to {@link #REFERENCE_BATCH}: the rate a
 * user gives is the rate for a batch of 32, and another batch size scales it.
 *
 * <p>With the loss averaged over the batch, a batch {@code k} times larger gives a gradient with
 * {@code k} times less variance but the same expected size, and {@code k} times fewer steps per
 * epoch. {@link #LINEAR} keeps the distance travelled per epoch (Goyal et al. 2017) and suits
 * moderate sizes with warm-up; {@link #SQRT} keeps the gradient noise per step comparable, which is
 * the safer default for plain SGD with momentum; {@link #NONE} uses the rate as given.
 */
public enum BatchScaling {
    NONE, LINEAR, SQRT;

    /** The batch size at which the given learning rate applies unchanged. */
    public static final int REFERENCE_BATCH = 32;

    /** The factor for a batch size: 1, {@code b/32}, or {@code sqrt(b/32)}. */
    public double factor(int batchSize) {
        double ratio = (double) batchSize / REFERENCE_BATCH;
        return switch (this) {
            case NONE -> 1;
            case LINEAR -> ratio;
            case SQRT -> Math.sqrt(ratio);
        };
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static BatchScaling fromId(String id) {
        for (BatchScaling s : values()) if (s.id().equals(id)) return s;
        throw new IllegalArgumentException("batch scaling must be none, linear or sqrt, was '" + id + "'");
    }
}

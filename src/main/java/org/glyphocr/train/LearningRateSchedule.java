package org.glyphocr.train;

import java.util.Locale;

/**
 * How the learning rate moves during training, as a multiplier of the base rate. The base rate is
 * what adaptive halving halves, so a schedule and the safety net work together.
 *
 * <ul>
 *   <li>{@link Kind#CONSTANT}: 1.
 *   <li>{@link Kind#STEP}: {@code stepFactor^floor((epoch-1) / stepEvery)}.
 *   <li>{@link Kind#COSINE}: from 1 down to {@code cosineFloor} along half a cosine over the epochs
 *       after warm-up: {@code floor + (1-floor)·(1+cos(π t))/2}.
 * </ul>
 * With {@code warmupEpochs > 0} the multiplier first rises linearly from 0.1 to its scheduled value
 * over that many epochs (counted in steps), which keeps the first updates of a large rate or batch
 * from throwing the weights far off.
 *
 * @param kind the schedule's shape
 * @param warmupEpochs epochs of linear warm-up, {@code >= 0} (fractions allowed)
 * @param stepEvery epochs between steps of {@link Kind#STEP}, {@code >= 1}
 * @param stepFactor multiplier at each step of {@link Kind#STEP}, in (0, 1]
 * @param cosineFloor final multiplier of {@link Kind#COSINE}, in [0, 1]
 */
public record LearningRateSchedule(Kind kind, double warmupEpochs, int stepEvery, double stepFactor, double cosineFloor) {
    /** The shapes a schedule can take. */
    public enum Kind {
        CONSTANT, STEP, COSINE;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Kind fromId(String id) {
            for (Kind k : values()) if (k.id().equals(id)) return k;
            throw new IllegalArgumentException("schedule must be constant, step or cosine, was '" + id + "'");
        }
    }

    /** A constant rate without warm-up. */
    public static final LearningRateSchedule CONSTANT = new LearningRateSchedule(Kind.CONSTANT, 0, 10, 0.5, 0.01);
    /** Cosine decay to 1% without warm-up: the trainer's default. */
    public static final LearningRateSchedule COSINE = new LearningRateSchedule(Kind.COSINE, 0, 10, 0.5, 0.01);

    public LearningRateSchedule {
        if (kind == null) throw new NullPointerException("kind");
        if (!(warmupEpochs >= 0) || Double.isInfinite(warmupEpochs)) throw new IllegalArgumentException("warmupEpochs must be >= 0, was " + warmupEpochs);
        if (stepEvery < 1) throw new IllegalArgumentException("stepEvery must be >= 1, was " + stepEvery);
        if (!(stepFactor > 0 && stepFactor <= 1)) throw new IllegalArgumentException("stepFactor must be in (0, 1], was " + stepFactor);
        if (!(cosineFloor >= 0 && cosineFloor <= 1)) throw new IllegalArgumentException("cosineFloor must be in [0, 1], was " + cosineFloor);
    }

    /**
     * The multiplier at a point of training.
     *
     * @param epoch 1-based
     * @param progress fraction of this epoch's steps done, in [0, 1)
     * @param maxEpochs the run's epoch budget (the cosine's length)
     */
    public double multiplier(int epoch, double progress, int maxEpochs) {
        double t = epoch - 1 + progress;
        double scheduled = switch (kind) {
            case CONSTANT -> 1;
            case STEP -> Math.pow(stepFactor, Math.floor((epoch - 1) / (double) stepEvery));
            case COSINE -> {
                double span = Math.max(1e-9, maxEpochs - warmupEpochs);
                double u = Math.min(1, Math.max(0, (t - warmupEpochs) / span));
                yield cosineFloor + (1 - cosineFloor) * (1 + StrictMath.cos(Math.PI * u)) / 2;
            }
        };
        if (t < warmupEpochs) scheduled *= 0.1 + 0.9 * t / warmupEpochs;
        return scheduled;
    }

    @Override
    public String toString() {
        return switch (kind) {
            case CONSTANT -> "constant";
            case STEP -> "step x" + stepFactor + " every " + stepEvery;
            case COSINE -> "cosine to x" + cosineFloor;
        } + (warmupEpochs > 0 ? ", warm-up " + warmupEpochs + " epochs" : "");
    }
}

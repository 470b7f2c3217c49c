package org.glyphocr.nn;

import java.util.SplittableRandom;

/** Random draws that depend only on the generator's seed, the same on every JVM. */
public final class Draws {
    private Draws() {
    }

    /**
     * A standard normal variate by Box–Muller, from two draws of {@code random}; {@code StrictMath}
     * makes it bit for bit the same on every platform.
     */
    public static double standardNormal(SplittableRandom random) {
        double u1 = 1.0 - random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * StrictMath.log(u1)) * StrictMath.cos(2 * Math.PI * u2);
    }
}

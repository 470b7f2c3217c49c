package org.glyphocr.nn;

/**
 * The float32 elementary functions that activations use: fast, accurate to about 2 ulp, and the same
 * bits on every machine. Each is a fixed sequence of IEEE float operations ({@code +}, {@code *},
 * {@code /}, {@link Math#fma}, min and max), so the result does not depend on the processor or on
 * intrinsics, as {@link Math#exp} may; and a SIMD version that performs the same sequence lane by lane
 * (the CPU backend's) gives the same bits too. That keeps "the same seed trains the same model" true
 * while costing a few nanoseconds rather than {@link StrictMath#exp}'s tens.
 *
 * <pre>{@code
 * float y = FloatMath.exp(1f);        // 2.7182817f
 * float s = FloatMath.sigmoid(0f);    // 0.5f
 * }</pre>
 */
public final class FloatMath {
    /** Inputs are clamped to this range, where {@code e^x} and {@code 2^n} stay normal floats. */
    public static final float EXP_MIN = -87f;
    public static final float EXP_MAX = 88f;
    public static final float LOG2E = 1.44269504088896341f;
    /** {@code 1.5·2²³}: adding it rounds a float of magnitude under 2²² to an integer, held in the low mantissa bits. */
    public static final float ROUNDER = 12582912f;
    /** {@code ln 2} split in two (Cody and Waite), so that {@code x - n·ln 2} loses nothing for the {@code n} used here. */
    public static final float LN2_HI = 0.693359375f;
    public static final float LN2_LO = -2.12194440e-4f;
    /** Minimax coefficients of {@code (e^r - 1 - r) / r²} on {@code |r| ≤ ln2/2} (Cephes {@code expf}), highest first. */
    public static final float P0 = 1.9875691500e-4f;
    public static final float P1 = 1.3981999507e-3f;
    public static final float P2 = 8.3334519073e-3f;
    public static final float P3 = 4.1665795894e-2f;
    public static final float P4 = 1.6666665459e-1f;
    public static final float P5 = 5.0000001201e-1f;

    private FloatMath() {
    }

    /** {@code e^x}, for {@code x} clamped to [{@value #EXP_MIN}, {@value #EXP_MAX}]; NaN stays NaN. */
    public static float exp(float x) {
        x = Math.min(Math.max(x, EXP_MIN), EXP_MAX);
        float t = Math.fma(x, LOG2E, ROUNDER);
        float n = t - ROUNDER;
        float r = Math.fma(-n, LN2_HI, x);
        r = Math.fma(-n, LN2_LO, r);
        float p = Math.fma(P0, r, P1);
        p = Math.fma(p, r, P2);
        p = Math.fma(p, r, P3);
        p = Math.fma(p, r, P4);
        p = Math.fma(p, r, P5);
        float y = Math.fma(p, r * r, r) + 1f;
        int exponent = Float.floatToRawIntBits(t) - Float.floatToRawIntBits(ROUNDER);
        return y * Float.intBitsToFloat((exponent + 127) << 23);
    }

    /** {@code 1 / (1 + e^-z)}. */
    public static float sigmoid(float z) {
        return 1f / (1f + exp(-z));
    }

    /** {@code tanh z}, as {@code 1 - 2 / (e^{2z} + 1)}: within 1e-7 absolutely, and exactly ±1 far out. */
    public static float tanh(float z) {
        return 1f - 2f / (exp(2f * z) + 1f);
    }
}

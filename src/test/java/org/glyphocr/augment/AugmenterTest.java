package org.glyphocr.augment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.glyphocr.image.Glyph;
import org.glyphocr.image.InkImage;
import org.glyphocr.image.PreprocessSettings;
import org.glyphocr.image.Preprocessor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AugmenterTest {
    /** Default preprocessing but strokes left as drawn, so stroke changes stay visible. */
    private static final Preprocessor AS_DRAWN = new Preprocessor(PreprocessSettings.builder().strokeWidth(0).build());
    private static final int FIT = PreprocessSettings.DEFAULT.fitSize();
    /** Without deskewing, which would undo a shear. */
    /** Without deskew and stroke normalisation, which would undo the transforms under test. */
    private static final Preprocessor PLAIN = new Preprocessor(PreprocessSettings.builder().deskew(false).strokeWidth(0).build());
    private static final AugmentSettings ALWAYS = AugmentSettings.NONE.toBuilder().probability(1).build();
    private static List<InkImage> digits;

    @BeforeAll
    static void loadDigits() {
        digits = MnistInk.firstOfEachDigit(3);
    }

    /** One transform: its name, how to set its strength, and its default strength. */
    record Transform(String name, BiFunction<AugmentSettings.Builder, Double, AugmentSettings.Builder> set, double strength) {
        AugmentSettings on(AugmentSettings base, double value) {
            return set.apply(base.toBuilder(), value).build();
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Transform> transforms() {
        AugmentSettings d = AugmentSettings.DEFAULT;
        return Stream.of(
                new Transform("rotation", AugmentSettings.Builder::rotationDegrees, d.rotationDegrees()),
                new Transform("scaling", AugmentSettings.Builder::scaling, d.scaling()),
                new Transform("shear", AugmentSettings.Builder::shear, d.shear()),
                new Transform("translate", AugmentSettings.Builder::translate, d.translate()),
                new Transform("elastic", AugmentSettings.Builder::elasticAlpha, d.elasticAlpha()),
                new Transform("strokeWidth", AugmentSettings.Builder::strokeWidthChange, d.strokeWidthChange()),
                new Transform("blur", AugmentSettings.Builder::blurSigma, d.blurSigma()));
    }

    /** Mean over the digits of how far the glyph of each augmented digit is from the glyph of the digit. */
    private static double meanChange(Augmenter augmenter) {
        double sum = 0;
        for (int i = 0; i < digits.size(); i++) {
            InkImage ink = digits.get(i);
            sum += MnistInk.meanAbsDiff(PLAIN.toGlyph(augmenter.apply(ink, Augmenter.randomFor(1, 0, i))), PLAIN.toGlyph(ink));
        }
        return sum / digits.size();
    }

    /** The same, for the pipeline run with no distortion at all: resampling alone. */
    private static double resamplingChange() {
        Augmenter augmenter = new Augmenter(ALWAYS, FIT);
        double sum = 0;
        for (InkImage ink : digits) {
            InkImage out = augmenter.distort(ink, Distortion.IDENTITY, new SplittableRandom(1), new SplittableRandom(2));
            sum += MnistInk.meanAbsDiff(PLAIN.toGlyph(out), PLAIN.toGlyph(ink));
        }
        return sum / digits.size();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transforms")
    void eachTransformAloneChangesTheGlyphMeasurably(Transform transform) {
        double change = meanChange(new Augmenter(transform.on(ALWAYS, transform.strength()), FIT));
        double baseline = resamplingChange();
        assertTrue(change > 1.5 * baseline && change > 0.012,
                transform + " changed glyphs by " + change + ", resampling alone by " + baseline);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transforms")
    void eachTransformAtStrengthZeroChangesNothing(Transform transform) {
        // Alone: the settings are the identity, and the ink comes back as it is.
        AugmentSettings alone = transform.on(ALWAYS, 0);
        assertTrue(alone.isIdentity(), transform.name());
        assertSame(digits.get(0), new Augmenter(alone, FIT).apply(digits.get(0), Augmenter.randomFor(1, 0, 0)));
        // Among all the others: the same glyphs as at a vanishing strength.
        AugmentSettings all = AugmentSettings.DEFAULT.toBuilder().probability(1).build();
        Augmenter off = new Augmenter(transform.on(all, 0), FIT);
        Augmenter vanishing = new Augmenter(transform.on(all, 1e-9), FIT);
        for (int i = 0; i < 10; i++) {
            InkImage ink = digits.get(i);
            Glyph a = AS_DRAWN.toGlyph(off.apply(ink, Augmenter.randomFor(4, 1, i)));
            Glyph b = AS_DRAWN.toGlyph(vanishing.apply(ink, Augmenter.randomFor(4, 1, i)));
            assertTrue(MnistInk.meanAbsDiff(a, b) < 1e-3, transform + ", digit " + i + ": " + MnistInk.meanAbsDiff(a, b));
        }
    }

    @Test
    void noneIsTheIdentityAfterToGlyph() {
        Augmenter augmenter = new Augmenter(AugmentSettings.NONE, FIT);
        for (int i = 0; i < digits.size(); i++) {
            InkImage ink = digits.get(i);
            assertEquals(AS_DRAWN.toGlyph(ink),
                    AS_DRAWN.toGlyph(augmenter.apply(ink, Augmenter.randomFor(9, 0, i))));
        }
    }

    @Test
    void probabilityZeroReturnsTheInputAndDefaultAugmentsMostSamples() {
        Augmenter never = new Augmenter(AugmentSettings.DEFAULT.toBuilder().probability(0).build(), FIT);
        Augmenter usually = new Augmenter(AugmentSettings.DEFAULT, FIT);
        InkImage ink = digits.get(0);
        int changed = 0;
        for (int i = 0; i < 200; i++) {
            assertSame(ink, never.apply(ink, Augmenter.randomFor(3, 0, i)));
            if (usually.apply(ink, Augmenter.randomFor(3, 0, i)) != ink) changed++;
        }
        // Probability 0.9 of 200: 180 expected, standard deviation 4.2.
        assertTrue(changed > 160 && changed < 200, "augmented " + changed + " of 200");
    }

    @Test
    void sameGeneratorStateGivesTheSameImageAndAnotherSeedAnother() {
        Augmenter augmenter = new Augmenter(AugmentSettings.DEFAULT.toBuilder().probability(1).build(), FIT);
        for (int i = 0; i < digits.size(); i++) {
            InkImage ink = digits.get(i);
            InkImage first = augmenter.apply(ink, Augmenter.randomFor(11, 5, i));
            assertEquals(first, augmenter.apply(ink, Augmenter.randomFor(11, 5, i)));
            assertNotEquals(first, augmenter.apply(ink, Augmenter.randomFor(12, 5, i)));
            assertNotEquals(first, augmenter.apply(ink, Augmenter.randomFor(11, 6, i)));
        }
    }

    @Test
    void resultsDoNotDependOnThreads() {
        Augmenter augmenter = new Augmenter(AugmentSettings.DEFAULT, FIT);
        List<InkImage> sequential = new ArrayList<>();
        for (int i = 0; i < digits.size(); i++) sequential.add(augmenter.apply(digits.get(i), Augmenter.randomFor(2, 3, i)));
        List<InkImage> parallel = IntStream.range(0, digits.size()).parallel()
                .mapToObj(i -> augmenter.apply(digits.get(i), Augmenter.randomFor(2, 3, i))).toList();
        assertEquals(sequential, parallel);
    }

    @Test
    void rotationTurnsTheInksPrincipalAxisByTheAngle() {
        InkImage bar = MnistInk.bar(60, 6);
        assertEquals(0, MnistInk.principalAxisDegrees(bar), 1e-9);
        Augmenter augmenter = new Augmenter(ALWAYS, FIT);
        for (double degrees : new double[] {20, -35, 60}) {
            Distortion turn = new Distortion(Math.toRadians(degrees), 1, 1, 0, 0, 0, 0, 0, false, 0, 0, 0, 0);
            InkImage turned = augmenter.distort(bar, turn, new SplittableRandom(1), new SplittableRandom(2));
            // Positive angles turn clockwise on screen, which is towards +y.
            assertEquals(degrees, MnistInk.principalAxisDegrees(turned), 1.0, "turned by " + degrees + "°");
        }
    }

    @Test
    void randomRotationStaysWithinItsRange() {
        InkImage bar = MnistInk.bar(60, 6);
        Augmenter augmenter = new Augmenter(ALWAYS.toBuilder().rotationDegrees(15).build(), FIT);
        double min = 90;
        double max = -90;
        for (int i = 0; i < 100; i++) {
            double angle = MnistInk.principalAxisDegrees(augmenter.apply(bar, Augmenter.randomFor(6, 0, i)));
            min = Math.min(min, angle);
            max = Math.max(max, angle);
        }
        assertTrue(min > -16 && max < 16 && min < -12 && max > 12, "angles from " + min + " to " + max);
    }

    @Test
    void thickeningAddsInkAndThinningRemovesSomeButNeverAll() {
        Augmenter augmenter = new Augmenter(ALWAYS, FIT);
        for (int i = 0; i < digits.size(); i++) {
            InkImage ink = digits.get(i);
            double original = MnistInk.mass(AS_DRAWN.toGlyph(ink));
            double thicker = MnistInk.mass(AS_DRAWN.toGlyph(augmenter.distort(ink, strokes(1.5), null, null)));
            double thinner = MnistInk.mass(AS_DRAWN.toGlyph(augmenter.distort(ink, strokes(-1), null, null)));
            double thinnest = MnistInk.mass(AS_DRAWN.toGlyph(augmenter.distort(ink, strokes(-8), null, null)));
            String masses = "digit " + i + ": " + original + " -> thicker " + thicker + ", thinner " + thinner + ", thinnest " + thinnest;
            // A 1.5-pixel change on strokes about 2.5 pixels wide (with their soft rim).
            assertTrue(thicker > 1.15 * original, masses);
            assertTrue(thinner < 0.85 * original, masses);
            // Thinning stops at 0.3 of the mean stroke width, whatever was asked for (and thin
            // digits reach that limit already at −1).
            assertTrue(thinnest <= thinner && thinnest > 0.15 * original, masses);
        }
    }

    /** A distortion that only changes the stroke width, by {@code change} glyph pixels. */
    private static Distortion strokes(double change) {
        return new Distortion(0, 1, 1, 0, 0, 0, change, 0, false, 0, 0, 0, 0);
    }

    @Test
    void noiseHasTheRequestedStandardDeviationOnTheInk() {
        InkImage ink = digits.get(4);
        Augmenter clean = new Augmenter(ALWAYS, FIT);
        Augmenter noisy = new Augmenter(ALWAYS.toBuilder().noise(0.05).build(), FIT);
        float[] a = clean.distort(ink, Distortion.IDENTITY, new SplittableRandom(1), new SplittableRandom(2)).data();
        InkImage noisyInk = noisy.distort(ink, Distortion.IDENTITY, new SplittableRandom(1), new SplittableRandom(2));
        float[] b = noisyInk.data();
        assertEquals(a.length, b.length);
        double sum = 0;
        double sumOfSquares = 0;
        int count = 0;
        for (int i = 0; i < a.length; i++) {
            // Away from the clipping at 0 (and the floor) and at 1.
            if (a[i] < 0.3f || a[i] > 0.7f) continue;
            double d = b[i] - a[i];
            sum += d;
            sumOfSquares += d * d;
            count++;
        }
        double mean = sum / count;
        double std = Math.sqrt(sumOfSquares / count - mean * mean);
        assertTrue(count > 50, "pixels " + count);
        assertEquals(0.05, std, 0.01, "noise over " + count + " pixels");
        assertEquals(0, mean, 0.01);
        for (int i = 0; i < a.length; i++) {
            if (a[i] == 0f) assertEquals(0f, b[i], "paper at " + i + " stays paper");
        }
    }

    @Test
    void aSpeckAddsInkInsideTheBoundingBox() {
        Augmenter augmenter = new Augmenter(ALWAYS, FIT);
        InkImage ink = digits.get(1); // a 1: narrow, with paper beside the stroke
        int added = 0;
        for (int i = 0; i < 20; i++) {
            Random r = new Random(i);
            Distortion speck = new Distortion(0, 1, 1, 0, 0, 0, 0, 0, true, r.nextDouble(), r.nextDouble(), 1.5, 1);
            InkImage plain = augmenter.distort(ink, Distortion.IDENTITY, null, null);
            InkImage specked = augmenter.distort(ink, speck, null, null);
            assertTrue(MnistInk.mass(specked) >= MnistInk.mass(plain) - 1e-3);
            if (MnistInk.mass(specked) > MnistInk.mass(plain) + 1) added++;
        }
        assertTrue(added > 5, "specks that added ink: " + added);
    }

    @Test
    void defaultAugmentationOfRealDigitsStaysInRangeAndKeepsInk() {
        List<InkImage> many = MnistInk.firstOfEachDigit(20);
        Augmenter augmenter = new Augmenter(AugmentSettings.DEFAULT.toBuilder().probability(1).build(), FIT);
        for (int i = 0; i < many.size(); i++) {
            InkImage out = augmenter.apply(Augmenter.toWorkingSize(many.get(i), FIT), Augmenter.randomFor(8, 0, i));
            float max = 0f;
            for (float v : out.data()) {
                assertTrue(v >= 0f && v <= 1f, "digit " + i + ": ink " + v);
                max = Math.max(max, v);
            }
            assertTrue(max > 0.3f, "digit " + i + " kept too little ink: " + out);
            Glyph glyph = AS_DRAWN.toGlyph(out);
            assertNotEquals(Glyph.blank(), glyph);
        }
    }

    @Test
    void randomForDependsOnlyOnItsArguments() {
        Map<String, Long> forward = new HashMap<>();
        List<int[]> pairs = new ArrayList<>();
        for (int epoch = 0; epoch < 10; epoch++) {
            for (int index = 0; index < 300; index++) {
                pairs.add(new int[] {epoch, index});
                forward.put(epoch + "/" + index, Augmenter.randomFor(42, epoch, index).nextLong());
            }
        }
        Collections.shuffle(pairs, new Random(1));
        Set<Long> distinct = new HashSet<>();
        for (int[] p : pairs) {
            long value = Augmenter.randomFor(42, p[0], p[1]).nextLong();
            assertEquals(forward.get(p[0] + "/" + p[1]), value);
            distinct.add(value);
        }
        assertEquals(pairs.size(), distinct.size(), "every sample and epoch has its own stream");
        assertNotEquals(Augmenter.randomFor(42, 0, 0).nextLong(), Augmenter.randomFor(43, 0, 0).nextLong());
        assertNotEquals(Augmenter.randomFor(42, 1, 0).nextLong(), Augmenter.randomFor(42, 0, 1).nextLong());
    }

    @Test
    void randomForRejectsNegativeEpochsAndIndices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Augmenter.randomFor(1, -2, 0));
        assertTrue(e.getMessage().contains("epoch") && e.getMessage().contains("-2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Augmenter.randomFor(1, 0, -7));
        assertTrue(e.getMessage().contains("sampleIndex") && e.getMessage().contains("-7"), e.getMessage());
    }

    @Test
    void toWorkingSizeShrinksLargeInkAndKeepsSmallInk() {
        float[] data = new float[300 * 120];
        for (int y = 50; y < 70; y++) for (int x = 10; x < 290; x++) data[y * 300 + x] = 1f;
        InkImage large = InkImage.of(300, 120, data);
        InkImage stored = Augmenter.toWorkingSize(large, FIT);
        assertEquals(Augmenter.WORK_SCALE * FIT, stored.width());
        assertEquals((int) Math.ceil(120.0 * stored.width() / 300), stored.height());
        double scale = (double) stored.width() / 300;
        assertEquals(MnistInk.mass(large) * scale * scale, MnistInk.mass(stored), 1e-3 * MnistInk.mass(stored));
        InkImage small = digits.get(0);
        assertSame(small, Augmenter.toWorkingSize(small, FIT));
    }

    @Test
    void fitSizeIsChecked() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Augmenter(AugmentSettings.DEFAULT, 0));
        assertTrue(e.getMessage().contains("fitSize") && e.getMessage().contains("0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Augmenter.toWorkingSize(digits.get(0), 21));
        assertTrue(e.getMessage().contains("21"), e.getMessage());
    }
}

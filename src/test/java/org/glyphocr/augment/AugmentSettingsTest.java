package org.glyphocr.augment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class AugmentSettingsTest {
    @Test
    void defaultSwitchesEveryTransformOnAndNoneSwitchesThemOff() {
        AugmentSettings d = AugmentSettings.DEFAULT;
        assertFalse(d.isIdentity());
        for (double strength : new double[] {d.probability(), d.rotationDegrees(), d.scaling(), d.shear(), d.translate(),
                d.elasticAlpha(), d.elasticSigma(), d.strokeWidthChange(), d.blurSigma(), d.noise(), d.speckProbability()}) {
            assertTrue(strength > 0, d.toString());
        }
        assertTrue(AugmentSettings.NONE.isIdentity());
        assertTrue(d.toBuilder().probability(0).build().isIdentity());
    }

    @Test
    void buildersStartFromTheirSettingsAndChangeOneField() {
        assertEquals(AugmentSettings.DEFAULT, AugmentSettings.builder().build());
        assertEquals(AugmentSettings.NONE, AugmentSettings.NONE.toBuilder().build());
        AugmentSettings s = AugmentSettings.NONE.toBuilder().strokeWidthChange(1.5).build();
        assertEquals(1.5, s.strokeWidthChange());
        assertEquals(AugmentSettings.NONE.probability(), s.probability());
        assertFalse(s.isIdentity());
    }

    @Test
    void toStringNamesEveryFieldForProvenance() {
        String text = AugmentSettings.DEFAULT.toString();
        for (String field : new String[] {"probability=0.9", "rotationDegrees=", "scaling=", "shear=", "translate=",
                "elasticAlpha=", "elasticSigma=", "strokeWidthChange=", "blurSigma=", "noise=", "speckProbability="}) {
            assertTrue(text.contains(field), text);
        }
    }

    @Test
    void outOfRangeValuesAreRefusedNamingTheFieldAndValue() {
        assertRefused("probability", "1.5", b -> b.probability(1.5));
        assertRefused("probability", "NaN", b -> b.probability(Double.NaN));
        assertRefused("rotationDegrees", "-1.0", b -> b.rotationDegrees(-1));
        assertRefused("rotationDegrees", "181.0", b -> b.rotationDegrees(181));
        assertRefused("scaling", "0.95", b -> b.scaling(0.95));
        assertRefused("shear", "Infinity", b -> b.shear(Double.POSITIVE_INFINITY));
        assertRefused("translate", "-0.1", b -> b.translate(-0.1));
        assertRefused("elasticAlpha", "11.0", b -> b.elasticAlpha(11));
        assertRefused("elasticSigma", "0.0", b -> b.elasticSigma(0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AugmentSettings.builder().elasticAlpha(5).elasticSigma(0.1).build());
        assertTrue(e.getMessage().contains("elasticAlpha") && e.getMessage().contains("5.0")
                && e.getMessage().contains("elasticSigma 0.1"), e.getMessage());
        assertRefused("strokeWidthChange", "-2.0", b -> b.strokeWidthChange(-2));
        assertRefused("blurSigma", "5.0", b -> b.blurSigma(5));
        assertRefused("noise", "2.0", b -> b.noise(2));
        assertRefused("speckProbability", "-0.5", b -> b.speckProbability(-0.5));
    }

    private static void assertRefused(String field, String value, Consumer<AugmentSettings.Builder> change) {
        AugmentSettings.Builder builder = AugmentSettings.builder();
        change.accept(builder);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);
        assertTrue(e.getMessage().startsWith(field + " must be") && e.getMessage().endsWith("was " + value), e.getMessage());
    }
}

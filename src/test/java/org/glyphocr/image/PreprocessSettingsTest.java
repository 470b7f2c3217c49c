package org.glyphocr.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class PreprocessSettingsTest {
    @Test
    void defaultsAreTheDocumentedValues() {
        PreprocessSettings s = PreprocessSettings.DEFAULT;
        assertEquals(Polarity.AUTO, s.polarity());
        assertEquals(16, s.fitSize());
        assertTrue(s.centerOfMass());
        assertTrue(s.deskew());
        assertEquals(0.02, s.speckleFraction());
        assertEquals(2, s.minComponentPixels());
        assertTrue(s.normalizeContrast());
        assertEquals(0.95, s.contrastPercentile());
        assertEquals(0.03, s.minContrast());
        assertEquals(PreprocessSettings.DEFAULT, PreprocessSettings.builder().build());
    }

    @Test
    void toBuilderChangesOnlyWhatIsSet() {
        PreprocessSettings s = PreprocessSettings.DEFAULT.toBuilder().fitSize(16).polarity(Polarity.DARK_ON_LIGHT).build();
        assertEquals(16, s.fitSize());
        assertEquals(Polarity.DARK_ON_LIGHT, s.polarity());
        assertEquals(PreprocessSettings.DEFAULT.deskew(), s.deskew());
        assertEquals(s, s.toBuilder().build());
    }

    private static void assertRejected(UnaryOperator<PreprocessSettings.Builder> change, String field, String value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> change.apply(PreprocessSettings.builder()).build());
        assertTrue(e.getMessage().startsWith(field) && e.getMessage().endsWith(value), e.getMessage());
    }

    @Test
    void outOfRangeValuesAreRejectedNamingFieldAndValue() {
        assertRejected(b -> b.fitSize(0), "fitSize", "0");
        assertRejected(b -> b.fitSize(21), "fitSize", "21");
        assertRejected(b -> b.speckleFraction(-0.1), "speckleFraction", "-0.1");
        assertRejected(b -> b.speckleFraction(Double.NaN), "speckleFraction", "NaN");
        assertRejected(b -> b.minComponentPixels(0), "minComponentPixels", "0");
        assertRejected(b -> b.contrastPercentile(0), "contrastPercentile", "0.0");
        assertRejected(b -> b.contrastPercentile(1.5), "contrastPercentile", "1.5");
        assertRejected(b -> b.minContrast(1), "minContrast", "1.0");
        assertRejected(b -> b.minContrast(0), "minContrast", "0.0");
    }

    @Test
    void polarityIsRequired() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> PreprocessSettings.builder().polarity(null));
        assertEquals("polarity", e.getMessage());
    }
}

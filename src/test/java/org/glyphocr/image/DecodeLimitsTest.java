package org.glyphocr.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DecodeLimitsTest {
    @Test
    void defaultsAreFortyMegapixelsAndSixtyFourMebibytes() {
        assertEquals(40_000_000L, DecodeLimits.DEFAULT.maxPixels());
        assertEquals(64L << 20, DecodeLimits.DEFAULT.maxFileBytes());
        assertEquals(DecodeLimits.DEFAULT, ImageDecoder.DEFAULT.limits());
    }

    @Test
    void nonPositiveLimitsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new DecodeLimits(0, 10));
        assertTrue(e.getMessage().contains("maxPixels") && e.getMessage().endsWith("0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new DecodeLimits(10, -1));
        assertTrue(e.getMessage().contains("maxFileBytes") && e.getMessage().endsWith("-1"), e.getMessage());
    }

    @Test
    void fileLimitMustFitInAnArray() {
        assertThrows(IllegalArgumentException.class, () -> new DecodeLimits(10, DecodeLimits.MAX_FILE_BYTES + 1));
    }
}

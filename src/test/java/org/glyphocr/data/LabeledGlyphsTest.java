package org.glyphocr.data;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LabeledGlyphsTest {
    @Test
    void loadsAllSevenThousandDigitsWithAStableHash() {
        LabeledGlyphs digits = TestDigits.all();
        assertEquals(7000, digits.size());
        assertEquals("0 1 2 3 4 5 6 7 8 9", digits.alphabet().toString());
        assertEquals(64, digits.sha256().length());
    }

    @Test
    void splitIsStratifiedDisjointAndRepeatable() {
        LabeledGlyphs data = TestDigits.firstOfEachClass(100);
        LabeledGlyphs.Split a = data.split(0.2, 0.3, 9);
        LabeledGlyphs.Split b = data.split(0.2, 0.3, 9);
        assertArrayEquals(new int[]{50, 50, 50, 50, 50, 50, 50, 50, 50, 50}, a.train().classCounts());
        assertArrayEquals(new int[]{20, 20, 20, 20, 20, 20, 20, 20, 20, 20}, a.validation().classCounts());
        assertArrayEquals(new int[]{30, 30, 30, 30, 30, 30, 30, 30, 30, 30}, a.test().classCounts());
        Set<String> seen = new HashSet<>();
        for (LabeledGlyphs part : new LabeledGlyphs[]{a.train(), a.validation(), a.test()}) {
            for (int i = 0; i < part.size(); i++) assertTrue(seen.add(part.source(i)), "in two parts: " + part.source(i));
        }
        for (int i = 0; i < a.test().size(); i++) assertEquals(a.test().source(i), b.test().source(i));
        LabeledGlyphs.Split other = data.split(0.2, 0.3, 10);
        boolean differs = false;
        for (int i = 0; i < a.test().size(); i++) differs |= !a.test().source(i).equals(other.test().source(i));
        assertTrue(differs, "another seed should hold out other samples");
    }

    @Test
    void fractionsThatLeaveNothingToTrainOnAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LabeledGlyphs.checkFractions(0.5, 0.5));
        assertTrue(e.getMessage().contains("0.5 + 0.5"), e.getMessage());
    }
}

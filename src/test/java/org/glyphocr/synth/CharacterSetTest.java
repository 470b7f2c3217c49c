package org.glyphocr.synth;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CharacterSetTest {
    @Test
    void namesCombine() {
        assertEquals(10, CharacterSet.parse("digits").characters().size());
        assertEquals(62, CharacterSet.parse("latin").characters().size());
        assertEquals(52 + 10, CharacterSet.parse("letters, digits").characters().size());
        assertEquals(List.of("A", "B"), CharacterSet.parse("upper").characters().subList(0, 2));
    }

    @Test
    void otherTextIsTheCharactersThemselvesOnceEachWithoutSpaces() {
        assertEquals(List.of("0", "1", "k", "W", "h"), CharacterSet.parse("0 1 1 kWh").characters());
        // A comma is a character when the parts are not all names.
        assertEquals(List.of("A", ",", "B"), CharacterSet.parse("A,B").characters());
        // One code point each, outside the Basic Multilingual Plane too.
        assertEquals(List.of("ß", "€", "𝔄"), CharacterSet.parse("ß€𝔄").characters());
    }

    @Test
    void foldersAreNamedByCodePointSoCaseNeverCollides() {
        assertEquals("u0041", CharacterSet.folderName("A"));
        assertEquals("u0061", CharacterSet.folderName("a"));
        assertEquals("u1d504", CharacterSet.folderName("𝔄"));
    }

    @Test
    void anEmptySetSaysWhatIsAccepted() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CharacterSet.parse("   "));
        assertTrue(e.getMessage().contains("digits, upper, lower, letters, latin, punctuation"), e.getMessage());
    }
}

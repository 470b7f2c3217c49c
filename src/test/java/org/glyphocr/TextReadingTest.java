package org.glyphocr;

import org.glyphocr.image.TextLines;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TextReadingTest {
    private static final Set<String> ALPHABET = Set.of("c", "C", "o", "O", "p", "P", "k", "K", "'", ",", "i", "x", "H");

    private static TextLines.Character at(int x, int top, int height) {
        return new TextLines.Character(new TextLines.Box(x, top, 20, height), false);
    }

    /** Baseline at y = 100: capitals 28 px tall, x-height 20 px, descenders to 107. */
    private static final TextReading.LineMetrics LINE = TextReading.LineMetrics.of(new TextLines.Line(new TextLines.Box(0, 60, 400, 47),
            List.of(at(0, 72, 28), at(30, 80, 20), at(60, 80, 20), at(90, 72, 28), at(120, 80, 20), at(150, 80, 27))));

    @Test
    void measuresTheBaselineAndTheFullHeight() {
        assertEquals(100, LINE.baseline());
        assertEquals(28, LINE.fullHeight());
    }

    @Test
    void sizeAndPlaceTellLookAlikesApart() {
        assertEquals("c", LINE.byPlace("C", new TextLines.Box(0, 80, 20, 20), ALPHABET));
        assertEquals("O", LINE.byPlace("o", new TextLines.Box(0, 72, 20, 28), ALPHABET));
        assertEquals("p", LINE.byPlace("P", new TextLines.Box(0, 80, 20, 27), ALPHABET)); // hangs below the baseline
        assertEquals("P", LINE.byPlace("p", new TextLines.Box(0, 72, 20, 28), ALPHABET)); // stands on it
        assertEquals("k", LINE.byPlace("k", new TextLines.Box(0, 72, 20, 28), ALPHABET)); // size cannot tell
        assertEquals("'", LINE.byPlace(",", new TextLines.Box(0, 72, 5, 8), ALPHABET));
        assertEquals(",", LINE.byPlace("'", new TextLines.Box(0, 96, 5, 9), ALPHABET));
        assertEquals("'", LINE.byPlace("i", new TextLines.Box(0, 72, 4, 9), ALPHABET)); // a short stroke floating high
        assertEquals("i", LINE.byPlace("i", new TextLines.Box(0, 72, 4, 28), ALPHABET));
        assertEquals(",", LINE.byPlace(")", new TextLines.Box(0, 94, 4, 11), ALPHABET)); // a stroke low in the line
        assertEquals("x", LINE.byPlace("x", new TextLines.Box(0, 72, 20, 28), Set.of("x"))); // no X in the alphabet: kept
    }

    private static Recognition read(Object... labelsAndProbabilities) {
        List<Candidate> candidates = new java.util.ArrayList<>();
        for (int i = 0; i < labelsAndProbabilities.length; i += 2) {
            candidates.add(new Candidate((String) labelsAndProbabilities[i], (Double) labelsAndProbabilities[i + 1]));
        }
        return new Recognition(candidates);
    }

    @Test
    void aWordsFiguresAndLettersDecideItsDoubtfulCharacters() {
        Recognition ell = read("l", 0.55, "1", 0.35, "I", 0.1);
        List<Recognition> number = List.of(ell, read("3", 1.0), read("6", 1.0), ell); // 1361 read as l36l
        assertEquals("1", TextReading.byWord(number, 0));
        assertEquals("1", TextReading.byWord(number, 3));
        assertEquals("3", TextReading.byWord(number, 1));
        Recognition zero = read("0", 0.6, "O", 0.3, "o", 0.1);
        List<Recognition> word = List.of(read("N", 1.0), zero, read("w", 0.99, "W", 0.01)); // N0w
        assertEquals("O", TextReading.byWord(word, 1));
        // Without doubt, or without a clear context, the best candidate stands.
        assertEquals("l", TextReading.byWord(List.of(read("a", 1.0), read("l", 0.99, "I", 0.01), ell), 1));
        assertEquals("4", TextReading.byWord(List.of(read("A", 1.0), read("4", 0.9, "A", 0.1)), 1)); // A4: one letter is no word
        assertEquals("l", TextReading.byWord(List.of(read("7", 1.0), read("l", 0.999, "1", 0.001)), 1));
        assertEquals(",", TextReading.byWord(List.of(read("7", 1.0), read(",", 0.6, "1", 0.4)), 1));
    }

    @Test
    void aWordsCaseTellsLFromI() {
        Set<String> alphabet = Set.of("l", "I", "a", "T", "L", "o", "O");
        Recognition ell = read("I", 0.6, "l", 0.4);
        assertEquals("l", TextReading.lOrI("I", List.of(read("a", 1.0), ell, ell), 1, alphabet)); // all
        assertEquals("l", TextReading.lOrI("I", List.of(read("a", 1.0), ell, ell), 2, alphabet));
        assertEquals("I", TextReading.lOrI("l", List.of(read("T", 1.0), ell, read("L", 1.0)), 1, alphabet)); // TIL
        assertEquals("I", TextReading.lOrI("I", List.of(ell, read("a", 1.0)), 0, alphabet)); // at a word's start: the network's
        assertEquals("l", TextReading.lOrI("l", List.of(read("O", 1.0), ell), 1, alphabet)); // O/o shows no case
        assertEquals("I", TextReading.lOrI("I", List.of(read("a", 1.0), ell), 1, Set.of("I", "a"))); // no l in the alphabet
    }
}

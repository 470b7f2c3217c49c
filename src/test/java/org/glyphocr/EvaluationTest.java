package org.glyphocr;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EvaluationTest {
    @Test
    void foldingCaseForgivesOnlySameShapePairs() {
        // Rows: truth; columns: reading. 10 o, 10 O, 10 a, 10 l.
        Evaluation e = new Evaluation(List.of("o", "O", "a", "l", "I"), new int[][] {
                {6, 3, 1, 0, 0},   // o: 3 read as O (forgiven), 1 as a (not)
                {2, 8, 0, 0, 0},   // O: 2 read as o (forgiven)
                {0, 4, 6, 0, 0},   // a: 4 read as O (not)
                {0, 0, 0, 5, 5},   // l: 5 read as I (forgiven)
                {0, 0, 0, 0, 0}});
        assertEquals(25, e.correct());
        assertEquals(35, e.correctFoldingCase());
        assertEquals(25 / 40.0, e.accuracy());
        assertEquals(35 / 40.0, e.accuracyFoldingCase());
        assertTrue(Evaluation.sameShape("x", "X") && Evaluation.sameShape("I", "l"));
        assertFalse(Evaluation.sameShape("a", "A") || Evaluation.sameShape("0", "O") || Evaluation.sameShape("i", "I"));
    }
}

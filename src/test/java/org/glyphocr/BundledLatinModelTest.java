package org.glyphocr;

import org.glyphocr.model.Model;
import org.glyphocr.synth.CharacterSet;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bundled latin model reading the printed lines of {@code testdata/printed-lines}: the whole of
 * {@code read}, from layout to the word's context. Its accuracy on fonts it never saw is a
 * benchmark ({@code src/bench/latin-leave-fonts-out.sh}); these lines are in fonts it trained on,
 * and pin that reading them stays within the error rates.
 */
class BundledLatinModelTest {
    @Test
    void knowsLettersFiguresAndPunctuation() {
        Model model = Models.latin();
        assertEquals(Set.copyOf(CharacterSet.parse("latin,punctuation").characters()), Set.copyOf(model.alphabet().labels()));
    }

    @Test
    void readsCleanLinesWithAtMostOnePercentOfCharactersWrong() throws IOException {
        assertTrue(characterErrorRate("clean") <= 0.01);
    }

    @Test
    void readsDegradedLinesWithAtMostTwoPercentOfCharactersWrong() throws IOException {
        assertTrue(characterErrorRate("degraded") <= 0.02);
    }

    /** Edits (insertions, deletions, substitutions) from the truth to what was read, over the truth's length. */
    private static double characterErrorRate(String set) throws IOException {
        List<Path> images;
        try (Stream<Path> files = Files.list(Path.of("testdata/printed-lines", set))) {
            images = files.filter(p -> p.toString().endsWith(".png")).sorted().toList();
        }
        assertEquals(16, images.size());
        int edits = 0;
        int length = 0;
        List<String> misread = new ArrayList<>();
        try (Recognizer recognizer = Recognizer.of(Models.latin())) {
            for (Path image : images) {
                String truth = Files.readString(Path.of(image.toString().replace(".png", ".txt")), StandardCharsets.UTF_8).strip();
                String read = TextReading.read(recognizer, ImageIO.read(image.toFile()), 0).text();
                int d = levenshtein(truth, read);
                if (d > 0) misread.add(truth + " -> " + read);
                edits += d;
                length += truth.length();
            }
        }
        double rate = edits / (double) length;
        System.out.printf("%s lines: character error rate %.2f%% (%d of %d)%s%n", set, 100 * rate, edits, length,
                misread.isEmpty() ? "" : "; misread: " + misread);
        return rate;
    }

    private static int levenshtein(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) previous[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}

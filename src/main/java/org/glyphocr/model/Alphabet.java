package org.glyphocr.model;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The labels a model tells apart, in output order: class {@code i} is {@code labels().get(i)}.
 * A label is any non-empty string without control characters, usually one character ({@code "7"},
 * {@code "ä"}, {@code "€"}), sometimes a name ({@code "space"}).
 *
 * @param labels distinct labels, at least one (a model needs two; a dataset may hold one class); copied
 */
public record Alphabet(List<String> labels) {
    public Alphabet {
        labels = List.copyOf(labels);
        if (labels.isEmpty()) throw new IllegalArgumentException("an alphabet needs at least one label");
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < labels.size(); i++) {
            String label = labels.get(i);
            if (label.isEmpty()) throw new IllegalArgumentException("label " + i + " is empty");
            if (label.codePoints().anyMatch(Character::isISOControl)) {
                throw new IllegalArgumentException("label " + i + " contains a control character: " + label.codePoints().boxed().toList());
            }
            Integer previous = seen.put(label, i);
            if (previous != null) throw new IllegalArgumentException("label '" + label + "' appears twice, at " + previous + " and " + i);
        }
    }

    /** An alphabet of the given labels, e.g. {@code Alphabet.of("0", "1", "2")}. */
    public static Alphabet of(String... labels) {
        return new Alphabet(List.of(labels));
    }

    public int size() {
        return labels.size();
    }

    public String label(int index) {
        return labels.get(index);
    }

    /** The index of a label, or -1 when the alphabet does not have it. */
    public int indexOf(String label) {
        return labels.indexOf(label);
    }

    @Override
    public String toString() {
        return String.join(" ", labels);
    }
}

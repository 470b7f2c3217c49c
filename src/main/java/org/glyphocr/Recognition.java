package org.glyphocr;

import java.util.List;

/**
 * What a {@link Recognizer} read in one image: every label of the alphabet with its probability,
 * highest first. An image without ink is a distinct result: {@link #isBlank()} is true, there are
 * no candidates, {@link #label()} is the empty string and {@link #probability()} is 0. A reading
 * whose best probability fell under the recognizer's reject threshold
 * ({@link Recognizer.Builder#rejectBelow}) is {@link #isRejected() rejected}: its label is
 * {@link #UNKNOWN} instead of a guess, and the candidates are still there to inspect.
 *
 * @param candidates every label with its probability, highest first; empty for a blank image
 * @param rejected whether the best probability fell under the reject threshold
 */
public record Recognition(List<Candidate> candidates, boolean rejected) {
    /** The result for an image without ink. */
    public static final Recognition BLANK = new Recognition(List.of());
    /** The label of a rejected reading: U+FFFD, the replacement character. */
    public static final String UNKNOWN = "\uFFFD";

    public Recognition {
        candidates = List.copyOf(candidates);
        if (rejected && candidates.isEmpty()) throw new IllegalArgumentException("a blank reading cannot be rejected");
    }

    /** A reading that is not rejected. */
    public Recognition(List<Candidate> candidates) {
        this(candidates, false);
    }

    /** True when the image held no ink, so nothing was recognised. */
    public boolean isBlank() {
        return candidates.isEmpty();
    }

    /** True when the best label was less probable than the recognizer's reject threshold. */
    public boolean isRejected() {
        return rejected;
    }

    /** The most probable label; {@link #UNKNOWN} if rejected, the empty string for a blank image. */
    public String label() {
        if (isBlank()) return "";
        return rejected ? UNKNOWN : candidates.get(0).label();
    }

    /** The most probable label's probability (also for a rejected reading); 0 for a blank image. */
    public double probability() {
        return isBlank() ? 0 : candidates.get(0).probability();
    }

    /**
     * The {@code k} most probable candidates, highest first (fewer if the alphabet is smaller).
     *
     * @throws IllegalArgumentException if {@code k < 1}
     */
    public List<Candidate> topK(int k) {
        if (k < 1) throw new IllegalArgumentException("k must be >= 1, was " + k);
        return candidates.subList(0, Math.min(k, candidates.size()));
    }

    @Override
    public String toString() {
        if (isBlank()) return "Recognition[blank]";
        return String.format(java.util.Locale.ROOT, "Recognition[%s %.4f%s]", candidates.get(0).label(), probability(),
                rejected ? ", rejected" : "");
    }
}

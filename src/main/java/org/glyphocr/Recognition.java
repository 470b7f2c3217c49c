package org.glyphocr;

import java.util.List;

/**
 * What a {@link Recognizer} read in one image: every label of the alphabet with its probability,
 * highest first. An image without ink is a distinct result: {@link #isBlank()} is true, there are
 * no candidates, {@link #label()} is the empty string and {@link #probability()} is 0.
 *
 * @param candidates every label with its probability, highest first; empty for a blank image
 */
public record Recognition(List<Candidate> candidates) {
    /** The result for an image without ink. */
    public static final Recognition BLANK = new Recognition(List.of());

    public Recognition {
        candidates = List.copyOf(candidates);
    }

    /** True when the image held no ink, so nothing was recognised. */
    public boolean isBlank() {
        return candidates.isEmpty();
    }

    /** The most probable label; the empty string for a blank image. */
    public String label() {
        return isBlank() ? "" : candidates.get(0).label();
    }

    /** The most probable label's probability; 0 for a blank image. */
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
        return isBlank() ? "Recognition[blank]" : String.format(java.util.Locale.ROOT, "Recognition[%s %.4f]", label(), probability());
    }
}

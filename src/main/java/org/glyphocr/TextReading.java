package org.glyphocr;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.glyphocr.image.Glyph;
import org.glyphocr.image.TextLines;

/**
 * What {@link #read} found in an image of printed text: its lines, each character with its box and
 * confidence, and the text they spell.
 *
 * <pre>{@code
 * try (Recognizer recognizer = Recognizer.of(Models.named("latin.gocr"))) {
 *     TextReading reading = TextReading.read(recognizer, ImageIO.read(new File("line.png")), 0.5);
 *     System.out.println(reading.text());
 * }
 * }</pre>
 *
 * @param lines top to bottom
 */
public record TextReading(List<Line> lines) {
    /** Stands for a character read with less confidence than the caller asked for. */
    public static final String UNKNOWN = "\uFFFD";

    /**
     * One character as read.
     *
     * @param text the label, or {@link #UNKNOWN}
     * @param box where it is in the (levelled) image
     * @param confidence the probability of the best label, in [0, 1]
     * @param spaceBefore whether a word space comes before it
     */
    public record Character(String text, TextLines.Box box, double confidence, boolean spaceBefore) {
    }

    /** One line: its box and its characters, left to right. */
    public record Line(TextLines.Box box, List<Character> characters) {
        public Line {
            characters = List.copyOf(characters);
        }

        /** The characters' text, with a space for each word space. */
        public String text() {
            StringBuilder sb = new StringBuilder();
            for (Character c : characters) {
                if (c.spaceBefore()) sb.append(' ');
                sb.append(c.text());
            }
            return sb.toString();
        }
    }

    public TextReading {
        lines = List.copyOf(lines);
    }

    /** The lines' text, joined by newlines. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        for (Line l : lines) {
            if (sb.length() > 0) sb.append('\n');
            sb.append(l.text());
        }
        return sb.toString();
    }

    /**
     * Reads the printed text in {@code image}: levels it ({@link TextLines#findLevelled}), finds the
     * lines and characters ({@link TextLines}), cuts out each character with a margin and
     * recognizes it, all characters in one batch. Boxes are in the levelled image, which is the
     * image itself when it was level.
     *
     * @param minConfidence characters read with a lower probability come back as {@link #UNKNOWN};
     *     0 to always take the best guess
     */
    public static TextReading read(Recognizer recognizer, BufferedImage image, double minConfidence) {
        Objects.requireNonNull(recognizer, "recognizer");
        if (!(minConfidence >= 0 && minConfidence <= 1)) throw new IllegalArgumentException("minConfidence must be in [0, 1], was " + minConfidence);
        TextLines.Levelled levelled = TextLines.findLevelled(image);
        image = levelled.image();
        List<TextLines.Line> layout = levelled.lines();
        List<Glyph> glyphs = new ArrayList<>();
        List<Boolean> blank = new ArrayList<>();
        for (TextLines.Line line : layout) {
            for (TextLines.Character c : line.characters()) {
                Optional<Glyph> g = recognizer.preprocess(TextLines.isolated(image, c.box()));
                blank.add(g.isEmpty());
                glyphs.add(g.orElse(Glyph.blank()));
            }
        }
        List<Recognition> recognitions = new ArrayList<>(recognizer.recognizeGlyphs(glyphs));
        for (int i = 0; i < blank.size(); i++) if (blank.get(i)) recognitions.set(i, Recognition.BLANK);
        Set<String> alphabet = new HashSet<>(recognizer.model().alphabet().labels());
        List<Line> lines = new ArrayList<>();
        int k = 0;
        for (TextLines.Line line : layout) {
            LineMetrics metrics = LineMetrics.of(line);
            List<Character> characters = new ArrayList<>();
            for (TextLines.Character c : line.characters()) {
                Recognition r = recognitions.get(k++);
                boolean known = !r.isBlank() && r.probability() >= minConfidence;
                String text = known ? metrics.byPlace(r.label(), c.box(), alphabet) : UNKNOWN;
                characters.add(new Character(text, c.box(), r.isBlank() ? 0 : r.probability(), c.spaceBefore()));
            }
            lines.add(new Line(line.box(), characters));
        }
        return new TextReading(lines);
    }

    /**
     * Where a line's characters sit: the baseline (the median bottom) and the full height (the 90th
     * percentile of the heights of characters standing on the baseline, so ascenders and capitals
     * rather than x-height letters). Letters that look the same once scaled to the glyph frame are
     * told apart by these: a same-shape letter (c/C, o/O, s/S, ...) under {@value #SMALL_LETTER_SHARE}
     * of the full height is lower case (p: one that hangs below the baseline; k/K and l/I are left
     * to the network); a comma or apostrophe is one or the other by whether its centre lies below
     * or above the middle of the full height, and a short stroke wholly above that middle (read as
     * i, l, I, 1, | or !) is an apostrophe.
     */
    record LineMetrics(double baseline, double fullHeight) {
        /** The x-height of Latin type is 0.65–0.75 of its cap height: halfway to 1. */
        static final double SMALL_LETTER_SHARE = 0.85;
        /** Labels that are a short upright stroke once scaled up: an apostrophe that floats high is read as one of them. */
        static final Set<String> STROKES = Set.of("i", "l", "I", "1", "|", "!");
        /** Descenders reach a fifth to a third of the cap height below the baseline. */
        static final double DESCENDER_SHARE = 0.1;

        static LineMetrics of(TextLines.Line line) {
            double[] bottoms = line.characters().stream().mapToDouble(c -> c.box().bottom()).sorted().toArray();
            double[] heights = line.characters().stream().mapToDouble(c -> c.box().height()).sorted().toArray();
            double baseline = bottoms[bottoms.length / 2];
            double typical = heights[heights.length / 2];
            double[] standing = line.characters().stream().filter(c -> Math.abs(c.box().bottom() - baseline) <= 0.1 * typical)
                    .mapToDouble(c -> c.box().height()).sorted().toArray();
            double full = standing.length == 0 ? typical : standing[Math.min(standing.length - 1, (int) (0.9 * standing.length))];
            return new LineMetrics(baseline, full);
        }

        /** {@code label}, or its look-alike that the character's size and place in the line call for. */
        String byPlace(String label, TextLines.Box box, Set<String> alphabet) {
            boolean floating = box.bottom() < baseline - fullHeight / 2; // wholly in the upper half of the line
            if (label.equals(",") || label.equals("'") || (floating && STROKES.contains(label))) {
                String byPosition = box.y() + box.height() / 2.0 < baseline - fullHeight / 2 ? "'" : ",";
                return alphabet.contains(byPosition) ? byPosition : label;
            }
            for (List<String> pair : Evaluation.SAME_SHAPE_PAIRS) {
                if (!pair.contains(label)) continue;
                String lower = pair.get(0);
                String chosen;
                if (lower.equals("p")) {
                    // p hangs below the baseline, P stands on it; both reach about the full height.
                    chosen = box.bottom() - baseline > DESCENDER_SHARE * fullHeight ? "p" : "P";
                } else if (lower.equals("k") || lower.equals("l")) {
                    return label; // k and l are as tall as K and I: size cannot tell them apart
                } else {
                    chosen = box.height() < SMALL_LETTER_SHARE * fullHeight ? lower : pair.get(1);
                }
                return alphabet.contains(chosen) ? chosen : label;
            }
            return label;
        }
    }
}

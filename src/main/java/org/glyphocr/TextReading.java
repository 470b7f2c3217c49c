package org.glyphocr;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.glyphocr.image.TextLines;

/**
 * What {@link #read} found in an image of printed text: its lines, each character with its box and
 * confidence, and the text they spell.
 *
 * <pre>{@code
 * try (Recognizer recognizer = Recognizer.of(Models.latin())) {
 *     TextReading reading = TextReading.read(recognizer, ImageIO.read(new File("line.png")), 0.5);
 *     System.out.println(reading.text());
 * }
 * }</pre>
 *
 * @param lines top to bottom
 */
public record TextReading(List<Line> lines) {
    /** Stands for a character read with less confidence than the caller asked for. */
    public static final String UNKNOWN = Recognition.UNKNOWN;

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
     * recognizes it, all characters in one batch. A character read with less than
     * {@value #SPLIT_BELOW} confidence may be two touching ones: it is cut at the lowest points of
     * its ink profile, and a cut whose two sides read with a higher joint probability than the whole
     * is taken (and its sides tried again). Then word spaces, figures and letters by their word's
     * context, and look-alikes by their size and place in the line. Boxes are in the levelled
     * image, which is the image itself when it was level.
     *
     * @param minConfidence characters read with a lower probability come back as {@link #UNKNOWN};
     *     0 to always take the best guess
     */
    public static TextReading read(Recognizer recognizer, BufferedImage image, double minConfidence) {
        Objects.requireNonNull(recognizer, "recognizer");
        if (!(minConfidence >= 0 && minConfidence <= 1)) throw new IllegalArgumentException("minConfidence must be in [0, 1], was " + minConfidence);
        TextLines.Levelled levelled = TextLines.findLevelled(image);
        BufferedImage level = levelled.image();
        List<TextLines.Line> layout = levelled.lines();
        List<TextLines.Box> boxes = new ArrayList<>();
        for (TextLines.Line line : layout) for (TextLines.Character c : line.characters()) boxes.add(c.box());
        List<Recognition> recognitions = recognize(recognizer, level, boxes);
        Set<String> alphabet = new HashSet<>(recognizer.model().alphabet().labels());
        List<Line> lines = new ArrayList<>();
        int k = 0;
        for (TextLines.Line line : layout) {
            List<Read> reads = new ArrayList<>();
            for (TextLines.Character c : line.characters()) {
                reads.addAll(splitTouching(recognizer, level, new Read(c.box(), recognitions.get(k++)), line.fullHeight(), MAX_SPLITS));
            }
            lines.add(line(line, reads, alphabet, minConfidence));
        }
        return new TextReading(lines);
    }

    /** A box of the levelled image and what it was read as. */
    private record Read(TextLines.Box box, Recognition recognition) {
    }

    /** The characters in these boxes, cut out alone, recognized in one batch. */
    private static List<Recognition> recognize(Recognizer recognizer, BufferedImage image, List<TextLines.Box> boxes) {
        List<BufferedImage> characters = new ArrayList<>(boxes.size());
        for (TextLines.Box box : boxes) characters.add(TextLines.isolated(image, box));
        return recognizer.recognizeImages(characters);
    }

    /** Characters read with less confidence than this are tried as two touching ones. */
    static final double SPLIT_BELOW = 0.9;
    /** Each side of a cut is at least this share of the line's full height wide (an i or l is about 0.15). */
    static final double MIN_PIECE_WIDTH = 0.12;
    /**
     * Only characters at least this share of the line's full height wide are tried: two touching
     * characters are, a figure (about 0.55 of it) is not, and the halves of a 0 read as ( and ).
     */
    static final double MIN_SPLIT_WIDTH = 0.75;
    /** Cuts tried per character: the lowest points of its ink profile. */
    static final int CUTS_TRIED = 3;
    /** How many times a character and then its pieces may be cut, so three touching ones come apart too. */
    static final int MAX_SPLITS = 2;

    /**
     * {@code read} itself, or, when it is unsure and a cut's two sides read with a higher joint
     * probability than the whole, the best such cut's sides, each tried again while
     * {@code splits} allows.
     */
    private static List<Read> splitTouching(Recognizer recognizer, BufferedImage image, Read read, double fullHeight, int splits) {
        Recognition whole = read.recognition();
        TextLines.Box box = read.box();
        if (splits == 0 || whole.isBlank() || shapeProbability(whole) >= SPLIT_BELOW || box.width() < MIN_SPLIT_WIDTH * fullHeight) {
            return List.of(read);
        }
        int minWidth = Math.max(2, (int) Math.ceil(MIN_PIECE_WIDTH * fullHeight));
        List<TextLines.Box> sides = new ArrayList<>();
        for (int cut : TextLines.cutCandidates(image, box, minWidth, CUTS_TRIED)) {
            TextLines.Box left = TextLines.inkWithin(image, box, box.x(), cut);
            TextLines.Box right = TextLines.inkWithin(image, box, cut, box.right());
            if (left == null || right == null) continue;
            sides.add(left);
            sides.add(right);
        }
        if (sides.isEmpty()) return List.of(read);
        List<Recognition> readings = recognize(recognizer, image, sides);
        double best = shapeProbability(whole);
        int bestCut = -1;
        for (int c = 0; c < sides.size(); c += 2) {
            double joint = shapeProbability(readings.get(c)) * shapeProbability(readings.get(c + 1));
            if (joint > best) {
                best = joint;
                bestCut = c;
            }
        }
        if (bestCut < 0) return List.of(read);
        List<Read> pieces = new ArrayList<>();
        pieces.addAll(splitTouching(recognizer, image, new Read(sides.get(bestCut), readings.get(bestCut)), fullHeight, splits - 1));
        pieces.addAll(splitTouching(recognizer, image, new Read(sides.get(bestCut + 1), readings.get(bestCut + 1)), fullHeight, splits - 1));
        return pieces;
    }

    /**
     * The probability of the best label's shape: its own and that of its same-shape partner
     * ({@link Evaluation#SAME_SHAPE_PAIRS}), since the network cannot tell o from O and rightly
     * splits its belief between them, which is no doubt about the shape.
     */
    private static double shapeProbability(Recognition r) {
        double p = r.probability();
        for (List<String> pair : Evaluation.SAME_SHAPE_PAIRS) {
            if (!pair.contains(r.label())) continue;
            String partner = pair.get(0).equals(r.label()) ? pair.get(1) : pair.get(0);
            for (Candidate c : r.candidates()) if (c.label().equals(partner)) p += c.probability();
        }
        return p;
    }

    /** A line's characters from their reads: word spaces, then each label by its word and its place in the line. */
    private static Line line(TextLines.Line line, List<Read> reads, Set<String> alphabet, double minConfidence) {
        boolean[] spaceBefore = new boolean[reads.size()];
        for (int i = 1; i < reads.size(); i++) {
            spaceBefore[i] = TextLines.isWordSpace(asSet(reads.get(i - 1), line), asSet(reads.get(i), line), line.fullHeight());
        }
        LineMetrics metrics = LineMetrics.of(line);
        List<Character> characters = new ArrayList<>();
        for (int start = 0, end; start < reads.size(); start = end) {
            end = start + 1;
            while (end < reads.size() && !spaceBefore[end]) end++;
            List<Recognition> word = reads.subList(start, end).stream().map(Read::recognition).toList();
            for (int i = start; i < end; i++) {
                Recognition r = reads.get(i).recognition();
                TextLines.Box box = reads.get(i).box();
                boolean known = !r.isBlank() && r.probability() >= minConfidence;
                String text = known ? metrics.byPlace(lOrI(byWord(word, i - start), word, i - start, alphabet), box, alphabet) : UNKNOWN;
                characters.add(new Character(text, box, r.isBlank() ? 0 : r.probability(), spaceBefore[i]));
            }
        }
        return new Line(line.box(), characters);
    }

    /**
     * Figures are set on a fixed advance (tabular), so a narrow 1 stands in a wide gap. Widening a
     * figure's box to this share of the line's full height, about its advance, lets one word-space
     * rule serve figures and letters: on the {@code PrintedLines} of four unseen fonts, gaps between
     * the figures of a number then stayed below 0.21 of the full height, and spaces after a
     * figure above 0.39.
     */
    static final double FIGURE_WIDTH = 0.67;

    /** The box as its character is set: a figure widened about its centre to {@link #FIGURE_WIDTH}. */
    private static TextLines.Box asSet(Read read, TextLines.Line line) {
        TextLines.Box box = read.box();
        if (!isDigit(read.recognition().label())) return box;
        int width = (int) Math.round(FIGURE_WIDTH * line.fullHeight());
        if (width <= box.width()) return box;
        return new TextLines.Box(box.x() - (width - box.width()) / 2, box.y(), width, box.height());
    }

    /**
     * Labels whose best candidate is this small or smaller are not taken from the word's context:
     * there must be some doubt.
     */
    static final double MIN_CONTEXT_PROBABILITY = 0.02;

    /**
     * The label of character {@code index} of a word, read in the word's context. A character is
     * sure of its kind when its best candidate is a letter and no figure reaches
     * {@link #MIN_CONTEXT_PROBABILITY}, or the other way round. Within a number (some characters
     * sure to be figures, none sure to be letters) a letter that the network also took for a
     * figure is that figure (l, I → 1; O → 0); within a word (two or more characters sure to be
     * letters, none sure to be figures) a figure that it also took for a letter is that letter.
     * Otherwise the best candidate.
     */
    static String byWord(List<Recognition> word, int index) {
        Recognition r = word.get(index);
        String label = r.label();
        if (!isLetter(label) && !isDigit(label)) return label;
        int letters = 0;
        int digits = 0;
        for (int i = 0; i < word.size(); i++) {
            if (i == index) continue;
            Recognition other = word.get(i);
            if (isLetter(other.label()) && alternative(other, true) == null) letters++;
            if (isDigit(other.label()) && alternative(other, false) == null) digits++;
        }
        String alternative = null;
        if (isLetter(label) && digits > 0 && letters == 0) alternative = alternative(r, true);
        if (isDigit(label) && letters >= 2 && digits == 0) alternative = alternative(r, false);
        return alternative == null ? label : alternative;
    }

    /**
     * l and I have one shape, and in most fonts nearly one height, so the word tells them apart:
     * in a word whose other letters are all capitals it is I, and after the first letter of a word
     * with lower-case letters it is l. Only letters whose case their shape shows count (not c/C, o/O and the other same-shape
     * pairs). Elsewhere, as at the start of a word ({@code In}, {@code long}), the network decides.
     */
    static String lOrI(String label, List<Recognition> word, int index, Set<String> alphabet) {
        if (!label.equals("l") && !label.equals("I")) return label;
        int lower = 0;
        int upper = 0;
        for (int i = 0; i < word.size(); i++) {
            String other = word.get(i).label();
            if (i == index || !isLetter(other) || Evaluation.SAME_SHAPE_PAIRS.stream().anyMatch(p -> p.contains(other))) continue;
            if (java.lang.Character.isLowerCase(other.codePointAt(0))) {
                lower++;
            } else if (java.lang.Character.isUpperCase(other.codePointAt(0))) {
                upper++;
            }
        }
        String chosen = label;
        if (upper > 0 && lower == 0) chosen = "I";
        else if (lower > 0 && index > 0) chosen = "l";
        return alphabet.contains(chosen) ? chosen : label;
    }

    /** The most probable figure (or letter) among the candidates of at least {@link #MIN_CONTEXT_PROBABILITY}; null if none. */
    private static String alternative(Recognition r, boolean digit) {
        for (Candidate c : r.candidates()) {
            if (c.probability() < MIN_CONTEXT_PROBABILITY) break;
            if (digit ? isDigit(c.label()) : isLetter(c.label())) return c.label();
        }
        return null;
    }

    private static boolean isDigit(String label) {
        return label.length() == 1 && label.charAt(0) >= '0' && label.charAt(0) <= '9';
    }

    private static boolean isLetter(String label) {
        return label.codePointCount(0, label.length()) == 1 && java.lang.Character.isLetter(label.codePointAt(0));
    }

    /**
     * Where a line's characters sit: its {@link TextLines.Line#baseline() baseline} and
     * {@link TextLines.Line#fullHeight() full height} (capitals and ascenders). Letters that look the same once scaled to the glyph frame are
     * told apart by these: a same-shape letter (c/C, o/O, s/S, ...) under {@value #SMALL_LETTER_SHARE}
     * of the full height is lower case (p: one that hangs below the baseline; k/K and l/I are left
     * to the network); a comma or apostrophe is one or the other by whether its centre lies below
     * or above the middle of the full height, a short stroke wholly above that middle (read as
     * i, l, I, 1, | or !) is an apostrophe, and such a stroke, a bracket or a slash wholly below it
     * is a comma.
     */
    record LineMetrics(double baseline, double fullHeight) {
        /** The x-height of Latin type is 0.65–0.75 of its cap height: halfway to 1. */
        static final double SMALL_LETTER_SHARE = 0.85;
        /** Labels that are a short upright stroke once scaled up: an apostrophe that floats high is read as one of them. */
        static final Set<String> STROKES = Set.of("i", "l", "I", "1", "|", "!");
        /** Labels of tall marks that a comma, scaled up, can pass for: one sitting wholly in the lower half of the line is a comma. */
        static final Set<String> TALL_MARKS = Set.of("i", "l", "I", "1", "|", "!", "j", "(", ")", "/");
        /** Descenders reach a fifth to a third of the cap height below the baseline. */
        static final double DESCENDER_SHARE = 0.1;

        static LineMetrics of(TextLines.Line line) {
            return new LineMetrics(line.baseline(), line.fullHeight());
        }

        /** {@code label}, or its look-alike that the character's size and place in the line call for. */
        String byPlace(String label, TextLines.Box box, Set<String> alphabet) {
            boolean floating = box.bottom() < baseline - fullHeight / 2; // wholly in the upper half of the line
            boolean sunk = box.y() > baseline - fullHeight / 2; // wholly in the lower half
            if (label.equals(",") || label.equals("'") || (floating && STROKES.contains(label)) || (sunk && TALL_MARKS.contains(label))) {
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

package org.glyphocr.image;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Finds the lines of text in an image and, in each line, the boxes of its characters in reading
 * order, with the word spaces between them: the layout step of reading a line or a page.
 *
 * <ol>
 *   <li>Ink: luminance split by Otsu's threshold; ink is the side the border pixels are not on.
 *   <li>Pieces: 8-connected components of ink, without specks of fewer than {@value #MIN_PIECE_PIXELS} pixels.
 *   <li>Lines: rows covered by pieces of at least {@value #LINE_PIECE_SHARE} of the median piece
 *       height form the lines; every piece joins the line nearest its vertical centre, so the dot
 *       of an i, a comma and an apostrophe join the line they belong to.
 *   <li>Characters: a line's pieces, left to right, are one character where they overlap
 *       horizontally by at least {@value #JOIN_OVERLAP} of the narrower one (the dot and stem of
 *       i and j, the two dots of a colon, a broken stroke).
 *   <li>Spaces: a gap wider than {@value #SPACE_OVER_FULL_HEIGHT} of the line's full height
 *       ({@link #isWordSpace}).
 * </ol>
 * Stateless. {@link #find} needs the lines roughly level; {@link #findLevelled} levels them first.
 * Known limits, for the reader that builds on this: touching characters stay one box
 * ({@link #cutCandidates} and {@link #inkWithin} help to split it), and the layout cannot know
 * which characters are figures, whose tabular spacing leaves wide gaps beside a narrow 1
 * ({@code TextReading} widens them once it knows).
 *
 * <pre>{@code
 * for (TextLines.Line line : TextLines.find(image)) {
 *     for (TextLines.Character c : line.characters()) recognizer.recognize(TextLines.isolated(image, c.box()));
 * }
 * }</pre>
 */
public final class TextLines {
    static final int MIN_PIECE_PIXELS = 2;
    static final double LINE_PIECE_SHARE = 0.4;
    static final double JOIN_OVERLAP = 0.5;
    /**
     * Word spaces are wider than this share of the line's full height, letter gaps narrower.
     * Measured on 160 lines of FreeSans, FreeSerif, Roboto and Oxygen Sans at 28 to 48 px
     * ({@code PrintedLines}): gaps between letters reached 0.25 of the full height, word spaces
     * started at 0.30. (The old rule, twice the line's median gap, failed in lines of numbers, whose
     * median gap is wide.)
     */
    static final double SPACE_OVER_FULL_HEIGHT = 0.28;
    /** The full height is this percentile of the heights of the characters standing on the baseline. */
    static final double FULL_HEIGHT_PERCENTILE = 0.9;
    /** Characters whose bottom is within this share of the median height of the baseline stand on it. */
    static final double STANDING_TOLERANCE = 0.1;

    private TextLines() {
    }

    /** A rectangle of pixels, {@code [x, x + width) × [y, y + height)}. */
    public record Box(int x, int y, int width, int height) {
        public int right() {
            return x + width;
        }

        public int bottom() {
            return y + height;
        }

        double centerY() {
            return y + height / 2.0;
        }

        Box union(Box o) {
            int left = Math.min(x, o.x);
            int top = Math.min(y, o.y);
            return new Box(left, top, Math.max(right(), o.right()) - left, Math.max(bottom(), o.bottom()) - top);
        }
    }

    /**
     * One character's place.
     *
     * @param box the union of its pieces
     * @param spaceBefore whether a word space separates it from the character before it
     */
    public record Character(Box box, boolean spaceBefore) {
    }

    /**
     * A line of text: its box, its characters left to right, and where they sit.
     *
     * @param baseline the median bottom of the characters
     * @param fullHeight the height of capitals and ascenders: the {@value #FULL_HEIGHT_PERCENTILE}
     *     percentile of the heights of characters standing on the baseline (the median height if none
     *     does)
     */
    public record Line(Box box, List<Character> characters, double baseline, double fullHeight) {
        public Line {
            characters = List.copyOf(characters);
        }

        /** A line whose baseline and full height are measured from its characters' boxes, of which there must be one. */
        public Line(Box box, List<Character> characters) {
            this(box, characters, baselineOf(boxes(characters)), fullHeightOf(boxes(characters)));
        }

        private static List<Box> boxes(List<Character> characters) {
            return characters.stream().map(Character::box).toList();
        }
    }

    /** The median bottom of {@code boxes}, of which there must be one. */
    static double baselineOf(List<Box> boxes) {
        return median(boxes.stream().mapToDouble(Box::bottom).toArray());
    }

    /** See {@link Line#fullHeight()}. */
    static double fullHeightOf(List<Box> boxes) {
        double baseline = baselineOf(boxes);
        double typical = median(boxes.stream().mapToDouble(Box::height).toArray());
        double[] standing = boxes.stream().filter(b -> Math.abs(b.bottom() - baseline) <= STANDING_TOLERANCE * typical)
                .mapToDouble(Box::height).sorted().toArray();
        if (standing.length == 0) return typical;
        return standing[Math.min(standing.length - 1, (int) (FULL_HEIGHT_PERCENTILE * standing.length))];
    }

    /**
     * Whether the gap between two neighbouring characters of a line is a word space: wider than
     * {@value #SPACE_OVER_FULL_HEIGHT} of the line's full height.
     */
    public static boolean isWordSpace(Box left, Box right, double fullHeight) {
        return right.x() - left.right() > SPACE_OVER_FULL_HEIGHT * fullHeight;
    }

    /**
     * A levelled image and its lines.
     *
     * @param image the image the boxes refer to: the one given if it was level, else it turned level
     * @param lines top to bottom
     */
    public record Levelled(BufferedImage image, List<Line> lines) {
        public Levelled {
            lines = List.copyOf(lines);
        }
    }

    /** The lines of {@code image}, top to bottom; empty if it holds no ink. */
    public static List<Line> find(BufferedImage image) {
        return find(image, inkMask(image));
    }

    /**
     * Turns {@code image} level ({@link #skewDegrees}) and finds its lines: the layout of a page or
     * line that may be slightly skewed. An image already level is read once, not twice.
     */
    public static Levelled findLevelled(BufferedImage image) {
        boolean[] ink = inkMask(image);
        double degrees = skewDegrees(ink, image.getWidth(), image.getHeight());
        if (degrees == 0) return new Levelled(image, find(image, ink));
        BufferedImage level = rotated(image, degrees);
        return new Levelled(level, find(level, inkMask(level)));
    }

    private static List<Line> find(BufferedImage image, boolean[] ink) {
        List<Box> pieces = pieces(ink, image.getWidth(), image.getHeight());
        if (pieces.isEmpty()) return List.of();
        double medianHeight = median(pieces.stream().mapToDouble(Box::height).toArray());
        List<int[]> rows = lineRows(pieces, image.getHeight(), LINE_PIECE_SHARE * medianHeight);
        List<List<Box>> members = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) members.add(new ArrayList<>());
        for (Box p : pieces) members.get(nearestRun(rows, p.centerY())).add(p);
        List<Line> lines = new ArrayList<>();
        for (List<Box> m : members) if (!m.isEmpty()) lines.add(line(m));
        return lines;
    }

    /** Skew angles tried by {@link #skewDegrees}, in degrees either way; the coarse step, then the fine one around the best. */
    static final double MAX_SKEW_DEGREES = 5;
    static final double COARSE_SKEW_STEP = 0.5;
    static final double FINE_SKEW_STEP = 0.1;

    /**
     * The angle, in degrees, by which the text's lines rise to the right (counter-clockwise as seen),
     * within ±{@value #MAX_SKEW_DEGREES}: the angle at which the ink's row profile is sharpest (the
     * largest sum of squared row counts), since level lines pile their ink into few rows. Searched
     * in steps of {@value #COARSE_SKEW_STEP}°, then of {@value #FINE_SKEW_STEP}° around the best.
     */
    public static double skewDegrees(BufferedImage image) {
        return skewDegrees(inkMask(image), image.getWidth(), image.getHeight());
    }

    private static double skewDegrees(boolean[] ink, int w, int h) {
        if (ink == null) return 0;
        int count = 0;
        for (boolean b : ink) if (b) count++;
        int[] xs = new int[count];
        int[] ys = new int[count];
        // Column by column: neighbours in a row of ink mostly land in the same row of the profile,
        // and counting them one after the other makes each increment wait for the last one.
        for (int x = 0, k = 0; x < w; x++) {
            for (int i = x; i < ink.length; i += w) {
                if (!ink[i]) continue;
                xs[k] = x;
                ys[k++] = i / w;
            }
        }
        int margin = (int) Math.ceil(w * Math.tan(Math.toRadians(MAX_SKEW_DEGREES))) + 1;
        long[] rows = new long[h + 2 * margin];
        double coarse = sharpest(xs, ys, rows, margin, -MAX_SKEW_DEGREES, MAX_SKEW_DEGREES, COARSE_SKEW_STEP);
        return sharpest(xs, ys, rows, margin, Math.max(-MAX_SKEW_DEGREES, coarse - COARSE_SKEW_STEP),
                Math.min(MAX_SKEW_DEGREES, coarse + COARSE_SKEW_STEP), FINE_SKEW_STEP);
    }

    /** The angle in {@code [from, to]}, in steps, whose row profile of the ink is sharpest; the smallest in size on a tie. */
    private static double sharpest(int[] xs, int[] ys, long[] rows, int margin, double from, double to, double step) {
        double best = 0;
        double bestScore = -1;
        int steps = (int) Math.round((to - from) / step);
        for (int i = 0; i <= steps; i++) {
            double degrees = Math.round((from + i * step) * 1000) / 1000.0;
            // In 16.16 fixed point: the loop below runs for every ink pixel at every angle tried.
            long slope = Math.round(Math.tan(Math.toRadians(degrees)) * 65536);
            Arrays.fill(rows, 0);
            // A line rising to the right by this angle becomes level at row y + x·tan(angle).
            for (int k = 0; k < xs.length; k++) rows[ys[k] + (int) ((xs[k] * slope + 32768) >> 16) + margin]++;
            double score = 0;
            for (long r : rows) score += (double) r * r;
            if (score > bestScore * (1 + 1e-12) || (score >= bestScore * (1 - 1e-12) && Math.abs(degrees) < Math.abs(best))) {
                bestScore = score;
                best = degrees;
            }
        }
        return best;
    }

    /** {@code image} turned clockwise by {@code degrees}, on paper of the colour of its corner. */
    private static BufferedImage rotated(BufferedImage image, double degrees) {
        int w = image.getWidth();
        int h = image.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(new Color(image.getRGB(0, 0)));
        g.fillRect(0, 0, w, h);
        g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION, java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        // Rising lines turn clockwise to level: a positive angle on screen, where y points down.
        g.rotate(Math.toRadians(degrees), w / 2.0, h / 2.0);
        g.drawImage(image, 0, 0, null);
        g.dispose();
        return out;
    }

    /**
     * Ink pixels, row-major: luminance split by Otsu's threshold, ink being the side that most of
     * the border is not on; {@code null} for an image of one luminance.
     */
    private static boolean[] inkMask(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        byte[] lum = LuminanceConverter.toLuminance(image);
        int split = OtsuThreshold.of(OtsuThreshold.histogram(lum));
        if (split < 0) return null;
        int borderAbove = 0;
        int border = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (y > 0 && y < h - 1 && x > 0 && x < w - 1) continue;
                border++;
                if ((lum[y * w + x] & 0xff) > split) borderAbove++;
            }
        }
        boolean darkInk = 2 * borderAbove >= border;
        boolean[] ink = new boolean[w * h];
        for (int i = 0; i < ink.length; i++) {
            int l = lum[i] & 0xff;
            ink[i] = darkInk ? l <= split : l > split;
        }
        return ink;
    }

    /**
     * The character alone on paper: the pixels of its box copied onto a canvas of the paper's
     * colour (the median of the ring of pixels around the box) with a margin of a tenth of its
     * larger side, so that no neighbour's edge comes along.
     */
    public static BufferedImage isolated(BufferedImage image, Box box) {
        int margin = Math.max(2, Math.max(box.width(), box.height()) / 10);
        BufferedImage out = new BufferedImage(box.width() + 2 * margin, box.height() + 2 * margin, BufferedImage.TYPE_INT_RGB);
        if (image.getType() == BufferedImage.TYPE_INT_RGB) {
            // The pixels copied as they are, which is what drawing one opaque RGB image on another
            // does, without setting up Java2D for each of a page's characters.
            int[] pixels = ((DataBufferInt) out.getRaster().getDataBuffer()).getData();
            Arrays.fill(pixels, paperAround(image, box) & 0xffffff);
            int[] row = new int[box.width()];
            for (int y = 0; y < box.height(); y++) {
                image.getRaster().getDataElements(box.x(), box.y() + y, box.width(), 1, row);
                System.arraycopy(row, 0, pixels, (margin + y) * out.getWidth() + margin, box.width());
            }
            return out;
        }
        Graphics2D g = out.createGraphics();
        g.setColor(new Color(paperAround(image, box)));
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.drawImage(image.getSubimage(box.x(), box.y(), box.width(), box.height()), margin, margin, null);
        g.dispose();
        return out;
    }

    /**
     * Columns at which {@code box} might be cut into two touching characters, most promising first:
     * the local minima of its column profile of ink (darkness against the paper around the box),
     * each part at least {@code minWidth} wide, at most {@code max} of them.
     */
    public static int[] cutCandidates(BufferedImage image, Box box, int minWidth, int max) {
        double[] profile = new double[box.width()];
        int paper = paperAround(image, box) & 0xff;
        for (int x = 0; x < box.width(); x++) {
            for (int y = box.y(); y < box.bottom(); y++) profile[x] += Math.abs(paper - grey(image, box.x() + x, y));
        }
        List<Integer> minima = new ArrayList<>();
        for (int x = minWidth; x <= box.width() - minWidth; x++) {
            boolean lowest = (x == 0 || profile[x] <= profile[x - 1]) && (x == box.width() - 1 || profile[x] <= profile[x + 1]);
            // On a flat stretch of the profile only its first column counts.
            if (lowest && (x == minWidth || profile[x] != profile[x - 1])) minima.add(x);
        }
        minima.sort(Comparator.comparingDouble(x -> profile[x]));
        return minima.stream().limit(max).mapToInt(x -> box.x() + x).toArray();
    }

    /**
     * The columns {@code [fromX, toX)} of {@code box}, shrunk to the ink they hold (pixels at least
     * half as dark, against the paper around the box, as the darkest of the box); {@code null} if
     * they hold none.
     */
    public static Box inkWithin(BufferedImage image, Box box, int fromX, int toX) {
        int paper = paperAround(image, box) & 0xff;
        int strongest = 0;
        for (int y = box.y(); y < box.bottom(); y++) {
            for (int x = box.x(); x < box.right(); x++) strongest = Math.max(strongest, Math.abs(paper - grey(image, x, y)));
        }
        int threshold = Math.max(1, strongest / 2);
        int left = Integer.MAX_VALUE;
        int top = Integer.MAX_VALUE;
        int right = -1;
        int bottom = -1;
        for (int y = box.y(); y < box.bottom(); y++) {
            for (int x = Math.max(box.x(), fromX); x < Math.min(box.right(), toX); x++) {
                if (Math.abs(paper - grey(image, x, y)) < threshold) continue;
                left = Math.min(left, x);
                right = Math.max(right, x);
                top = Math.min(top, y);
                bottom = Math.max(bottom, y);
            }
        }
        return right < 0 ? null : new Box(left, top, right - left + 1, bottom - top + 1);
    }

    private static int grey(BufferedImage image, int x, int y) {
        int rgb = image.getRGB(x, y);
        return LuminanceConverter.luma((rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff);
    }

    /** The median grey of the one-pixel ring around {@code box}, as packed RGB; white where the box fills the image. */
    private static int paperAround(BufferedImage image, Box box) {
        int[] histogram = new int[256];
        int count = 0;
        for (int x = box.x() - 1; x <= box.right(); x++) {
            count += addGrey(image, x, box.y() - 1, histogram) + addGrey(image, x, box.bottom(), histogram);
        }
        for (int y = box.y(); y < box.bottom(); y++) {
            count += addGrey(image, box.x() - 1, y, histogram) + addGrey(image, box.right(), y, histogram);
        }
        if (count == 0) return 0xffffff;
        // The upper median: the grey at index count / 2 of the sorted ring.
        int seen = 0;
        int v = 0;
        while ((seen += histogram[v]) <= count / 2) v++;
        return v * 0x010101;
    }

    /** Counts the grey of pixel (x, y) in {@code histogram}; returns 1, or 0 if the pixel lies outside the image. */
    private static int addGrey(BufferedImage image, int x, int y, int[] histogram) {
        if (x < 0 || y < 0 || x >= image.getWidth() || y >= image.getHeight()) return 0;
        histogram[grey(image, x, y)]++;
        return 1;
    }

    /** Bounding boxes of the ink's 8-connected components. */
    private static List<Box> pieces(boolean[] ink, int w, int h) {
        if (ink == null) return List.of();
        int stride = w + 2;
        byte[] mask = new byte[stride * (h + 2)];
        int count = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (ink[y * w + x]) {
                    mask[(y + 1) * stride + x + 1] = 1;
                    count++;
                }
            }
        }
        if (count == 0) return List.of();
        InkComponents components = InkComponents.find(mask, stride, (byte) 1, (byte) 2, count);
        int[] pixels = components.pixels();
        List<Box> boxes = new ArrayList<>();
        for (int c = 0; c < components.count(); c++) {
            if (components.size(c) < MIN_PIECE_PIXELS) continue;
            int left = Integer.MAX_VALUE;
            int top = Integer.MAX_VALUE;
            int right = -1;
            int bottom = -1;
            for (int k = components.start(c); k < components.start(c) + components.size(c); k++) {
                int x = pixels[k] % stride - 1;
                int y = pixels[k] / stride - 1;
                left = Math.min(left, x);
                right = Math.max(right, x);
                top = Math.min(top, y);
                bottom = Math.max(bottom, y);
            }
            boxes.add(new Box(left, top, right - left + 1, bottom - top + 1));
        }
        return boxes;
    }

    /** Runs of rows covered by pieces at least {@code minHeight} tall, as {@code [first, last]}. */
    private static List<int[]> lineRows(List<Box> pieces, int height, double minHeight) {
        boolean[] covered = new boolean[height];
        for (Box p : pieces) {
            if (p.height() < minHeight) continue;
            for (int y = p.y(); y < p.bottom(); y++) covered[y] = true;
        }
        List<int[]> runs = new ArrayList<>();
        for (int y = 0; y < height; y++) {
            if (!covered[y]) continue;
            int start = y;
            while (y + 1 < height && covered[y + 1]) y++;
            runs.add(new int[] {start, y});
        }
        if (runs.isEmpty()) runs.add(new int[] {0, height - 1});
        return runs;
    }

    private static int nearestRun(List<int[]> runs, double y) {
        int best = 0;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int i = 0; i < runs.size(); i++) {
            double d = y < runs.get(i)[0] ? runs.get(i)[0] - y : y > runs.get(i)[1] + 1 ? y - runs.get(i)[1] - 1 : 0;
            if (d < bestDistance) {
                bestDistance = d;
                best = i;
            }
        }
        return best;
    }

    /** Groups a line's pieces into characters and marks the word spaces. */
    private static Line line(List<Box> pieces) {
        pieces.sort(Comparator.comparingInt(Box::x));
        List<Box> chars = new ArrayList<>();
        for (Box p : pieces) {
            Box last = chars.isEmpty() ? null : chars.get(chars.size() - 1);
            if (last != null) {
                int overlap = Math.min(last.right(), p.right()) - Math.max(last.x(), p.x());
                if (overlap >= JOIN_OVERLAP * Math.min(last.width(), p.width())) {
                    chars.set(chars.size() - 1, last.union(p));
                    continue;
                }
            }
            chars.add(p);
        }
        double fullHeight = fullHeightOf(chars);
        List<Character> out = new ArrayList<>();
        Box box = chars.get(0);
        for (int i = 0; i < chars.size(); i++) {
            boolean space = i > 0 && isWordSpace(chars.get(i - 1), chars.get(i), fullHeight);
            out.add(new Character(chars.get(i), space));
            box = box.union(chars.get(i));
        }
        return new Line(box, out, baselineOf(chars), fullHeight);
    }

    private static double median(double[] values) {
        return values.length == 0 ? 0 : OrderStatistics.kthSmallest(values.clone(), values.length / 2);
    }
}

package org.glyphocr.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.glyphocr.image.Glyph;
import org.glyphocr.train.EpochRecord;

/**
 * Pictures that show a user what training did, written as PNG files: the training chart, the
 * confusion matrix and a gallery of misread glyphs.
 *
 * <pre>{@code
 * TrainingCharts.writeTrainingChart("digits, lr 0.3", batchLosses, result.history(), Path.of("out/training.png"), 1600, 900);
 * TrainingCharts.writeConfusionMatrix("digits: test split", labels, confusion, Path.of("out/confusion.png"));
 * TrainingCharts.writeErrorGallery("digits: misread test glyphs", mistakes, 64, Path.of("out/errors.png"));
 * }</pre>
 *
 * <p>Every writer creates missing parent folders and writes atomically: the picture goes to a
 * temporary file in the target's folder, which then replaces the target in one rename. Text in any
 * script is drawn with a font that has its characters where one is installed (DejaVu Sans first);
 * characters no installed font has are written as {@code U+XXXX}. Everything works headless.
 * Nothing here keeps state, so the methods may be called from any thread.
 */
public final class TrainingCharts {
    /** The smallest width and height of a training chart, in pixels. */
    public static final int MIN_CHART_SIZE = 200;
    /** The largest width and height of a training chart, in pixels. */
    public static final int MAX_CHART_SIZE = 8000;

    private TrainingCharts() {
    }

    /**
     * Writes the training chart as a PNG of {@code width}×{@code height} pixels.
     *
     * <ul>
     *   <li>x axis: SGD step; batch loss {@code i} (0-based) is drawn at step {@code i + 1}, and each
     *       epoch at its {@link EpochRecord#steps()}.
     *   <li>left axis, loss: one small semi-transparent dot per batch loss, and the line of the epoch
     *       means ({@link EpochRecord#meanLoss()}) over them. Over 50,000 steps, one step per equal
     *       bucket of steps is drawn (always a diverged one where the bucket has one); the subtitle
     *       says so. The scale is logarithmic when the largest finite loss is more than 100 times the
     *       smallest positive one, else linear. NaN or infinite batch losses are drawn as red triangles
     *       in a band at the top of the axis; non-finite epoch means are left out of the line.
     *   <li>right axis, accuracy in %: train and validation accuracy per epoch, lines with markers;
     *       NaN values (no validation split, undone epochs) are skipped. No accuracy, no right axis.
     *   <li>red dashed verticals at the end of each epoch that was undone ({@link EpochRecord#halved()}),
     *       labelled {@code halved → <new rate>}, the new rate being half the epoch's rate; grey
     *       dotted verticals, labelled {@code lr → <rate>}, where an epoch's rate differs from the one
     *       the previous epoch implies (its rate, or half of it after a halving), as under a schedule.
     *       Labels that would overlap are stacked, and left off when there is no room.
     *   <li>the title, a subtitle summing up the run (steps, epochs, undone epochs, best validation
     *       accuracy), and a legend. Below 400×300 pixels the chart is a thumbnail: smaller fonts,
     *       no subtitle and no legend.
     * </ul>
     *
     * <p>The same arguments always give the same picture.</p>
     *
     * @param title the chart's title, any script; may be empty
     * @param batchLosses the loss of every SGD step, in order, NaN or infinite where it diverged;
     *     may be empty. Not modified.
     * @param epochs one record per epoch, undone ones included, in order; may be empty
     * @param png the file to write; its folder is created if missing
     * @param width pixels, {@value #MIN_CHART_SIZE}..{@value #MAX_CHART_SIZE}
     * @param height pixels, {@value #MIN_CHART_SIZE}..{@value #MAX_CHART_SIZE}
     * @throws NullPointerException if an argument or an epoch is null
     * @throws IllegalArgumentException if {@code width} or {@code height} is out of range
     * @throws IOException if the file cannot be written; an existing file is then left as it was
     */
    public static void writeTrainingChart(String title, float[] batchLosses, List<EpochRecord> epochs, Path png,
                                          int width, int height) throws IOException {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(batchLosses, "batchLosses");
        List<EpochRecord> history = List.copyOf(Objects.requireNonNull(epochs, "epochs")); // also rejects null records
        Objects.requireNonNull(png, "png");
        checkSize("width", width);
        checkSize("height", height);
        PngFiles.write(LossChart.render(title, batchLosses, history, width, height), png);
    }

    /**
     * Writes a confusion matrix as a PNG: rows are true labels, columns predicted labels, in the
     * order of {@code labels}. Each cell shows its count; its shade grows with the count's share of
     * its row ({@code max(0.15, (count / rowTotal)^0.4)} of the way from white, so that rare
     * confusions still show), blue on the diagonal and red off it. Right of the grid, each row's sample count and
     * recall; above it, the overall accuracy. The picture's size follows from the number of labels
     * (cells of 20 to 56 pixels, wider where counts need it) and the label lengths (labels over 160
     * pixels are shortened with an ellipsis).
     *
     * @param title the picture's title, any script; may be empty
     * @param labels the class labels, at least one and at most 300, any script. Not modified.
     * @param confusion {@code confusion[t][p]}: how many samples of true label {@code t} were predicted
     *     as {@code p}; {@code labels.size()} rows of {@code labels.size()} counts, each {@code >= 0}.
     *     Not modified.
     * @param png the file to write; its folder is created if missing
     * @throws NullPointerException if an argument, a label or a row is null
     * @throws IllegalArgumentException if there are no labels or too many, the matrix is not square
     *     with a side of {@code labels.size()}, or a count is negative
     * @throws IOException if the file cannot be written; an existing file is then left as it was
     */
    public static void writeConfusionMatrix(String title, List<String> labels, int[][] confusion, Path png) throws IOException {
        Objects.requireNonNull(title, "title");
        List<String> names = List.copyOf(Objects.requireNonNull(labels, "labels"));
        Objects.requireNonNull(confusion, "confusion");
        Objects.requireNonNull(png, "png");
        int n = names.size();
        if (n < 1 || n > ConfusionMatrixImage.MAX_LABELS) {
            throw new IllegalArgumentException("labels must number 1.." + ConfusionMatrixImage.MAX_LABELS + ", was " + n);
        }
        if (confusion.length != n) {
            throw new IllegalArgumentException("confusion must have one row per label (" + n + "), has " + confusion.length);
        }
        for (int r = 0; r < n; r++) {
            int[] row = Objects.requireNonNull(confusion[r], "confusion row " + r);
            if (row.length != n) {
                throw new IllegalArgumentException("confusion row " + r + " must have " + n + " counts, has " + row.length);
            }
            for (int c = 0; c < n; c++) {
                if (row[c] < 0) throw new IllegalArgumentException("confusion[" + r + "][" + c + "] must be >= 0, was " + row[c]);
            }
        }
        PngFiles.write(ConfusionMatrixImage.render(title, names, confusion), png);
    }

    /**
     * Writes a gallery of misread glyphs as a PNG: the first {@code maxTiles} mistakes in the given
     * order, each as a tile with the glyph enlarged five times (ink black on white), the caption
     * {@code true → predicted (p)} under it (the predicted label in red; long labels shortened with
     * an ellipsis) and the file name of its source. The tiles fill rows of at least 8. An empty list
     * gives a small picture saying "no errors".
     *
     * @param title the picture's title, any script; may be empty
     * @param mistakes the misread glyphs, in the order to show them. Not modified.
     * @param maxTiles the most tiles to draw, 1..1000
     * @param png the file to write; its folder is created if missing
     * @throws NullPointerException if an argument or a mistake is null
     * @throws IllegalArgumentException if {@code maxTiles} is out of range
     * @throws IOException if the file cannot be written; an existing file is then left as it was
     */
    public static void writeErrorGallery(String title, List<Mistake> mistakes, int maxTiles, Path png) throws IOException {
        Objects.requireNonNull(title, "title");
        List<Mistake> list = List.copyOf(Objects.requireNonNull(mistakes, "mistakes"));
        Objects.requireNonNull(png, "png");
        if (maxTiles < 1 || maxTiles > ErrorGalleryImage.MAX_TILES) {
            throw new IllegalArgumentException("maxTiles must be within 1.." + ErrorGalleryImage.MAX_TILES + ", was " + maxTiles);
        }
        PngFiles.write(ErrorGalleryImage.render(title, list, maxTiles), png);
    }

    /**
     * One misread glyph.
     *
     * @param glyph what the network saw
     * @param trueLabel the label it has
     * @param predictedLabel the label the network gave it
     * @param probability the network's probability for {@code predictedLabel}, {@code 0..1}
     * @param source where the glyph came from, a file path say; only its file name is shown; empty if unknown
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if {@code probability} is not within {@code 0..1}
     */
    public record Mistake(Glyph glyph, String trueLabel, String predictedLabel, double probability, String source) {
        public Mistake {
            Objects.requireNonNull(glyph, "glyph");
            Objects.requireNonNull(trueLabel, "trueLabel");
            Objects.requireNonNull(predictedLabel, "predictedLabel");
            Objects.requireNonNull(source, "source");
            // The negated comparison also rejects NaN.
            if (!(probability >= 0 && probability <= 1)) {
                throw new IllegalArgumentException("probability must be within 0..1, was " + probability);
            }
        }
    }

    private static void checkSize(String name, int pixels) {
        if (pixels < MIN_CHART_SIZE || pixels > MAX_CHART_SIZE) {
            throw new IllegalArgumentException(name + " must be within " + MIN_CHART_SIZE + ".." + MAX_CHART_SIZE + " pixels, was " + pixels);
        }
    }
}

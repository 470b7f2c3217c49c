package org.glyphocr.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.glyphocr.image.Glyph;
import org.glyphocr.train.EpochRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingChartsTest {
    @TempDir
    Path dir;

    private static BufferedImage read(Path png) throws IOException {
        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image, png + " is not a decodable PNG");
        return image;
    }

    private static EpochRecord epoch(int epoch, long steps, double loss, double rate, boolean halved) {
        return new EpochRecord(epoch, steps, loss, 0.9, halved ? Double.NaN : 0.88, rate, halved, 1.0);
    }

    /** Pixels close to {@code rgb} (each channel within 40). */
    private static int countNear(BufferedImage image, int rgb) {
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int p = image.getRGB(x, y);
                boolean near = true;
                for (int shift = 0; shift <= 16; shift += 8) {
                    near &= Math.abs(((p >> shift) & 0xFF) - ((rgb >> shift) & 0xFF)) <= 40;
                }
                if (near) count++;
            }
        }
        return count;
    }

    // ---- training chart

    @Test
    void trainingChartHasTheRequestedSize() throws IOException {
        ReportExamples.Run run = ReportExamples.syntheticRun(6, 400, 1);
        Path png = dir.resolve("training.png");
        TrainingCharts.writeTrainingChart("six epochs", run.losses(), run.epochs(), png, 1234, 567);
        BufferedImage image = read(png);
        assertEquals(1234, image.getWidth());
        assertEquals(567, image.getHeight());
    }

    @Test
    void trainingChartRendersNaNLossesHalvingsAndScheduleChanges() throws IOException {
        ReportExamples.Run run = ReportExamples.syntheticRun(10, 300, 2);
        assertTrue(run.epochs().stream().anyMatch(EpochRecord::halved));
        float[] losses = run.losses();
        losses[losses.length / 2] = Float.NaN;
        losses[losses.length / 2 + 1] = Float.NEGATIVE_INFINITY;
        Path png = dir.resolve("diverged.png");
        TrainingCharts.writeTrainingChart("diverged", losses, run.epochs(), png, 1000, 600);
        BufferedImage image = read(png);
        assertEquals(1000, image.getWidth());
        // The red of the diverged-step triangles and the halving marker is there.
        assertTrue(countNear(image, 0xD62728) > 50, "no red diverged steps or halving marker drawn");
    }

    @Test
    void rateMarkersShowHalvingsAndScheduleChangesButNotTheRateAHalvingImplies() {
        List<EpochRecord> epochs = List.of(
                epoch(1, 100, 1.0, 0.3, false),
                epoch(2, 200, 9.0, 0.3, true),   // undone: the next epoch runs at 0.15
                epoch(3, 300, 0.8, 0.15, false),
                epoch(4, 400, 0.7, 0.15, false),
                epoch(5, 500, 0.6, 0.05, false)); // a schedule step
        List<LossChart.RateMarker> markers = LossChart.rateMarkers(epochs);
        assertEquals(List.of(
                new LossChart.RateMarker(200, "halved → 0.15", true),
                new LossChart.RateMarker(400, "lr → 0.05", false)), markers);
    }

    @Test
    void aScheduleChangeAfterAHalvingIsMarkedToo() {
        List<EpochRecord> epochs = List.of(epoch(1, 100, 9.0, 0.4, true), epoch(2, 200, 0.8, 0.1, false));
        List<LossChart.RateMarker> markers = LossChart.rateMarkers(epochs);
        assertEquals(2, markers.size());
        assertEquals("halved → 0.2", markers.get(0).label());
        assertEquals(new LossChart.RateMarker(100, "lr → 0.1", false), markers.get(1));
    }

    @Test
    void trainingChartRendersWithNoStepsAndNoEpochs() throws IOException {
        Path png = dir.resolve("empty.png");
        TrainingCharts.writeTrainingChart("nothing yet", new float[0], List.of(), png, 400, 300);
        BufferedImage image = read(png);
        assertEquals(400, image.getWidth());
        assertEquals(300, image.getHeight());
    }

    @Test
    void trainingChartRendersWhenEveryLossIsNaN() throws IOException {
        float[] losses = new float[50];
        Arrays.fill(losses, Float.NaN);
        Path png = dir.resolve("nan.png");
        TrainingCharts.writeTrainingChart("all NaN", losses, List.of(epoch(1, 50, Double.NaN, 0.3, true)), png, 600, 400);
        assertEquals(600, read(png).getWidth());
    }

    @Test
    void trainingChartRendersOneEpochWithoutValidation() throws IOException {
        float[] losses = {2.3f, 2.0f, 1.7f, 0f};
        EpochRecord only = new EpochRecord(1, 4, 1.5, 0.5, Double.NaN, 0.3, false, 0.1);
        Path png = dir.resolve("one.png");
        TrainingCharts.writeTrainingChart("one epoch, a zero loss", losses, List.of(only), png, 200, 200);
        assertEquals(200, read(png).getHeight());
    }

    @Test
    void trainingChartTitleMayUseAnyScript() throws IOException {
        ReportExamples.Run run = ReportExamples.syntheticRun(4, 100, 3);
        Path png = dir.resolve("greek.png");
        TrainingCharts.writeTrainingChart("ελληνικά · Кириллица · 中文", run.losses(), run.epochs(), png, 800, 500);
        assertEquals(800, read(png).getWidth());
    }

    @Test
    void trainingChartRejectsASizeOutOfRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainingCharts.writeTrainingChart("t", new float[0], List.of(), dir.resolve("x.png"), 199, 400));
        assertTrue(e.getMessage().contains("199"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> TrainingCharts.writeTrainingChart("t", new float[0], List.of(), dir.resolve("x.png"), 400, 8001));
    }

    @Test
    void trainingChartRejectsANullEpoch() {
        List<EpochRecord> epochs = new ArrayList<>();
        epochs.add(null);
        assertThrows(NullPointerException.class,
                () -> TrainingCharts.writeTrainingChart("t", new float[0], epochs, dir.resolve("x.png"), 400, 400));
    }

    // ---- sampling and scales

    @Test
    void samplingKeepsThePlottedPointsBounded() {
        float[] losses = new float[123_457];
        Arrays.fill(losses, 1f);
        int[] sampled = LossChart.sampleSteps(losses, LossChart.MAX_PLOTTED_STEPS);
        assertEquals(LossChart.MAX_PLOTTED_STEPS, sampled.length);
        assertEquals(0, sampled[0]);
        for (int i = 1; i < sampled.length; i++) assertTrue(sampled[i] > sampled[i - 1], "not increasing at " + i);
        assertTrue(sampled[sampled.length - 1] < losses.length);
        // Evenly: no gap between chosen steps is more than one bucket (3 steps here) away from even.
        for (int i = 1; i < sampled.length; i++) assertTrue(sampled[i] - sampled[i - 1] <= 3, "gap at " + i);
    }

    @Test
    void samplingIsDeterministic() {
        float[] losses = new float[200_000];
        for (int i = 0; i < losses.length; i++) losses[i] = (float) Math.sin(i);
        assertArrayEquals(LossChart.sampleSteps(losses, 1000), LossChart.sampleSteps(losses.clone(), 1000));
    }

    @Test
    void samplingKeepsEveryStepWhenThereAreFew() {
        int[] sampled = LossChart.sampleSteps(new float[5], 10);
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, sampled);
        assertEquals(0, LossChart.sampleSteps(new float[0], 10).length);
    }

    @Test
    void samplingNeverDropsADivergedStep() {
        float[] losses = new float[1_000_000];
        Arrays.fill(losses, 0.5f);
        losses[123_457] = Float.NaN;
        losses[999_999] = Float.POSITIVE_INFINITY;
        int[] sampled = LossChart.sampleSteps(losses, 1000);
        assertEquals(1000, sampled.length);
        assertTrue(Arrays.stream(sampled).anyMatch(i -> i == 123_457));
        assertTrue(Arrays.stream(sampled).anyMatch(i -> i == 999_999));
    }

    @Test
    void samplingRejectsNoPoints() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LossChart.sampleSteps(new float[3], 0));
        assertTrue(e.getMessage().contains("0"), e.getMessage());
    }

    @Test
    void lossAxisIsLogarithmicOnlyBeyondTwoDecades() {
        assertFalse(LossChart.LossScale.of(new float[] {2.3f, 0.05f}, List.of()).log());
        assertTrue(LossChart.LossScale.of(new float[] {2.3f, 0.01f}, List.of()).log());
        assertTrue(LossChart.LossScale.of(new float[] {0.001f, Float.NaN}, List.of(epoch(1, 1, 5.0, 0.1, false))).log());
    }

    @Test
    void clippedLossesSitAboveEveryFiniteLoss() {
        for (float[] losses : List.of(new float[] {2.3f, 0.5f, Float.NaN}, new float[] {2.3f, 0.001f, Float.NaN})) {
            LossChart.LossScale scale = LossChart.LossScale.of(losses, List.of());
            assertTrue(scale.clipY() > 2.3 && scale.clipY() < scale.upper(), scale.toString());
        }
    }

    @Test
    void ratesAreWrittenShortly() {
        assertEquals("0.15", LossChart.formatRate(0.15));
        assertEquals("0.0375", LossChart.formatRate(0.0375));
        assertEquals("0.1235", LossChart.formatRate(0.123456));
        assertEquals("1.00e-05", LossChart.formatRate(1e-5));
    }

    // ---- confusion matrix

    private static int[][] diagonal(int n) {
        int[][] m = new int[n][n];
        for (int i = 0; i < n; i++) {
            m[i][i] = 90 + i;
            m[i][(i + 1) % n] += 3;
        }
        return m;
    }

    private static List<String> labels(int n) {
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < n; i++) labels.add("c" + i);
        return labels;
    }

    @Test
    void confusionMatrixGrowsWithTheNumberOfLabels() throws IOException {
        int previousWidth = 0;
        int previousHeight = 0;
        for (int n : new int[] {2, 10, 40, 120}) {
            Path png = dir.resolve("confusion-" + n + ".png");
            TrainingCharts.writeConfusionMatrix(n + " classes", labels(n), diagonal(n), png);
            BufferedImage image = read(png);
            assertTrue(image.getWidth() > previousWidth && image.getHeight() > previousHeight,
                    n + " labels gave " + image.getWidth() + "x" + image.getHeight());
            previousWidth = image.getWidth();
            previousHeight = image.getHeight();
        }
    }

    @Test
    void confusionMatrixDrawsOneClass() throws IOException {
        Path png = dir.resolve("one.png");
        TrainingCharts.writeConfusionMatrix("one class", List.of("x"), new int[][] {{7}}, png);
        read(png);
    }

    @Test
    void confusionMatrixDrawsAnEmptyRow() throws IOException {
        Path png = dir.resolve("empty-row.png");
        TrainingCharts.writeConfusionMatrix("no samples of b", List.of("a", "b"), new int[][] {{3, 1}, {0, 0}}, png);
        read(png);
    }

    @Test
    void confusionMatrixDrawsNonAsciiAndLongLabels() throws IOException {
        List<String> labels = List.of("α", "Ж", "中", "é", "a label far too long to fit in any column of the matrix at all");
        Path png = dir.resolve("unicode.png");
        TrainingCharts.writeConfusionMatrix("ελληνικά", labels, diagonal(labels.size()), png);
        BufferedImage image = read(png);
        assertTrue(image.getWidth() < 1200, "long label not shortened: width " + image.getWidth());
    }

    @Test
    void confusionMatrixRejectsAMatrixOfTheWrongShape() {
        IllegalArgumentException rows = assertThrows(IllegalArgumentException.class,
                () -> TrainingCharts.writeConfusionMatrix("t", labels(3), new int[2][3], dir.resolve("x.png")));
        assertTrue(rows.getMessage().contains("2"), rows.getMessage());
        IllegalArgumentException columns = assertThrows(IllegalArgumentException.class,
                () -> TrainingCharts.writeConfusionMatrix("t", labels(2), new int[][] {{1, 2}, {3}}, dir.resolve("x.png")));
        assertTrue(columns.getMessage().contains("row 1"), columns.getMessage());
    }

    @Test
    void confusionMatrixRejectsNegativeCountsAndNoLabels() {
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> TrainingCharts.writeConfusionMatrix("t", labels(2), new int[][] {{1, -4}, {0, 1}}, dir.resolve("x.png")));
        assertTrue(negative.getMessage().contains("-4"), negative.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> TrainingCharts.writeConfusionMatrix("t", List.of(), new int[0][0], dir.resolve("x.png")));
    }

    @Test
    void confusionShadeSetsRareErrorsApartFromEmptyCells() {
        assertEquals(0, ConfusionMatrixImage.shade(0));
        assertTrue(ConfusionMatrixImage.shade(0.001) >= 0.15);
        assertEquals(1, ConfusionMatrixImage.shade(1), 1e-12);
        assertTrue(ConfusionMatrixImage.shade(0.2) < ConfusionMatrixImage.shade(0.5));
    }

    // ---- gallery

    private static Glyph stroke(int column) {
        float[] v = new float[Glyph.PIXELS];
        Arrays.fill(v, 0.5f);
        for (int y = 3; y < 17; y++) v[y * Glyph.SIZE + column] = -0.5f;
        return Glyph.of(v);
    }

    private static List<TrainingCharts.Mistake> mistakes(int n) {
        List<TrainingCharts.Mistake> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(new TrainingCharts.Mistake(stroke(2 + i % 16), "1", "7", 0.5 + 0.49 * i / Math.max(1, n), "data/1/img-" + i + ".png"));
        }
        return list;
    }

    @Test
    void galleryWithoutMistakesIsASmallPicture() throws IOException {
        Path png = dir.resolve("none.png");
        TrainingCharts.writeErrorGallery("no mistakes", List.of(), 10, png);
        BufferedImage image = read(png);
        assertTrue(image.getWidth() <= 500 && image.getHeight() <= 200, image.getWidth() + "x" + image.getHeight());
    }

    @Test
    void galleryWithOneMistake() throws IOException {
        Path png = dir.resolve("one.png");
        TrainingCharts.writeErrorGallery("one", mistakes(1), 10, png);
        BufferedImage image = read(png);
        // The glyph is drawn: its black ink is in the picture.
        assertTrue(countNear(image, 0x000000) > 100);
    }

    @Test
    void galleryShowsAtMostMaxTiles() throws IOException {
        Path some = dir.resolve("some.png");
        Path all = dir.resolve("all.png");
        TrainingCharts.writeErrorGallery("the first 16", mistakes(100), 16, some);
        TrainingCharts.writeErrorGallery("all 100", mistakes(100), 100, all);
        BufferedImage first = read(some);
        BufferedImage every = read(all);
        assertTrue(first.getHeight() < every.getHeight(), first.getHeight() + " vs " + every.getHeight());
    }

    @Test
    void galleryDrawsNonAsciiAndLongLabels() throws IOException {
        Glyph g = stroke(9);
        List<TrainingCharts.Mistake> list = List.of(
                new TrainingCharts.Mistake(g, "α", "Ж", 0.9, ""),
                new TrainingCharts.Mistake(g, "中", "a very very long predicted label", 0.9996, "C:\\scans\\x.png"));
        Path png = dir.resolve("unicode.png");
        TrainingCharts.writeErrorGallery("ελληνικά", list, 10, png);
        read(png);
    }

    @Test
    void galleryRejectsMaxTilesOutOfRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainingCharts.writeErrorGallery("t", List.of(), 0, dir.resolve("x.png")));
        assertTrue(e.getMessage().contains("0"), e.getMessage());
    }

    @Test
    void mistakeRejectsAProbabilityOutOfRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TrainingCharts.Mistake(stroke(3), "1", "7", 1.5, ""));
        assertTrue(e.getMessage().contains("1.5"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TrainingCharts.Mistake(stroke(3), "1", "7", Double.NaN, ""));
    }

    @Test
    void probabilitiesNeverRoundUpToOne() {
        assertEquals("0.87", ErrorGalleryImage.formatProbability(0.8712));
        assertEquals("0.998", ErrorGalleryImage.formatProbability(0.998));
        assertEquals("0.999", ErrorGalleryImage.formatProbability(0.99996));
        assertEquals("1.00", ErrorGalleryImage.formatProbability(1.0));
    }

    // ---- files

    @Test
    void writersCreateFoldersAndLeaveNoTemporaryFiles() throws IOException {
        Path png = dir.resolve("a/b/matrix.png");
        TrainingCharts.writeConfusionMatrix("t", labels(2), diagonal(2), png);
        TrainingCharts.writeConfusionMatrix("again", labels(3), diagonal(3), png); // replaces
        try (Stream<Path> files = Files.list(png.getParent())) {
            assertEquals(List.of(png), files.toList());
        }
        assertTrue(read(png).getWidth() > 0);
    }
}

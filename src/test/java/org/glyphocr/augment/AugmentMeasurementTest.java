package org.glyphocr.augment;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.glyphocr.image.Glyph;
import org.glyphocr.image.InkImage;
import org.glyphocr.image.PreprocessSettings;
import org.glyphocr.image.Preprocessor;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Measurements behind {@link Augmenter#WORK_SCALE} and the speed of augmentation, and a contact
 * sheet to look at. Slow (about half a minute); run with
 * {@code mvn test -Dgroups=slow -DexcludedGroups=none -Dtest=AugmentMeasurementTest}. Prints its
 * results; asserts nothing about time.
 */
@Tag("slow")
class AugmentMeasurementTest {
    /** Default preprocessing but strokes left as drawn, so stroke changes stay visible. */
    private static final Preprocessor AS_DRAWN = new Preprocessor(PreprocessSettings.builder().strokeWidth(0).build());
    private static final int FIT = 16;
    private static final int[] SCALES = {2, 3, 4};

    @Test
    void speedPerSampleOnOneThread() {
        List<InkImage> inks = stored(MnistInk.firstOfEachDigit(60));
        AugmentSettings always = AugmentSettings.DEFAULT.toBuilder().probability(1).build();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int rounds = 9;
        // Rounds alternate between the resolutions (and toGlyph alone, last), so that they share
        // whatever else the machine is doing; round 0 warms up the JIT and is not counted.
        double[][] wall = new double[SCALES.length + 1][rounds - 1];
        double[][] cpu = new double[SCALES.length + 1][rounds - 1];
        for (int round = 0; round < rounds; round++) {
            for (int s = 0; s <= SCALES.length; s++) {
                Augmenter augmenter = s < SCALES.length ? new Augmenter(always, FIT, SCALES[s]) : null;
                long startWall = System.nanoTime();
                long startCpu = threads.getCurrentThreadCpuTime();
                double sink = 0;
                for (int i = 0; i < inks.size(); i++) {
                    InkImage ink = augmenter == null ? inks.get(i) : augmenter.apply(inks.get(i), Augmenter.randomFor(round, 0, i));
                    sink += AS_DRAWN.toGlyph(ink).value(9, 9);
                }
                assertTrue(sink < inks.size());
                if (round == 0) continue;
                wall[s][round - 1] = (System.nanoTime() - startWall) / 1e3 / inks.size();
                cpu[s][round - 1] = (threads.getCurrentThreadCpuTime() - startCpu) / 1e3 / inks.size();
            }
        }
        for (int s = 0; s <= SCALES.length; s++) {
            Arrays.sort(wall[s]);
            Arrays.sort(cpu[s]);
            String what = s < SCALES.length ? "workScale " + SCALES[s] + ": apply + toGlyph" : "toGlyph alone";
            System.out.printf(Locale.ROOT, "%s: %.1f µs per digit (best of %d rounds; median %.1f; thread CPU time best %.1f)%n",
                    what, wall[s][0], rounds - 1, wall[s][wall[s].length / 2], cpu[s][0]);
        }
    }

    @Test
    void workingResolutionsGiveNearlyTheSameGlyphs() {
        List<InkImage> inks = stored(MnistInk.firstOfEachDigit(60));
        AugmentSettings always = AugmentSettings.DEFAULT.toBuilder().probability(1).build();
        Augmenter reference = new Augmenter(always, FIT, 4);
        double effect = 0;
        double[] differences = new double[SCALES.length];
        for (int i = 0; i < inks.size(); i++) {
            InkImage ink = inks.get(i);
            Glyph finest = AS_DRAWN.toGlyph(reference.apply(ink, Augmenter.randomFor(5, 0, i)));
            effect += MnistInk.meanAbsDiff(finest, AS_DRAWN.toGlyph(ink));
            for (int s = 0; s < SCALES.length; s++) {
                Augmenter augmenter = new Augmenter(always, FIT, SCALES[s]);
                differences[s] += MnistInk.meanAbsDiff(finest,
                        AS_DRAWN.toGlyph(augmenter.apply(ink, Augmenter.randomFor(5, 0, i))));
            }
        }
        System.out.printf(Locale.ROOT, "augmentation changes glyphs by %.4f per value (workScale 4)%n", effect / inks.size());
        for (int s = 0; s < SCALES.length; s++) {
            System.out.printf(Locale.ROOT, "workScale %d differs from workScale 4 by %.4f per value%n",
                    SCALES[s], differences[s] / inks.size());
            assertTrue(differences[s] < 0.25 * effect, "workScale " + SCALES[s]);
        }
        for (int scale : SCALES) {
            Augmenter identity = new Augmenter(AugmentSettings.NONE, FIT, scale);
            double resampling = 0;
            for (InkImage ink : inks) {
                InkImage out = identity.distort(ink, Distortion.IDENTITY, new SplittableRandom(1), new SplittableRandom(2));
                resampling += MnistInk.meanAbsDiff(AS_DRAWN.toGlyph(out), AS_DRAWN.toGlyph(ink));
            }
            System.out.printf(Locale.ROOT, "workScale %d: resampling without distortion changes glyphs by %.4f per value%n",
                    scale, resampling / inks.size());
        }
    }

    @Test
    void writesAContactSheetOfDefaultAugmentations() throws IOException {
        List<InkImage> inks = stored(MnistInk.firstOfEachDigit(2));
        Augmenter augmenter = new Augmenter(AugmentSettings.DEFAULT, FIT);
        List<List<Glyph>> rows = new ArrayList<>();
        for (int i = 0; i < inks.size(); i++) {
            List<Glyph> row = new ArrayList<>();
            row.add(AS_DRAWN.toGlyph(inks.get(i)));
            for (int epoch = 0; epoch < 15; epoch++) {
                row.add(AS_DRAWN.toGlyph(augmenter.apply(inks.get(i), Augmenter.randomFor(1, epoch, i))));
            }
            rows.add(row);
        }
        Path png = Path.of("target", "augment-contact-sheet.png");
        Files.createDirectories(png.getParent());
        ContactSheet.writeRows(rows, 2, png);
        System.out.println("contact sheet: " + png.toAbsolutePath());
        assertTrue(Files.size(png) > 0);
    }

    private static List<InkImage> stored(List<InkImage> inks) {
        return inks.stream().map(ink -> Augmenter.toWorkingSize(ink, FIT)).toList();
    }
}

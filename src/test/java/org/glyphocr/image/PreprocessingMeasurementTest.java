package org.glyphocr.image;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Measurements behind the defaults in {@link PreprocessSettings#DEFAULT}, and preprocessing
 * throughput. Slow (about a minute); run with {@code mvn test -Dgroups=slow -Dtest=PreprocessingMeasurementTest}.
 *
 * <p>No classifier is trained: glyph quality is judged by 1-nearest-neighbour (Euclidean) and
 * nearest-class-mean accuracy on {@code testdata/mnist-7k}, split 70/30 by file index within each
 * digit. A preprocessing that puts same-digit glyphs closer together scores higher.
 */
@Tag("slow")
class PreprocessingMeasurementTest {
    private record Sample(byte[] png, int label, boolean reference) {
    }

    private static List<Sample> loadMnist() throws IOException {
        List<Sample> samples = new ArrayList<>();
        for (int digit = 0; digit < 10; digit++) {
            List<Path> files = TestImages.mnistFiles(digit);
            int references = (int) Math.round(files.size() * 0.7);
            for (int i = 0; i < files.size(); i++) samples.add(new Sample(Files.readAllBytes(files.get(i)), digit, i < references));
        }
        return samples;
    }

    @Test
    void deskewAndFitSizeByNearestNeighbourAccuracy() throws IOException {
        List<Sample> samples = loadMnist();
        List<PreprocessSettings> grid = new ArrayList<>();
        for (boolean deskew : new boolean[] {false, true}) {
            for (int fitSize : new int[] {20, 18, 16, 14}) {
                grid.add(PreprocessSettings.builder().deskew(deskew).fitSize(fitSize).build());
            }
        }
        grid.add(PreprocessSettings.builder().deskew(true).fitSize(16).centerOfMass(false).build());
        grid.add(PreprocessSettings.builder().deskew(true).fitSize(16).normalizeContrast(false).build());
        for (PreprocessSettings settings : grid) {
            double[] accuracy = accuracy(samples, new Preprocessor(settings));
            System.out.printf(Locale.ROOT, "deskew=%-5b fitSize=%d centerOfMass=%-5b normalizeContrast=%-5b: 1-NN %.2f%%, class mean %.2f%%%n",
                    settings.deskew(), settings.fitSize(), settings.centerOfMass(), settings.normalizeContrast(),
                    100 * accuracy[0], 100 * accuracy[1]);
            assertTrue(accuracy[0] > 0.85, "1-NN accuracy " + accuracy[0]);
        }
    }

    /** {1-NN accuracy, nearest-class-mean accuracy} on the held-out 30%. */
    private static double[] accuracy(List<Sample> samples, Preprocessor pre) throws IOException {
        List<float[]> refs = new ArrayList<>();
        List<Integer> refLabels = new ArrayList<>();
        List<float[]> queries = new ArrayList<>();
        List<Integer> queryLabels = new ArrayList<>();
        double[][] means = new double[10][Glyph.PIXELS];
        int[] counts = new int[10];
        for (Sample s : samples) {
            float[] v = pre.process(s.png(), "mnist", ImageDecoder.DEFAULT).orElseThrow().values();
            if (s.reference()) {
                refs.add(v);
                refLabels.add(s.label());
                for (int i = 0; i < v.length; i++) means[s.label()][i] += v[i];
                counts[s.label()]++;
            } else {
                queries.add(v);
                queryLabels.add(s.label());
            }
        }
        for (int c = 0; c < 10; c++) {
            for (int i = 0; i < Glyph.PIXELS; i++) means[c][i] /= counts[c];
        }
        int nnRight = 0;
        int meanRight = 0;
        for (int q = 0; q < queries.size(); q++) {
            float[] v = queries.get(q);
            double best = Double.POSITIVE_INFINITY;
            int bestLabel = -1;
            for (int r = 0; r < refs.size(); r++) {
                float[] u = refs.get(r);
                double d = 0;
                for (int i = 0; i < Glyph.PIXELS && d < best; i++) {
                    double e = v[i] - u[i];
                    d += e * e;
                }
                if (d < best) {
                    best = d;
                    bestLabel = refLabels.get(r);
                }
            }
            if (bestLabel == queryLabels.get(q)) nnRight++;
            double bestMean = Double.POSITIVE_INFINITY;
            int meanLabel = -1;
            for (int c = 0; c < 10; c++) {
                double d = 0;
                for (int i = 0; i < Glyph.PIXELS; i++) {
                    double e = v[i] - means[c][i];
                    d += e * e;
                }
                if (d < bestMean) {
                    bestMean = d;
                    meanLabel = c;
                }
            }
            if (meanLabel == queryLabels.get(q)) meanRight++;
        }
        return new double[] {nnRight / (double) queries.size(), meanRight / (double) queries.size()};
    }

    @Test
    void throughputOfPngBytesToGlyphOnOneThread() throws IOException {
        List<Sample> samples = loadMnist();
        Preprocessor pre = Preprocessor.DEFAULT;
        ImageDecoder decoder = ImageDecoder.DEFAULT;
        float[] batch = new float[Glyph.PIXELS];
        for (int round = 0; round < 8; round++) {
            long start = System.nanoTime();
            for (Sample s : samples) decoder.decode(s.png(), "mnist");
            long decoded = System.nanoTime();
            for (Sample s : samples) pre.process(s.png(), "mnist", decoder).orElseThrow().copyInto(batch, 0);
            long end = System.nanoTime();
            double decodeOnly = samples.size() / ((decoded - start) / 1e9);
            double full = samples.size() / ((end - decoded) / 1e9);
            System.out.printf(Locale.ROOT, "round %d: decode only %.0f images/s, decode + preprocess %.0f images/s (%.1f us/image, of which preprocessing %.1f us)%n",
                    round, decodeOnly, full, 1e6 / full, 1e6 / full - 1e6 / decodeOnly);
        }
        List<java.awt.image.BufferedImage> images = new ArrayList<>();
        for (Sample s : samples) images.add(decoder.decode(s.png(), "mnist"));
        for (String name : new String[] {"deskew off", "deskew on"}) {
            Preprocessor p = new Preprocessor(PreprocessSettings.builder().deskew(name.equals("deskew on")).build());
            for (int round = 0; round < 5; round++) {
                long start = System.nanoTime();
                for (java.awt.image.BufferedImage image : images) p.process(image).orElseThrow();
                double rate = images.size() / ((System.nanoTime() - start) / 1e9);
                System.out.printf(Locale.ROOT, "%s, preprocess decoded image only: %.0f images/s%n", name, rate);
            }
        }
    }
}

package org.glyphocr.model;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CalibrationTest {
    /**
     * Probabilities {@code softmax(z)} of random logits, with each true class drawn from
     * {@code softmax(z / trueTemperature)}: the fit should find {@code trueTemperature}.
     */
    @Test
    void fitsTheTemperatureThatGeneratedTheLabels() {
        for (double trueTemperature : new double[] {0.7, 1, 2.5}) {
            int n = 20_000;
            int classes = 5;
            SplittableRandom random = new SplittableRandom(11);
            float[] probabilities = new float[n * classes];
            int[] targets = new int[n];
            for (int i = 0; i < n; i++) {
                double[] z = new double[classes];
                for (int j = 0; j < classes; j++) z[j] = 3 * random.nextDouble();
                double[] p = softmax(z, 1);
                double[] q = softmax(z, trueTemperature);
                for (int j = 0; j < classes; j++) probabilities[i * classes + j] = (float) p[j];
                double u = random.nextDouble();
                int t = 0;
                while (t < classes - 1 && (u -= q[t]) > 0) t++;
                targets[i] = t;
            }
            double fitted = Calibration.fit(probabilities, targets, n, classes).temperature();
            assertEquals(trueTemperature, fitted, 0.1 * trueTemperature, "true temperature " + trueTemperature);
        }
    }

    @Test
    void aSplitReadWithoutErrorsSharpensNoFurtherThanHalfTheTemperature() {
        float[] p = {0.9f, 0.1f, 0.8f, 0.2f, 0.3f, 0.7f};
        assertEquals(Calibration.MIN_TEMPERATURE, Calibration.fit(p, new int[] {0, 0, 1}, 3, 2).temperature(), 1e-6);
    }

    private static double[] softmax(double[] z, double temperature) {
        double[] p = new double[z.length];
        double sum = 0;
        for (int j = 0; j < z.length; j++) sum += p[j] = Math.exp(z[j] / temperature);
        for (int j = 0; j < z.length; j++) p[j] /= sum;
        return p;
    }

    @Test
    void softensOrSharpensWithoutChangingTheRanking() {
        float[] p = {0.7f, 0.2f, 0.1f};
        new Calibration(2).apply(p, 0, 3);
        assertTrue(p[0] > p[1] && p[1] > p[2] && p[0] < 0.7f, java.util.Arrays.toString(p));
        assertEquals(1, p[0] + p[1] + p[2], 1e-6);
        float[] q = {0.7f, 0.2f, 0.1f};
        new Calibration(0.5).apply(q, 0, 3);
        assertTrue(q[0] > 0.7f);
        float[] same = {0.7f, 0.2f, 0.1f};
        Calibration.NONE.apply(same, 0, 3);
        assertEquals(0.7f, same[0]);
        assertThrows(IllegalArgumentException.class, () -> new Calibration(0));
        assertThrows(IllegalArgumentException.class, () -> new Calibration(Double.NaN));
    }

    @Test
    void expectedCalibrationErrorWeighsEachBinsGap() {
        // Bin (0.8667, 0.9333]: two samples at 0.9, one right: gap 0.4. Bin (0.9333, 1]: two at 1.0, both right: gap 0.
        double ece = Calibration.expectedCalibrationError(new double[] {0.9, 0.9, 1.0, 1.0}, new boolean[] {true, false, true, true}, 15);
        assertEquals(0.5 * 0.4, ece, 1e-12);
        assertEquals(0, Calibration.bin(0, 15));
        assertEquals(14, Calibration.bin(1, 15));
    }

    @Test
    void travelsInTheModelFileAndOlderFilesReadUncalibrated() throws Exception {
        Model model = TestModels.tiny().withCalibration(new Calibration(1.75));
        Model read = ModelReader.read(ModelWriter.toBytes(model), "calibrated");
        assertEquals(1.75, read.calibration().temperature());
        assertEquals(model, read);
        // A file of format 1.0, before calibration existed, reads as the same model, uncalibrated.
        Model old = ModelReader.read(Path.of("testdata/golden/tiny-1.0.gocr"));
        assertEquals(Calibration.NONE, old.calibration());
        assertEquals(TestModels.tiny().parameters(), old.parameters());
    }
}

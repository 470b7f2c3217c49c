package org.glyphocr.augment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ElasticFieldTest {
    @Test
    void displacementHasTheRequestedStandardDeviationBetweenNodesToo() {
        for (double sigma : new double[] {2, 6.4, 20}) {
            ElasticField.Generator generator = new ElasticField.Generator(3, sigma);
            double sum = 0;
            double sumOfSquares = 0;
            long count = 0;
            SplittableRandom random = new SplittableRandom(5);
            SplittableRandom where = new SplittableRandom(6);
            for (int f = 0; f < 300; f++) {
                ElasticField field = generator.generate(-30, 30, -20, 20, random);
                for (int k = 0; k < 50; k++) {
                    // Bilinear interpolation at a random point of a random cell.
                    int n = where.nextInt(field.nodesX() - 1);
                    int m = where.nextInt(field.nodesY() - 1);
                    double a = where.nextDouble();
                    double b = where.nextDouble();
                    int node = m * field.nodesX() + n;
                    int below = node + field.nodesX();
                    double d = (1 - b) * ((1 - a) * field.dx(node) + a * field.dx(node + 1))
                            + b * ((1 - a) * field.dx(below) + a * field.dx(below + 1));
                    sum += d;
                    sumOfSquares += d * d;
                    count++;
                }
            }
            double mean = sum / count;
            assertEquals(0, mean, 0.2, "sigma " + sigma);
            assertEquals(3, Math.sqrt(sumOfSquares / count - mean * mean), 0.2, "sigma " + sigma);
        }
    }

    @Test
    void interpolationLowersTheVarianceBetweenNodes() {
        // Nodes σ apart: neighbours correlate at about exp(−1/4).
        double ratio = ElasticField.Generator.interpolatedVarianceRatio(ElasticField.gaussianKernel(1));
        assertTrue(ratio > 0.8 && ratio < 0.9, "ratio " + ratio);
        assertEquals(1, ElasticField.Generator.interpolatedVarianceRatio(ElasticField.gaussianKernel(20)), 0.01);
    }

    @Test
    void simardsDefaultsGiveAboutOneAndAHalfPixelsOnA28PixelDigit() {
        // MNIST digits are fitted into 20 of 28 pixels; σ = 4 and α = 34 pixels there.
        double std = Augmenter.elasticStd(AugmentSettings.DEFAULT, 20);
        assertEquals(34 / (2 * Math.sqrt(3 * Math.PI) * 4), std, 1e-9);
        assertEquals(1.38, std, 0.01);
    }

    @Test
    void theFieldCoversTheRectangleAndItsMargin() {
        ElasticField field = new ElasticField.Generator(2, 5).generate(-10, 40, 5, 25, new SplittableRandom(1));
        assertTrue(field.originX() <= -10 - 8 && field.originY() <= 5 - 8);
        assertTrue(field.originX() + (field.nodesX() - 1) * field.spacing() >= 40 + 8);
        assertTrue(field.originY() + (field.nodesY() - 1) * field.spacing() >= 25 + 8);
        assertEquals(5, field.spacing(), 1e-12); // σ apart
    }

    @Test
    void gaussianKernelIsNormalisedAndSymmetric() {
        float[] k = ElasticField.gaussianKernel(1.3);
        assertEquals(2 * 4 + 1, k.length);
        double sum = 0;
        for (int i = 0; i < k.length; i++) {
            sum += k[i];
            assertEquals(k[i], k[k.length - 1 - i]);
        }
        assertEquals(1, sum, 1e-6);
    }
}

package org.glyphocr.image;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class OrderStatisticsTest {
    @Test
    void theKthSmallestIsWhatTheSortedArrayHoldsThere() {
        SplittableRandom random = new SplittableRandom(8);
        for (int round = 0; round < 2_000; round++) {
            int n = 1 + random.nextInt(200);
            double[] values = new double[n];
            // Few distinct values in half the rounds, so that runs of equal values are common.
            int distinct = round % 2 == 0 ? 1 + random.nextInt(4) : 1_000_000;
            for (int i = 0; i < n; i++) values[i] = random.nextInt(distinct) * 0.5;
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            int k = random.nextInt(n);
            assertEquals(sorted[k], OrderStatistics.kthSmallest(values.clone(), k), "n " + n + ", k " + k);
        }
    }

    @Test
    void anIndexOutsideTheArrayIsRefused() {
        assertThrows(IndexOutOfBoundsException.class, () -> OrderStatistics.kthSmallest(new double[3], 3));
        assertThrows(IndexOutOfBoundsException.class, () -> OrderStatistics.kthSmallest(new double[0], 0));
    }
}

package org.glyphocr.image;

/**
 * Otsu's threshold: the split of a histogram into a low and a high class that maximises the
 * between-class variance {@code wLow · wHigh · (meanLow − meanHigh)²}.
 */
final class OtsuThreshold {
    private OtsuThreshold() {
    }

    /**
     * Counts how often each unsigned byte value occurs in {@code values}.
     *
     * <p>Four interleaved partial counts are kept: images are mostly one value (paper), and
     * incrementing a single counter over and over makes each increment wait for the previous one.
     *
     * @param values the data. Not modified.
     * @return 256 counts
     */
    static int[] histogram(byte[] values) {
        int[] partial = new int[4 * 256];
        int n = values.length;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            partial[values[i] & 0xff]++;
            partial[256 + (values[i + 1] & 0xff)]++;
            partial[512 + (values[i + 2] & 0xff)]++;
            partial[768 + (values[i + 3] & 0xff)]++;
        }
        for (; i < n; i++) partial[values[i] & 0xff]++;
        int[] histogram = new int[256];
        for (int v = 0; v < 256; v++) histogram[v] = partial[v] + partial[256 + v] + partial[512 + v] + partial[768 + v];
        return histogram;
    }

    /**
     * The threshold {@code t} such that bins {@code 0..t} form the low class and {@code t+1..} the
     * high class. Where several thresholds tie (an empty gap between two modes), the middle of the gap
     * is returned, so that the split sits halfway between the modes.
     *
     * @param histogram pixel counts per bin, non-negative. Not modified.
     * @return the threshold, or {@code -1} if fewer than two bins are occupied (nothing to split)
     */
    static int of(int[] histogram) {
        int lo = 0;
        int hi = histogram.length - 1;
        while (lo < histogram.length && histogram[lo] == 0) lo++;
        while (hi > lo && histogram[hi] == 0) hi--;
        if (lo >= hi) return -1;
        long total = 0;
        long sumAll = 0;
        for (int i = lo; i <= hi; i++) {
            total += histogram[i];
            sumAll += (long) i * histogram[i];
        }
        // With n counts and s sums, wLow·wHigh·(meanLow − meanHigh)² = (sLow·nHigh − sHigh·nLow)² / (nLow·nHigh).
        // Candidates are compared by cross-multiplying, which avoids a division per bin.
        long weightLow = 0;
        long sumLow = 0;
        double bestNumerator = -1;
        double bestDenominator = 1;
        int first = -1;
        int last = -1;
        for (int t = lo; t < hi; t++) {
            int count = histogram[t];
            if (count == 0) {
                // An empty bin changes neither class: it ties with the previous threshold.
                if (last == t - 1) last = t;
                continue;
            }
            weightLow += count;
            sumLow += (long) t * count;
            long weightHigh = total - weightLow;
            double diff = (double) sumLow * weightHigh - (double) (sumAll - sumLow) * weightLow;
            double numerator = diff * diff;
            double denominator = (double) weightLow * weightHigh;
            if (numerator * bestDenominator > bestNumerator * denominator) {
                bestNumerator = numerator;
                bestDenominator = denominator;
                first = t;
                last = t;
            }
        }
        return (first + last) / 2;
    }
}

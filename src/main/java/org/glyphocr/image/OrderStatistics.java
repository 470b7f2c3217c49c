package org.glyphocr.image;

import java.util.Objects;

/** Order statistics of small arrays, without sorting them. */
final class OrderStatistics {
    private OrderStatistics() {
    }

    /**
     * The {@code k}-th smallest value (0-based): what {@code values} sorted would hold at index
     * {@code k}. Quickselect, in linear time on average. Every glyph's paper grain is the median of
     * its border's residuals, found this way; a full sort ran slower and took the JIT compiler a
     * tenth of a second to compile while {@code read} warmed up.
     *
     * @param values finite, not NaN; reordered
     * @throws IndexOutOfBoundsException if {@code k} is not an index of {@code values}
     */
    static double kthSmallest(double[] values, int k) {
        Objects.checkIndex(k, values.length);
        int lo = 0;
        int hi = values.length - 1;
        while (lo < hi) {
            double pivot = values[(lo + hi) >>> 1];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (values[i] < pivot) i++;
                while (values[j] > pivot) j--;
                if (i <= j) {
                    double t = values[i];
                    values[i++] = values[j];
                    values[j--] = t;
                }
            }
            // Now values[lo..j] <= pivot <= values[i..hi], and everything between equals the pivot.
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return values[k];
            }
        }
        return values[k];
    }
}

package org.glyphocr.image;

import java.util.Arrays;

/**
 * The 8-connected components of the set pixels of a mask, found by breadth-first flood fill.
 *
 * <p>The mask is framed: a one-pixel border around the image that is never set, so that
 * neighbours are found by index offsets without bounds checks. The pixels of component {@code c}
 * are {@code pixels()[start(c) .. start(c) + size(c) - 1]}, as indices into the framed mask.
 */
final class InkComponents {
    private final int[] pixels;
    private final int[] starts;
    private final int count;

    private InkComponents(int[] pixels, int[] starts, int count) {
        this.pixels = pixels;
        this.starts = starts;
        this.count = count;
    }

    /** Offsets of the 8 neighbours of a pixel in a framed raster {@code stride} wide. */
    static int[] neighbourOffsets(int stride) {
        return new int[] {-stride - 1, -stride, -stride + 1, -1, 1, stride - 1, stride, stride + 1};
    }

    /**
     * Labels the pixels of {@code mask} equal to {@code set}.
     *
     * @param mask one byte per pixel of the framed raster, row-major, {@code stride} wide; its
     *     border pixels must not equal {@code set}. Modified: each labelled pixel becomes {@code visited}.
     * @param setCount how many pixels of the mask equal {@code set}
     */
    static InkComponents find(byte[] mask, int stride, byte set, byte visited, int setCount) {
        int[] offsets = neighbourOffsets(stride);
        int[] pixels = new int[setCount];
        int[] starts = new int[16];
        int count = 0;
        int tail = 0;
        for (int seed = 0; seed < mask.length && tail < setCount; seed++) {
            if (mask[seed] != set) continue;
            if (count + 1 >= starts.length) starts = Arrays.copyOf(starts, starts.length * 2);
            starts[count++] = tail;
            mask[seed] = visited;
            pixels[tail++] = seed;
            // The pixels array doubles as the queue: this component's pixels are appended in order.
            for (int head = starts[count - 1]; head < tail; head++) {
                int p = pixels[head];
                for (int offset : offsets) {
                    int q = p + offset;
                    if (mask[q] == set) {
                        mask[q] = visited;
                        pixels[tail++] = q;
                    }
                }
            }
        }
        starts[count] = tail;
        return new InkComponents(pixels, starts, count);
    }

    /** Number of components. */
    int count() {
        return count;
    }

    /** Pixels in component {@code c}. */
    int size(int c) {
        return starts[c + 1] - starts[c];
    }

    /** Index into {@link #pixels()} of component {@code c}'s first pixel. */
    int start(int c) {
        return starts[c];
    }

    /** All labelled pixels' indices, grouped by component. The internal array: do not modify. */
    int[] pixels() {
        return pixels;
    }
}

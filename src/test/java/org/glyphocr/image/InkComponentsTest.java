package org.glyphocr.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class InkComponentsTest {
    private static InkComponents find(String... rows) {
        int stride = rows[0].length() + 2; // with the one-pixel frame
        byte[] mask = new byte[stride * (rows.length + 2)];
        int count = 0;
        for (int y = 0; y < rows.length; y++) {
            for (int x = 0; x < rows[y].length(); x++) {
                if (rows[y].charAt(x) == '#') {
                    mask[(y + 1) * stride + x + 1] = 1;
                    count++;
                }
            }
        }
        return InkComponents.find(mask, stride, (byte) 1, (byte) 2, count);
    }

    private static int[] sizes(InkComponents c) {
        int[] sizes = new int[c.count()];
        for (int i = 0; i < sizes.length; i++) sizes[i] = c.size(i);
        Arrays.sort(sizes);
        return sizes;
    }

    @Test
    void diagonalNeighboursAreConnected() {
        InkComponents c = find(
                "#...",
                ".#..",
                "..#.",
                "...#");
        assertEquals(1, c.count());
        assertEquals(4, c.size(0));
    }

    @Test
    void inkTouchingTheEdgesDoesNotWrapAround() {
        InkComponents c = find(
                "...#",
                "#...",
                "...#",
                "#...");
        assertEquals(4, c.count());
    }

    @Test
    void separateBlobsAreSeparateComponents() {
        InkComponents c = find(
                "##...#",
                "##....",
                "......",
                "..###.");
        assertArrayEquals(new int[] {1, 3, 4}, sizes(c));
    }

    @Test
    void aRingIsOneComponentAroundItsHole() {
        InkComponents c = find(
                ".###.",
                "#...#",
                "#...#",
                ".###.");
        assertEquals(1, c.count());
        assertEquals(10, c.size(0));
    }

    @Test
    void emptyMaskHasNoComponents() {
        assertEquals(0, find("....", "....").count());
    }
}

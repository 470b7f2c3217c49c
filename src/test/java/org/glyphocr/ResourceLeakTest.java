package org.glyphocr;

import org.glyphocr.model.ModelReader;
import org.glyphocr.model.ModelWriter;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Loading a model, reading an image and closing the recognizer, many times over, leaves memory and
 * threads as they were: nothing is cached per model or left running.
 */
class ResourceLeakTest {
    private static final int ROUNDS = 120;

    @Test
    void loadClassifyCloseRepeatedlyHoldsMemoryAndThreadsFlat() throws Exception {
        byte[] modelBytes = ModelWriter.toBytes(Models.digits());
        byte[] image = Files.readAllBytes(Path.of("testdata/samples/scan-7.gif"));
        long[] usedAfter = new long[ROUNDS];
        int threadsBefore = Thread.activeCount();
        for (int round = 0; round < ROUNDS; round++) {
            try (Recognizer ocr = Recognizer.of(ModelReader.read(modelBytes, "digits"))) {
                assertEquals("7", ocr.recognize(image, "scan-7.gif").label());
            }
            if (round == ROUNDS / 4 || round == ROUNDS - 1) usedAfter[round] = usedHeapAfterGc();
        }
        long growth = usedAfter[ROUNDS - 1] - usedAfter[ROUNDS / 4];
        // Each round reads a 3.9 MB model: a leak of it, or of anything per round, would grow the heap
        // by hundreds of megabytes over 90 rounds.
        assertTrue(growth < 16L << 20, "heap grew by " + (growth >> 20) + " MB over " + (ROUNDS - 1 - ROUNDS / 4) + " rounds");
        assertEquals(threadsBefore, Thread.activeCount(), "threads left running");
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }
}

package org.glyphocr.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The 7,000 MNIST digits of {@code testdata/mnist-7k}, loaded once per test JVM. */
public final class TestDigits {
    public static final Path FOLDER = Path.of("testdata/mnist-7k");
    private static LabeledGlyphs all;
    private static LabeledGlyphs allWithInk;

    private TestDigits() {
    }

    public static synchronized LabeledGlyphs all() {
        if (all == null) {
            try {
                all = DatasetLoader.load(FOLDER).data();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return all;
    }

    /** All digits with their ink images, for training with augmentation. */
    public static synchronized LabeledGlyphs allWithInk() {
        if (allWithInk == null) {
            try {
                allWithInk = DatasetLoader.load(FOLDER, org.glyphocr.image.Preprocessor.DEFAULT,
                        org.glyphocr.image.ImageDecoder.DEFAULT, true).data();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return allWithInk;
    }

    /** The first {@code perClass} digits of each class, in file order. */
    public static LabeledGlyphs firstOfEachClass(int perClass) {
        return firstOfEachClass(all(), perClass);
    }

    /** Like {@link #firstOfEachClass(int)}, with ink images. */
    public static LabeledGlyphs firstOfEachClassWithInk(int perClass) {
        return firstOfEachClass(allWithInk(), perClass);
    }

    private static LabeledGlyphs firstOfEachClass(LabeledGlyphs data, int perClass) {
        int[] taken = new int[data.alphabet().size()];
        List<Integer> indices = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            if (taken[data.target(i)]++ < perClass) indices.add(i);
        }
        return data.subset(indices.stream().mapToInt(Integer::intValue).toArray());
    }
}

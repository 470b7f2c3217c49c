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

    /** The first {@code perClass} digits of each class, in file order. */
    public static LabeledGlyphs firstOfEachClass(int perClass) {
        LabeledGlyphs data = all();
        int[] taken = new int[data.alphabet().size()];
        List<Integer> indices = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            if (taken[data.target(i)]++ < perClass) indices.add(i);
        }
        return data.subset(indices.stream().mapToInt(Integer::intValue).toArray());
    }
}

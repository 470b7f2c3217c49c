package org.glyphocr;

import org.glyphocr.data.DatasetLoader;
import org.glyphocr.data.LabeledGlyphs;
import org.glyphocr.image.ImageDecoder;
import org.glyphocr.image.Preprocessor;
import org.glyphocr.model.Model;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bundled digits model on digits it never saw: its own test split of {@code testdata/mnist-7k}
 * (rebuilt from its provenance), as is and re-drawn dark on light paper, scanned at other sizes and
 * saved in every supported format.
 */
class BundledModelTest {
    @TempDir
    Path dir;

    @Test
    void wasTrainedOnTheTestDigitsFolder() throws IOException {
        Model model = Models.digits();
        LabeledGlyphs all = DatasetLoader.load(Path.of("testdata/mnist-7k"), new Preprocessor(model.preprocessing()), ImageDecoder.DEFAULT).data();
        assertEquals(all.sha256(), model.provenance().dataSha256(), "models/digits.gocr was trained on other data; retrain it (README)");
    }

    @Test
    void readsAtLeast97PercentOfItsHeldOutDigits() {
        double accuracy = Models.digits().provenance().testAccuracy();
        assertTrue(accuracy >= 0.97, "test accuracy " + accuracy);
    }

    @Test
    void readsAtLeast95PercentOfHeldOutDigitsScannedDarkOnLight() throws IOException {
        Model model = Models.digits();
        List<ScannedDigits.Labelled> files = ScannedDigits.testSplitFiles(Path.of("testdata/mnist-7k"), model);
        // Every third held-out digit keeps the test quick; the full set is a command in the README.
        List<ScannedDigits.Labelled> some = java.util.stream.IntStream.range(0, files.size()).filter(i -> i % 3 == 0)
                .mapToObj(files::get).toList();
        ScannedDigits.write(some, dir, 11);
        LabeledGlyphs scans = DatasetLoader.load(dir, new Preprocessor(model.preprocessing()), ImageDecoder.DEFAULT).data();
        assertEquals(some.size(), scans.size());
        try (Recognizer ocr = Recognizer.of(model)) {
            double accuracy = Evaluation.of(ocr, scans).accuracy();
            assertTrue(accuracy >= 0.95, "accuracy on scans " + accuracy);
        }
    }
}

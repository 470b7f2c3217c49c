package org.glyphocr;

import org.glyphocr.data.DatasetLoader;
import org.glyphocr.data.LabeledGlyphs;
import org.glyphocr.model.ModelWriter;
import org.glyphocr.train.SgdTrainer;
import org.glyphocr.train.TrainerConfig;
import org.glyphocr.train.TrainingListener;
import org.glyphocr.train.TrainingResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The Java examples of README.md, kept compiling and working. */
class ReadmeExamplesTest {
    @TempDir
    Path dir;

    @Test
    void readDigit() throws Exception {
        try (Recognizer ocr = Recognizer.digits()) {
            Recognition r = ocr.recognize(Path.of("testdata/samples/scan-7.gif"));
            assertFalse(r.isBlank());
            assertEquals("7", r.topK(3).get(0).label());
        }
    }

    @Test
    void trainYourOwnAlphabet() throws IOException {
        Path greek = dir.resolve("greek");
        // Stand-in data: three digit classes, 40 images each.
        for (String label : new String[]{"alpha", "beta", "gamma"}) {
            Path to = Files.createDirectories(greek.resolve(label));
            String digit = label.equals("alpha") ? "0" : label.equals("beta") ? "1" : "2";
            try (Stream<Path> s = Files.list(Path.of("testdata/mnist-7k", digit))) {
                for (Path p : s.sorted().limit(40).toList()) Files.copy(p, to.resolve(p.getFileName()));
            }
        }
        LabeledGlyphs data = DatasetLoader.loadForTraining(greek).data();
        TrainerConfig config = TrainerConfig.builder().hiddenLayers(128).maxEpochs(30).seed(7).build();
        TrainingResult result = new SgdTrainer(config).train(data, TrainingListener.NONE);
        ModelWriter.write(result.model(), dir.resolve("greek.gocr"));
        try (Recognizer ocr = Recognizer.of(Models.load(dir.resolve("greek.gocr")))) {
            assertEquals("beta", ocr.recognize(Path.of("testdata/samples/mnist-1.png")).label());
        }
    }
}

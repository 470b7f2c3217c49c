package org.glyphocr.train;

import org.glyphocr.Evaluation;
import org.glyphocr.Recognizer;
import org.glyphocr.augment.AugmentSettings;
import org.glyphocr.data.DatasetLoader;
import org.glyphocr.data.LabeledGlyphs;
import org.glyphocr.data.TestDigits;
import org.glyphocr.image.ImageDecoder;
import org.glyphocr.image.Preprocessor;
import org.glyphocr.model.Model;
import org.glyphocr.nn.Parameters;
import org.glyphocr.synth.CharacterSet;
import org.glyphocr.synth.FontSource;
import org.glyphocr.synth.SynthDataset;
import org.glyphocr.synth.SynthSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FineTuningTest {
    @TempDir
    Path dir;

    @Test
    void theOutputLayerGrowsAndTheOldWeightsStay() {
        Parameters base = Parameters.initialize(org.glyphocr.nn.Architecture.classifier(400, new int[] {8},
                org.glyphocr.nn.Activation.RELU, 3), 1);
        Parameters grown = FineTuning.grow(base, org.glyphocr.nn.Architecture.classifier(400, new int[] {8},
                org.glyphocr.nn.Activation.RELU, 5), new SplittableRandom(1));
        assertEquals(base.weights(0)[123], grown.weights(0)[123]);
        for (int i = 0; i < 8; i++) {
            for (int j = 0; j < 3; j++) assertEquals(base.weights(1)[i * 3 + j], grown.weights(1)[i * 5 + j]);
            assertTrue(Math.abs(grown.weights(1)[i * 5 + 4]) < 0.1);
        }
        assertEquals(base.biases(1)[2], grown.biases(1)[2]);
    }

    @Test
    void learnsTwoNewLettersFromTenSamplesAndKeepsTheDigits() throws Exception {
        // A small digits model, then A and X from the JDK's Dialog font: 10 renderings each to learn from, others to test.
        LabeledGlyphs digits = TestDigits.firstOfEachClassWithInk(120);
        TrainerConfig config = TrainerConfig.builder().hiddenLayers(64).learningRate(0.1).maxEpochs(12).seed(3).build();
        Model base = new SgdTrainer(config).train(digits, TrainingListener.NONE).model();
        CharacterSet letters = CharacterSet.parse("AX");
        SynthDataset.write(FontSource.resolveAll(List.of("Dialog")), letters,
                new SynthSettings(new int[] {28}, 5, 2, 0.1, 0.03, 0.03, 12, 0.3, 0.3, 1), dir.resolve("few"));
        SynthDataset.write(FontSource.resolveAll(List.of("Serif", "Monospaced")), letters,
                new SynthSettings(new int[] {24, 40}, 3, 2, 0.1, 0.03, 0.03, 12, 0.3, 0.3, 2), dir.resolve("other"));
        Preprocessor preprocessor = new Preprocessor(base.preprocessing());
        LabeledGlyphs few = DatasetLoader.load(dir.resolve("few"), preprocessor, ImageDecoder.DEFAULT, true).data();
        assertEquals(20, few.size());
        Model tuned = FineTuning.finetune(base, few, digits, FineTuning.Settings.DEFAULT, TrainingListener.NONE);
        assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "A", "X"), tuned.alphabet().labels());
        LabeledGlyphs other = DatasetLoader.load(dir.resolve("other"), preprocessor, ImageDecoder.DEFAULT).data();
        LabeledGlyphs heldOutDigits = TestDigits.all().subset(java.util.stream.IntStream.range(0, 7000).filter(i -> i % 10 == 9).toArray());
        try (Recognizer before = Recognizer.of(base); Recognizer after = Recognizer.of(tuned)) {
            double letterAccuracy = Evaluation.of(after, other).accuracy();
            assertTrue(letterAccuracy >= 0.8, "new letters on other fonts: " + letterAccuracy);
            double was = Evaluation.of(before, heldOutDigits).accuracy();
            double is = Evaluation.of(after, heldOutDigits).accuracy();
            assertTrue(is >= was - 0.03, "digits " + was + " before, " + is + " after");
        }
    }

    @Test
    void refusesReplayOfLabelsTheBaseDoesNotHave() {
        LabeledGlyphs digits = TestDigits.firstOfEachClassWithInk(10);
        Model base = new SgdTrainer(TrainerConfig.builder().hiddenLayers(8).maxEpochs(1).augment(AugmentSettings.NONE).build())
                .train(digits, TrainingListener.NONE).model();
        LabeledGlyphs notDigits = LabeledGlyphs.of(org.glyphocr.model.Alphabet.of("Q", "Z"), List.of(digits.glyph(0), digits.glyph(1)),
                new int[] {0, 1}, List.of("a", "b"), digits.preprocessing(), "letters", "").withInk(List.of(digits.ink(0), digits.ink(1)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FineTuning.finetune(base, digits, notDigits, FineTuning.Settings.DEFAULT, TrainingListener.NONE));
        assertTrue(e.getMessage().contains("'Q'"), e.getMessage());
    }
}

package org.glyphocr.model;

import org.glyphocr.image.Glyph;
import org.glyphocr.image.PreprocessSettings;
import org.glyphocr.nn.Activation;
import org.glyphocr.nn.Architecture;
import org.glyphocr.nn.Parameters;

import java.util.Map;

/** Small fixed models for tests. */
public final class TestModels {
    private TestModels() {
    }

    /** 400-8-3 sigmoid/softmax over "a b c", seed 5, fixed provenance: the golden file's model. */
    public static Model tiny() {
        Architecture arch = Architecture.classifier(Glyph.PIXELS, new int[]{8}, Activation.SIGMOID, 3);
        Provenance provenance = new Provenance("test", "2026-01-01T00:00:00Z", 5, Map.of("batchSize", "32"), "tiny",
                "00", 30, 10, 10, 3, 1.5, 0.9, 0.8, 0.7, 1, "max-epochs", "cpu (test)");
        return Model.of(Parameters.initialize(arch, 5), Alphabet.of("a", "b", "c"), PreprocessSettings.DEFAULT, provenance);
    }
}

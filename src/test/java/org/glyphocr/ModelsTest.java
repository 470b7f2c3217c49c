package org.glyphocr;

import org.glyphocr.model.Model;
import org.glyphocr.model.ModelFormatException;
import org.glyphocr.model.ModelWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelsTest {
    @TempDir
    Path dir;

    @Test
    void aNameIsABundledModelAndAPathIsAFile() throws Exception {
        Model digits = Models.named("digits");
        assertEquals(digits.parameters().architecture(), Models.digits().parameters().architecture());
        Path file = dir.resolve("copy.gocr");
        ModelWriter.write(digits, file);
        assertEquals(digits.alphabet(), Models.named(file.toString()).alphabet());
    }

    @Test
    void neitherSaysWhatIsBundled() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Models.named("latin-x"));
        assertTrue(e.getMessage().contains("'latin-x'") && e.getMessage().contains("bundled: digits"), e.getMessage());
        assertThrows(ModelFormatException.class, () -> Models.named(dir.resolve("missing.gocr").toString()));
    }
}

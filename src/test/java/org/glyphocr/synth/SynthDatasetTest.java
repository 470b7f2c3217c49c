package org.glyphocr.synth;

import org.glyphocr.data.DatasetFolder;
import org.glyphocr.data.DatasetLoader;
import org.glyphocr.data.LabeledGlyphs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SynthDatasetTest {
    /** A font every JDK has: the logical family "Dialog", mapped to an installed font. */
    private static final List<Font> FACES = List.of(new Font(Font.DIALOG, Font.PLAIN, 1));
    private static final SynthSettings SMALL = new SynthSettings(new int[] {24, 40}, 3, 2, 0.1, 0.03, 0.03, 12, 0.5, 0.3, 7);

    @TempDir
    Path dir;

    @Test
    void writesALoadableDatasetWhereCaseNeverCollides() throws IOException {
        Path out = dir.resolve("set");
        SynthDataset.Report report = SynthDataset.write(FACES, CharacterSet.parse("aAoO0"), SMALL, out);
        assertEquals(5 * 2 * 3, report.images());
        DatasetFolder folder = DatasetFolder.scan(out);
        assertEquals(List.of("a", "A", "o", "O", "0"), List.copyOf(folder.classes().keySet()));
        LabeledGlyphs glyphs = DatasetLoader.load(out).data();
        assertEquals(30, glyphs.size());
        assertFalse(Files.list(dir).anyMatch(p -> p.getFileName().toString().contains("partial")), "no staging folder left behind");
    }

    @Test
    void theSameSeedDrawsTheSameImages() {
        GlyphSynthesizer synth = new GlyphSynthesizer(SMALL);
        BufferedImage a = synth.render(FACES.get(0), "g", 40, 2);
        BufferedImage b = synth.render(FACES.get(0), "g", 40, 2);
        assertNotNull(a);
        assertEquals(a.getWidth(), b.getWidth());
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) assertEquals(a.getRGB(x, y), b.getRGB(x, y));
        }
    }

    @Test
    void thePlainVariantIsBlackOnWhite() {
        BufferedImage plain = new GlyphSynthesizer(SMALL).render(FACES.get(0), "H", 40, 0);
        int min = 255;
        int max = 0;
        for (int y = 0; y < plain.getHeight(); y++) {
            for (int x = 0; x < plain.getWidth(); x++) {
                int v = plain.getRGB(x, y) & 0xff;
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        assertEquals(0, min);
        assertEquals(255, max);
    }

    @Test
    void aFolderWithFilesIsNeverWrittenInto() throws IOException {
        Path out = Files.createDirectories(dir.resolve("busy"));
        Files.writeString(out.resolve("keep.txt"), "mine");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SynthDataset.write(FACES, CharacterSet.parse("digits"), SMALL, out));
        assertTrue(e.getMessage().contains("not empty"), e.getMessage());
        assertEquals("mine", Files.readString(out.resolve("keep.txt")));
    }

    @Test
    void aCharacterNoFontHasIsRefusedByName() {
        String privateUse = new String(Character.toChars(0x10FFFD)); // no font draws this code point
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SynthDataset.write(FACES, CharacterSet.parse("A" + privateUse), SMALL, dir.resolve("x")));
        assertTrue(e.getMessage().contains("no font given has a glyph") && e.getMessage().contains("U+10FFFD"), e.getMessage());
    }

    @Test
    void anUnknownFontIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FontSource.resolve("No Such Family 123"));
        assertTrue(e.getMessage().contains("'No Such Family 123'") && e.getMessage().contains("fc-list"), e.getMessage());
    }
}

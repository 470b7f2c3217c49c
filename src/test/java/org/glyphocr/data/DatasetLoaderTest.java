package org.glyphocr.data;

import org.glyphocr.image.DecodeLimits;
import org.glyphocr.image.ImageDecoder;
import org.glyphocr.image.Preprocessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatasetLoaderTest {
    @TempDir
    Path root;

    private void copyDigits(String digit, String label, int count) throws IOException {
        Path to = Files.createDirectories(root.resolve(label));
        try (var s = Files.list(Path.of("testdata/mnist-7k", digit))) {
            for (Path p : s.sorted().limit(count).toList()) Files.copy(p, to.resolve(p.getFileName()));
        }
    }

    @Test
    void unreadableBlankAndOversizedFilesAreListedNotFatal() throws IOException {
        copyDigits("3", "three", 5);
        copyDigits("8", "eight", 5);
        Files.writeString(root.resolve("three/broken.png"), "this is not a PNG");
        BufferedImage blank = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        ImageIO.write(blank, "png", root.resolve("eight/blank.png").toFile());
        Files.write(root.resolve("eight/huge.png"), new byte[5000]);
        ImageDecoder smallFiles = new ImageDecoder(new DecodeLimits(DecodeLimits.DEFAULT.maxPixels(), 4000));
        DatasetLoader.Report report = DatasetLoader.load(root, Preprocessor.DEFAULT, smallFiles);
        assertEquals(10, report.data().size());
        assertEquals(List.of("eight", "three"), report.data().alphabet().labels());
        assertEquals(List.of("eight/blank.png"), report.blank());
        assertEquals(2, report.unreadable().size(), report.unreadable().toString());
        assertTrue(report.unreadable().stream().anyMatch(m -> m.contains("huge.png") && m.contains("limit of 4000")), report.unreadable().toString());
        assertTrue(report.unreadable().stream().anyMatch(m -> m.contains("broken.png")), report.unreadable().toString());
    }

    @Test
    void aFolderOfNothingButBrokenFilesIsRejectedWithTheFirstReason() throws IOException {
        Files.createDirectories(root.resolve("x"));
        Files.writeString(root.resolve("x/a.png"), "nope");
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> DatasetLoader.load(root));
        assertTrue(e.getMessage().contains("none of its 1 image files could be used") && e.getMessage().contains("a.png"), e.getMessage());
    }

    @Test
    void aSingleClassFolderLoadsForEvaluationButCannotTrain() throws IOException {
        copyDigits("4", "four", 6);
        LabeledGlyphs data = DatasetLoader.load(root).data();
        assertEquals(6, data.size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new org.glyphocr.train.SgdTrainer(org.glyphocr.train.TrainerConfig.builder().build())
                        .train(data, org.glyphocr.train.TrainingListener.NONE));
        assertTrue(e.getMessage().contains(">= 2 classes"), e.getMessage());
    }

    @Test
    void hashChangesWhenAFileChanges() throws IOException {
        copyDigits("1", "one", 3);
        copyDigits("7", "seven", 3);
        String before = DatasetLoader.load(root).data().sha256();
        assertEquals(before, DatasetLoader.load(root).data().sha256());
        Path first;
        try (var s = Files.list(root.resolve("one"))) {
            first = s.sorted().findFirst().orElseThrow();
        }
        Files.copy(Path.of("testdata/mnist-7k/1/1-0100.png"), first, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertTrue(!before.equals(DatasetLoader.load(root).data().sha256()));
    }
}

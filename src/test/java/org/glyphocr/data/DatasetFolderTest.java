package org.glyphocr.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatasetFolderTest {
    @TempDir
    Path root;

    private void touch(String relative) throws IOException {
        Path p = root.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.write(p, new byte[]{1});
    }

    @Test
    void subfolderNamesAreLabelsSortedAndNonImagesIgnored() throws IOException {
        touch("b/1.png");
        touch("a/2.PNG");
        touch("a/1.jpg");
        touch("a/README.txt");
        touch("a/.hidden.png");
        touch(".git/x.png");
        DatasetFolder folder = DatasetFolder.scan(root);
        assertEquals(List.of("a", "b"), List.copyOf(folder.classes().keySet()));
        assertEquals(List.of(root.resolve("a/1.jpg"), root.resolve("a/2.PNG")), folder.classes().get("a"));
        assertEquals(3, folder.fileCount());
    }

    @Test
    void labelsTsvGivesLabelsInItsOrder() throws IOException {
        touch("lower_a/1.png");
        touch("upper_a/1.png");
        Files.writeString(root.resolve("labels.tsv"), "# case-insensitive file systems\nupper_a\tA\r\n\nlower_a\ta\n");
        assertEquals(List.of("A", "a"), List.copyOf(DatasetFolder.scan(root).classes().keySet()));
    }

    @Test
    void malformedLabelsTsvNamesFileAndLine() throws IOException {
        touch("x/1.png");
        Files.writeString(root.resolve("labels.tsv"), "x\tX\ny\n");
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> DatasetFolder.scan(root));
        assertTrue(e.getMessage().endsWith("labels.tsv line 2: expected 'subfolder<TAB>label', got 'y'"), e.getMessage());
    }

    @Test
    void duplicateLabelInLabelsTsvIsRejected() throws IOException {
        touch("x/1.png");
        touch("y/1.png");
        Files.writeString(root.resolve("labels.tsv"), "x\tX\ny\tX\n");
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> DatasetFolder.scan(root));
        assertTrue(e.getMessage().contains("line 2: label 'X' is already given on line 1"), e.getMessage());
    }

    @Test
    void subfolderMissingFromLabelsTsvIsRejected() throws IOException {
        touch("x/1.png");
        touch("y/1.png");
        Files.writeString(root.resolve("labels.tsv"), "x\tX\n");
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> DatasetFolder.scan(root));
        assertTrue(e.getMessage().contains("subfolder 'y' has no line"), e.getMessage());
    }

    @Test
    void emptyAndMissingFoldersAreRejected() throws IOException {
        DatasetFormatException empty = assertThrows(DatasetFormatException.class, () -> DatasetFolder.scan(root));
        assertTrue(empty.getMessage().contains("no images found"), empty.getMessage());
        Files.createDirectories(root.resolve("a"));
        assertThrows(DatasetFormatException.class, () -> DatasetFolder.scan(root));
        DatasetFormatException missing = assertThrows(DatasetFormatException.class, () -> DatasetFolder.scan(root.resolve("nope")));
        assertTrue(missing.getMessage().endsWith("nope: dataset folder not found"), missing.getMessage());
    }
}

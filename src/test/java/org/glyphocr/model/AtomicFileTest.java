package org.glyphocr.model;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AtomicFileTest {
    @TempDir
    Path dir;

    private List<Path> folder() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }

    @ParameterizedTest
    @EnumSource(AtomicFile.Durability.class)
    void replacesTheFileWholeAndLeavesNothingElse(AtomicFile.Durability durability) throws IOException {
        Path file = dir.resolve("text.txt");
        Files.writeString(file, "an older and longer text\n");
        AtomicFile.write(file, "new\n".getBytes(StandardCharsets.UTF_8), durability);
        assertEquals("new\n", Files.readString(file));
        assertEquals(List.of(file), folder(), "no temporary file is left behind");
        AtomicFile.write(dir.resolve("sub/folder/created.bin"), new byte[] {1, 2, 3}, durability);
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(dir.resolve("sub/folder/created.bin")));
    }

    @ParameterizedTest
    @EnumSource(AtomicFile.Durability.class)
    void aWriteThatCannotBeDoneLeavesTheFolderAsItWas(AtomicFile.Durability durability) throws IOException {
        Path file = dir.resolve("model.gocr");
        Files.writeString(file, "kept");
        // A folder where the target should go: the rename fails after the temporary file was written.
        Path blocked = dir.resolve("blocked");
        Files.createDirectories(blocked.resolve("inside"));
        assertThrows(IOException.class, () -> AtomicFile.write(blocked, new byte[] {1}, durability));
        assertEquals("kept", Files.readString(file));
        assertEquals(List.of(blocked, file), folder(), "no temporary file is left behind");
    }
}

package org.glyphocr.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.glyphocr.Recognizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link RecognizeJob} on local Spark: what it writes, what it prints, how it fails. */
class RecognizeJobTest {
    @TempDir
    static Path dir;
    private static Path glyphs;
    private static List<Path> files;

    @BeforeAll
    static void writeGlyphs() throws IOException {
        glyphs = Files.createDirectories(dir.resolve("glyphs"));
        files = GlyphFolder.write(glyphs, 5);
    }

    @AfterAll
    static void stopSpark() {
        SparkSession.getActiveSession().foreach(s -> {
            s.stop();
            return null;
        });
    }

    record Run(int status, String out, String err) {
    }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = RecognizeJob.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void writesParquetWithTheSingleMachineAnswersAndSummarises() throws IOException {
        Path out = dir.resolve("parquet-out");
        Run r = run("--input", glyphs.toString(), "--output", out.toString(), "--master", "local[2]", "--top", "5", "--batch", "16", "--json");
        assertEquals(0, r.status(), r.err());
        JsonNode summary = new ObjectMapper().readTree(r.out());
        assertEquals(files.size(), summary.get("rows").asInt());
        assertEquals(GlyphFolder.CORRUPT.size(), summary.get("errors").asInt());
        assertTrue(summary.get("glyphs_per_second").asDouble() > 0);
        assertTrue(r.err().contains("recognize-job: " + files.size() + " images, " + GlyphFolder.CORRUPT.size() + " errors"), r.err());
        SparkSession spark = GlyphFolder.localSpark();
        List<Row> rows = spark.read().parquet(out.toString()).collectAsList();
        try (Recognizer singleMachine = Recognizer.digits()) {
            SingleMachineAnswers.assertRowsMatch(rows, files, singleMachine, 5);
        }
    }

    @Test
    void writesCsvWithTopKAsJson() throws IOException {
        Path out = dir.resolve("csv-out");
        Run r = run("--input", glyphs.toString(), "--output", out.toString(), "--master", "local[2]", "--format", "csv");
        assertEquals(0, r.status(), r.err());
        List<String> lines;
        try (var parts = Files.list(out)) {
            lines = parts.filter(p -> p.getFileName().toString().endsWith(".csv")).flatMap(p -> {
                try {
                    return Files.readAllLines(p).stream().skip(1); // each part has its header
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
        assertEquals(files.size(), lines.size());
        String seven = lines.stream().filter(l -> l.contains("scan-7.gif")).findFirst().orElseThrow();
        assertTrue(seven.contains(",7,") && seven.contains("[{\"\"label\"\":\"\"7\"\""), seven);
    }

    /** A model behind a Hadoop URI is read through Hadoop; a missing one is refused on one line. */
    @Test
    void readsAModelFromAHadoopUri() throws IOException {
        Path model = Files.copy(GlyphFolder.TESTDATA.resolve("../models/digits.gocr"), dir.resolve("mine.gocr"));
        Path out = dir.resolve("uri-model-out");
        Run r = run("--input", GlyphFolder.TESTDATA.resolve("samples").toString(), "--output", out.toString(), "--master", "local[2]",
                "--model", model.toUri().toString(), "--json");
        assertEquals(0, r.status(), r.err());
        assertEquals(10, new ObjectMapper().readTree(r.out()).get("rows").asInt());
        Run missing = run("--input", GlyphFolder.TESTDATA.resolve("samples").toString(), "--output", dir.resolve("never-written").toString(),
                "--master", "local[2]", "--model", dir.resolve("nope.gocr").toUri().toString());
        assertEquals(1, missing.status());
        assertTrue(missing.err().contains("nope.gocr: file not found"), missing.err());
    }

    @Test
    void anExistingOutputFolderIsRefusedOnOneLine() throws IOException {
        Path out = Files.createDirectories(dir.resolve("exists"));
        Run r = run("--input", glyphs.toString(), "--output", out.toString(), "--master", "local[2]");
        assertEquals(1, r.status());
        List<String> lines = r.err().lines().filter(l -> l.startsWith("recognize-job:")).toList();
        assertEquals(1, lines.size(), r.err());
        assertTrue(lines.get(0).contains(out.toString()) && lines.get(0).contains("already exists"), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    @Test
    void aMissingInputFolderIsRefusedOnOneLine() {
        Run r = run("--input", dir.resolve("nowhere").toString(), "--output", dir.resolve("never").toString(), "--master", "local[2]");
        assertEquals(1, r.status());
        assertTrue(r.err().contains("recognize-job: ") && r.err().contains("nowhere: no such file or folder"), r.err());
    }

    @Test
    void badOptionsAreRefusedBeforeSparkStarts() {
        Run format = run("--input", "x", "--output", "y", "--format", "xml");
        assertEquals(1, format.status());
        assertTrue(format.err().contains("--format must be parquet or csv, was xml"), format.err());
        Run unknown = run("--input", "x", "--output", "y", "--frobnicate");
        assertEquals(2, unknown.status());
        assertTrue(unknown.err().contains("--frobnicate"), unknown.err());
        Run backend = run("--input", "x", "--output", "y", "--backend", "tpu");
        assertEquals(1, backend.status());
        assertTrue(backend.err().contains("unknown backend 'tpu'"), backend.err());
    }
}

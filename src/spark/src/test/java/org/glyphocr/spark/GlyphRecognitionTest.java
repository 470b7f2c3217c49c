package org.glyphocr.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.glyphocr.Models;
import org.glyphocr.Recognizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link GlyphRecognition} on local Spark against the single-machine API, file by file. */
class GlyphRecognitionTest {
    @TempDir
    static Path dir;
    private static List<Path> files;
    private static SparkSession spark;
    private static Recognizer singleMachine;

    @BeforeAll
    static void start() throws IOException {
        files = GlyphFolder.write(dir, 12);
        spark = GlyphFolder.localSpark();
        singleMachine = Recognizer.digits();
    }

    @AfterAll
    static void stop() {
        if (spark != null) spark.stop();
        if (singleMachine != null) singleMachine.close();
    }

    private static List<Row> collect(Dataset<Row> results) {
        return results.collectAsList();
    }

    @Test
    void readImagesGivesTheSingleMachineAnswersBadFilesAsErrorRows() throws IOException {
        Dataset<Row> images = GlyphRecognition.readImages(spark, dir.toString());
        List<Row> rows = collect(GlyphRecognition.builder().model(Models.digits()).build().recognize(images));
        int errors = SingleMachineAnswers.assertRowsMatch(rows, files, singleMachine, GlyphRecognition.DEFAULT_TOP_K);
        assertEquals(GlyphFolder.CORRUPT.size(), errors);
        assertTrue(rows.stream().anyMatch(r -> Boolean.TRUE.equals(r.getAs("blank"))), "the blank image is a row too");
    }

    /**
     * Spark's binaryFile source leaves out empty files; every other file reads as on one machine, also
     * once the table is packed into Parquet.
     */
    @Test
    void binaryFileTablesGiveTheSingleMachineAnswersButSparkDropsEmptyFiles(@TempDir Path elsewhere) {
        Dataset<Row> images = spark.read().format("binaryFile").option("recursiveFileLookup", "true").load(dir.toString());
        List<Row> rows = collect(GlyphRecognition.builder().model(Models.digits()).build().recognize(images));
        List<Path> nonEmpty = files.stream().filter(f -> !f.getFileName().toString().equals("empty.png")).toList();
        int errors = SingleMachineAnswers.assertRowsMatch(rows, nonEmpty, singleMachine, GlyphRecognition.DEFAULT_TOP_K);
        assertEquals(GlyphFolder.CORRUPT.size() - 1, errors);

        // Glyphs packed as rows of a Parquet file, as the README advises for a billion: the same rows.
        String packed = elsewhere.resolve("packed").toString(); // not under dir, which other tests list
        images.select("path", "content").coalesce(1).write().parquet(packed);
        List<Row> fromPacked = collect(GlyphRecognition.builder().model(Models.digits()).build().recognize(spark.read().parquet(packed)));
        SingleMachineAnswers.assertRowsMatch(fromPacked, nonEmpty, singleMachine, GlyphRecognition.DEFAULT_TOP_K);
    }

    @Test
    void aTableOfPathsGivesTheSameAnswersMissingFilesAndFoldersIncluded() {
        List<Path> paths = new ArrayList<>(files);
        paths.add(dir.resolve("no-such-file.png"));
        paths.add(dir.resolve("nested"));
        Dataset<Row> table = spark.createDataset(paths.stream().map(Path::toString).toList(), Encoders.STRING()).toDF("path").repartition(3);
        List<Row> rows = collect(GlyphRecognition.builder().model(Models.digits()).topK(10).build().recognize(table));
        int errors = SingleMachineAnswers.assertRowsMatch(rows, paths, singleMachine, 10);
        assertEquals(GlyphFolder.CORRUPT.size() + 2, errors);
    }

    /**
     * Files behind another Hadoop file system (here the local disk under a scheme of its own, as
     * HDFS or S3 would be) read through Hadoop, refused in the single-machine words.
     */
    @Test
    void filesOnOtherHadoopFileSystemsGiveTheSameAnswers() {
        spark.sparkContext().hadoopConfiguration().set("fs.glyphtest.impl", SchemedLocalFileSystem.class.getName());
        spark.sparkContext().hadoopConfiguration().setBoolean("fs.glyphtest.impl.disable.cache", true);
        List<Path> paths = new ArrayList<>(files);
        paths.add(dir.resolve("no-such-file.png"));
        paths.add(dir.resolve("nested"));
        List<String> uris = paths.stream().map(p -> "glyphtest:" + p).toList();
        Dataset<Row> table = spark.createDataset(uris, Encoders.STRING()).toDF("path");
        List<Row> rows = collect(GlyphRecognition.builder().model(Models.digits()).build().recognize(table));
        Map<String, Recognizer.Outcome> expected = new HashMap<>();
        for (Recognizer.Outcome o : singleMachine.recognizeFiles(paths)) expected.put("glyphtest:" + o.file(), o);
        assertEquals(paths.size(), rows.size());
        for (Row row : rows) SingleMachineAnswers.assertRowMatches(row, row.getAs("path"), expected.get(row.<String>getAs("path")), GlyphRecognition.DEFAULT_TOP_K);
    }

    /** Local folders are listed through java.nio, others through Hadoop: the same files in the same order. */
    @Test
    void localAndHadoopListingsAgree() throws IOException {
        org.apache.hadoop.conf.Configuration conf = new org.apache.hadoop.conf.Configuration();
        conf.set("fs.glyphtest.impl", SchemedLocalFileSystem.class.getName());
        List<String> local = ImageFiles.list(conf, dir.toString());
        List<String> viaHadoop = ImageFiles.list(conf, "glyphtest:" + dir).stream().map(p -> p.replaceFirst("^glyphtest:", "file:")).toList();
        assertEquals(files.size(), local.size());
        assertEquals(local, viaHadoop);
        assertTrue(local.stream().anyMatch(p -> p.endsWith("/five with a space.png")), local.toString());
    }

    /** The local disk under the scheme {@code glyphtest:}, so that it goes through Hadoop like a remote file system. */
    public static final class SchemedLocalFileSystem extends org.apache.hadoop.fs.RawLocalFileSystem {
        @Override
        public java.net.URI getUri() {
            return java.net.URI.create("glyphtest:///");
        }
    }

    @Test
    void batchSizeChangesNothing() throws IOException {
        Dataset<Row> images = GlyphRecognition.readImages(spark, dir.toString()).cache();
        GlyphRecognition.Builder settings = GlyphRecognition.builder().model(Models.digits()).topK(4);
        List<Row> ones = sorted(collect(settings.batchSize(1).build().recognize(images)));
        List<Row> sevens = sorted(collect(settings.batchSize(7).build().recognize(images)));
        List<Row> whole = sorted(collect(settings.batchSize(4096).build().recognize(images)));
        assertEquals(whole, sevens);
        assertEquals(whole, ones);
        images.unpersist();
    }

    private static List<Row> sorted(List<Row> rows) {
        List<Row> copy = new ArrayList<>(rows);
        copy.sort(Comparator.comparing(r -> r.<String>getAs("path")));
        return copy;
    }

    @Test
    void rejectedReadingsAreTheSingleMachineOnes() throws IOException {
        double threshold = 0.995;
        Dataset<Row> images = GlyphRecognition.readImages(spark, dir.toString());
        List<Row> rows = collect(GlyphRecognition.builder().model(Models.digits()).rejectBelow(threshold).build().recognize(images));
        try (Recognizer strict = Recognizer.builder().model(Models.digits()).rejectBelow(threshold).build()) {
            SingleMachineAnswers.assertRowsMatch(rows, files, strict, GlyphRecognition.DEFAULT_TOP_K);
        }
        long rejected = rows.stream().filter(r -> Boolean.TRUE.equals(r.getAs("rejected"))).count();
        assertTrue(rejected > 0 && rejected < files.size() / 2, "some readings rejected, not most: " + rejected);
    }

    @Test
    void outputHasTheDocumentedSchema() throws IOException {
        Dataset<Row> images = GlyphRecognition.readImages(spark, dir.toString());
        assertEquals(GlyphRecognition.OUTPUT_SCHEMA, GlyphRecognition.builder().model(Models.digits()).build().recognize(images).schema());
    }

    @Test
    void readImagesPacksSmallFilesIntoFewEqualPartitions() throws IOException {
        assertEquals(2, GlyphRecognition.partitionsFor(100, 2));
        assertEquals(14, GlyphRecognition.partitionsFor(100_000, 2), "7 rounds of 2 tasks of about 7,100 files");
        assertEquals(1600, GlyphRecognition.partitionsFor(1_000_000, 1600));
        assertEquals(2, GlyphRecognition.readImages(spark, dir.toString()).rdd().getNumPartitions());
        FileNotFoundException e = assertThrows(FileNotFoundException.class, () -> GlyphRecognition.readImages(spark, dir.resolve("nowhere").toString()));
        assertTrue(e.getMessage().contains("nowhere"), e.getMessage());
    }

    @Test
    void aTableWithoutAPathColumnIsRefusedWithItsColumns() {
        Dataset<Row> wrong = spark.createDataset(List.of("a.png"), Encoders.STRING()).toDF("file");
        GlyphRecognition recognition = GlyphRecognition.builder().model(Models.digits()).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> recognition.recognize(wrong));
        assertTrue(e.getMessage().contains("'path'") && e.getMessage().contains("file string"), e.getMessage());
        Dataset<Row> textContent = spark.sql("SELECT 'a.png' AS path, 'x' AS content");
        e = assertThrows(IllegalArgumentException.class, () -> recognition.recognize(textContent));
        assertTrue(e.getMessage().contains("'content'") && e.getMessage().contains("string"), e.getMessage());
    }

    @Test
    void settingsAreCheckedWhenGiven() {
        GlyphRecognition.Builder b = GlyphRecognition.builder();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> b.topK(0)).getMessage().contains("was 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> b.batchSize(-1)).getMessage().contains("was -1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> b.rejectBelow(2)).getMessage().contains("was 2.0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> b.backend("tpu")).getMessage().contains("'tpu'"));
        assertThrows(IllegalStateException.class, b::build);
    }
}

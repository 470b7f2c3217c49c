package org.glyphocr.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.glyphocr.Models;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The Java example of README.md's section on Spark, kept compiling and working. */
class ReadmeExampleTest {
    @Test
    void recognizeOnSpark() throws IOException {
        String samples = GlyphFolder.TESTDATA.resolve("samples").toString(); // the README runs from the repository's root
        SparkSession spark = SparkSession.builder().master("local[2]").config("spark.ui.enabled", "false").getOrCreate();
        try {
            Dataset<Row> images = GlyphRecognition.readImages(spark, samples);  // a row per file: its path
            Dataset<Row> results = GlyphRecognition.builder()
                    .model(Models.digits())                                    // or Models.load(Path.of("greek.gocr"))
                    .topK(3)
                    .build()
                    .recognize(images);                                        // lazy: runs when asked for rows
            results.select("path", "label", "probability", "error").orderBy("path").show(false);

            List<Row> rows = results.orderBy("path").collectAsList();
            assertEquals(10, rows.size());
            for (Row r : rows) {
                String path = r.getAs("path");
                assertEquals(path.replaceAll(".*-(\\d)\\..*", "$1"), r.getAs("label"), path);
                assertNull(r.getAs("error"));
                assertEquals(3, r.getList(r.fieldIndex("top_k")).size());
            }
        } finally {
            spark.stop();
        }
    }
}

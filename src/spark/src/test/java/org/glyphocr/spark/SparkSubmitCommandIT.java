package org.glyphocr.spark;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.glyphocr.Recognizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's {@code spark-submit} commands, run as written on local Spark: the local command is
 * taken from README.md, given the test folder and a fresh output folder, and run from the
 * repository's root as a child process, with the shaded jar this build has just made and nothing of
 * glyph-ocr on Spark's class path; every row it writes must be the single-machine answer. The
 * cluster command must be the local one but for what the README says to change.
 */
class SparkSubmitCommandIT {
    private static final Path REPOSITORY = GlyphFolder.TESTDATA.getParent();
    private static final String README_INPUT = "testdata/samples";
    private static final String README_OUTPUT = "/tmp/glyph-results";

    @TempDir
    Path dir;

    @Test
    void theReadmesLocalCommandWritesTheSingleMachineAnswers() throws Exception {
        List<Path> files = GlyphFolder.write(Files.createDirectories(dir.resolve("glyphs")), 3);
        String command = readmeCommand("src/spark/spark-submit-local.sh");
        assertTrue(command.contains("--input " + README_INPUT) && command.contains("--output " + README_OUTPUT), command);
        Path out = dir.resolve("results");
        String run = command.replace("--input " + README_INPUT, "--input " + dir.resolve("glyphs"))
                .replace("--output " + README_OUTPUT, "--output " + out);

        Process process = new ProcessBuilder("bash", "-c", run).directory(REPOSITORY.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "still running after 5 minutes: " + run);
        assertEquals(0, process.exitValue(), run + "\n" + output);
        assertTrue(output.contains("recognize-job: " + files.size() + " images, " + GlyphFolder.CORRUPT.size() + " errors"), output);

        SparkSession spark = GlyphFolder.localSpark();
        try (Recognizer singleMachine = Recognizer.digits()) {
            List<Row> rows = spark.read().parquet(out.toString()).collectAsList();
            SingleMachineAnswers.assertRowsMatch(rows, files, singleMachine, GlyphRecognition.DEFAULT_TOP_K);
        } finally {
            spark.stop();
        }
    }

    @Test
    void theClusterCommandIsTheLocalOneButForMasterJarAndPaths() throws IOException {
        String cluster = readmeCommand("spark-submit --master yarn");
        String local = readmeCommand("src/spark/spark-submit-local.sh");
        String made = cluster.replace("spark-submit --master yarn --deploy-mode cluster", "src/spark/spark-submit-local.sh --master 'local[2]'")
                .replaceFirst(" glyph-ocr-spark-", " src/spark/target/glyph-ocr-spark-")
                .replaceFirst("--input \\S+", "--input " + README_INPUT)
                .replaceFirst("--output \\S+", "--output " + README_OUTPUT);
        assertEquals(local, made);
    }

    /** The README's command that starts with {@code start}, its continuation lines joined. */
    private static String readmeCommand(String start) throws IOException {
        List<String> lines = Files.readAllLines(REPOSITORY.resolve("README.md"));
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).startsWith(start)) continue;
            List<String> parts = new ArrayList<>();
            String line = lines.get(i);
            while (line.endsWith("\\")) {
                parts.add(line.substring(0, line.length() - 1).strip());
                line = lines.get(++i);
            }
            parts.add(line.strip());
            return String.join(" ", parts);
        }
        throw new AssertionError("README.md has no command starting with " + start);
    }
}

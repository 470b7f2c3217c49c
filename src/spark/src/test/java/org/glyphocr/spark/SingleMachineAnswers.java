package org.glyphocr.spark;

import org.apache.spark.sql.Row;
import org.glyphocr.Candidate;
import org.glyphocr.Recognition;
import org.glyphocr.Recognizer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Holds Spark's rows to the single-machine API's answers: {@link Recognizer#recognizeFiles} on the
 * same files, compared field by field, probabilities with exact equality.
 */
final class SingleMachineAnswers {
    private SingleMachineAnswers() {
    }

    /** The local file a row's path names: a plain path, or a {@code file:} URI as the binaryFile source writes it. */
    static Path localFile(String rowPath) {
        return rowPath.startsWith("file:") ? Path.of(new org.apache.hadoop.fs.Path(rowPath).toUri().getPath()) : Path.of(rowPath);
    }

    /**
     * Asserts that there is exactly one row per file, and that each row is what {@code recognizer}
     * reads in its file on one machine.
     *
     * @return how many rows were errors
     */
    static int assertRowsMatch(List<Row> rows, List<Path> files, Recognizer recognizer, int topK) {
        Map<Path, Recognizer.Outcome> expected = new HashMap<>();
        for (Recognizer.Outcome o : recognizer.recognizeFiles(files)) expected.put(o.file().toAbsolutePath(), o);
        List<Path> seen = new ArrayList<>();
        for (Row row : rows) seen.add(localFile(row.getAs("path")).toAbsolutePath());
        List<Path> missing = expected.keySet().stream().filter(f -> !seen.contains(f)).sorted().toList();
        assertEquals(List.of(), missing, "files without a row");
        assertEquals(files.size(), rows.size(), "one row per file");
        int errors = 0;
        for (Row row : rows) {
            String path = row.getAs("path");
            Path file = localFile(path).toAbsolutePath();
            Recognizer.Outcome want = expected.get(file);
            assertNotNull(want, "a row for a file that was not in the folder: " + path);
            assertRowMatches(row, path, want, topK);
            if (want.error() != null) errors++;
        }
        assertEquals(files.size(), seen.stream().distinct().count(), "every file once");
        return errors;
    }

    /** One row against one single-machine outcome. */
    static void assertRowMatches(Row row, String rowPath, Recognizer.Outcome want, int topK) {
        String what = rowPath + ": ";
        if (want.error() != null) {
            // The same message, naming the file as the row does (a file: URI for the binaryFile source).
            assertEquals(want.error().getMessage().replace(want.file().toString(), rowPath), row.getAs("error"), what + "error");
            for (String column : List.of("label", "probability", "top_k", "blank", "rejected")) assertNull(row.getAs(column), what + column);
            return;
        }
        Recognition r = want.recognition();
        assertNull(row.getAs("error"), what + "error");
        assertEquals(r.isBlank() || r.isRejected() ? null : r.label(), row.getAs("label"), what + "label");
        assertEquals((Double) r.probability(), row.<Double>getAs("probability"), what + "probability, bit for bit");
        assertEquals(r.isBlank(), row.<Boolean>getAs("blank"), what + "blank");
        assertEquals(r.isRejected(), row.<Boolean>getAs("rejected"), what + "rejected");
        List<Candidate> wantTop = r.isBlank() ? List.of() : r.topK(topK);
        List<Row> top = row.getList(row.fieldIndex("top_k"));
        assertEquals(wantTop.size(), top.size(), what + "top_k size");
        for (int i = 0; i < top.size(); i++) {
            assertEquals(wantTop.get(i).label(), top.get(i).getAs("label"), what + "top_k " + i);
            assertEquals((Double) wantTop.get(i).probability(), top.get(i).<Double>getAs("probability"), what + "top_k " + i + " probability");
        }
    }
}

package org.glyphocr.spark;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.util.SerializableConfiguration;
import org.glyphocr.Candidate;
import org.glyphocr.Recognition;
import org.glyphocr.Recognizer;
import org.glyphocr.image.ImageDecodeException;
import org.glyphocr.image.ImageDecoder;
import scala.jdk.javaapi.CollectionConverters;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * What each task of {@link GlyphRecognition#recognize} runs on its partition: rows in, batches of
 * up to {@code batchSize} through this JVM's shared recognizer, rows out in the same order. Only
 * one batch is held at a time. Spark ships this object to the executors with Java serialization,
 * as it does every function; it carries settings and broadcast handles, and the model travels as
 * its {@code .gocr} bytes in the broadcast.
 */
final class PartitionRecognizer implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;

    private final RecognizerCache.Key key;
    private final Broadcast<byte[]> model;
    /** The file systems' settings for a table of paths; null for a table with the files' content. */
    private final Broadcast<SerializableConfiguration> hadoop;
    private final int topK;
    private final int batchSize;

    PartitionRecognizer(RecognizerCache.Key key, Broadcast<byte[]> model, Broadcast<SerializableConfiguration> hadoop, int topK, int batchSize) {
        this.key = key;
        this.model = model;
        this.hadoop = hadoop;
        this.topK = topK;
        this.batchSize = batchSize;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) throws IOException {
        Recognizer recognizer = RecognizerCache.get(key, model::value);
        FileReader files = hadoop == null ? null : new FileReader(hadoop.value().value());
        return new Iterator<>() {
            private Iterator<Row> batch = List.<Row>of().iterator();

            @Override
            public boolean hasNext() {
                while (!batch.hasNext() && rows.hasNext()) batch = recognizeBatch(recognizer, files, rows).iterator();
                return batch.hasNext();
            }

            @Override
            public Row next() {
                if (!hasNext()) throw new NoSuchElementException();
                return batch.next();
            }
        };
    }

    /** The next batch of up to {@code batchSize} input rows, read and recognized; {@code files} is null for rows with content. */
    private List<Row> recognizeBatch(Recognizer recognizer, FileReader files, Iterator<Row> rows) {
        List<String> paths = new ArrayList<>(batchSize);
        List<Recognizer.EncodedImage> images = new ArrayList<>(batchSize);
        List<String> unreadable = new ArrayList<>(batchSize);
        while (paths.size() < batchSize && rows.hasNext()) {
            Row row = rows.next();
            String path = row.getString(0);
            paths.add(path);
            try {
                if (path == null) throw new ImageDecodeException("(null path)", "file not found", null);
                byte[] bytes = files == null ? content(row) : files.read(path);
                images.add(new Recognizer.EncodedImage(path, bytes));
                unreadable.add(null);
            } catch (IOException e) {
                unreadable.add(e.getMessage());
            }
        }
        List<Recognizer.EncodedOutcome> outcomes = recognizer.recognizeEncoded(images);
        List<Row> out = new ArrayList<>(paths.size());
        int next = 0;
        for (int i = 0; i < paths.size(); i++) {
            String error = unreadable.get(i);
            if (error != null) {
                out.add(errorRow(paths.get(i), error));
                continue;
            }
            Recognizer.EncodedOutcome o = outcomes.get(next++);
            out.add(o.error() != null ? errorRow(paths.get(i), o.error().getMessage()) : resultRow(paths.get(i), o.recognition()));
        }
        return out;
    }

    private static byte[] content(Row row) {
        // The binaryFile source never gives null content; a table made by hand might.
        return row.isNullAt(1) ? new byte[0] : (byte[]) row.get(1);
    }

    /**
     * Reads the files a table of paths names, each refused as the core's decoder
     * ({@link ImageDecoder#DEFAULT}, the recognizers' own) refuses a local file, in the same words:
     * missing, a directory, or larger than the decoding limit.
     */
    private static final class FileReader {
        private final Configuration conf;
        private final boolean defaultIsLocal;

        FileReader(Configuration conf) throws IOException {
            this.conf = conf;
            this.defaultIsLocal = "file".equals(FileSystem.getDefaultUri(conf).getScheme());
        }

        byte[] read(String path) throws ImageDecodeException {
            Path file;
            try {
                file = new Path(path);
            } catch (IllegalArgumentException e) {
                throw cannotRead(path, e);
            }
            String scheme = file.toUri().getScheme();
            // Local files through the core, as on one machine: java.nio reads a glyph file in
            // about 4 µs, Hadoop's local file system (checksums, statistics) in about 35.
            if ("file".equals(scheme) || (scheme == null && defaultIsLocal)) {
                return ImageDecoder.DEFAULT.readFile(java.nio.file.Path.of(file.toUri().getPath()), path);
            }
            return readThroughHadoop(file, path);
        }

        /** Through Hadoop: its file status says what the file is, and the core refuses it as it refuses a local file. */
        private byte[] readThroughHadoop(Path file, String path) throws ImageDecodeException {
            FileSystem fs;
            FileStatus status;
            try {
                fs = file.getFileSystem(conf);
                status = fs.getFileStatus(file);
            } catch (FileNotFoundException e) {
                throw new ImageDecodeException(path, "file not found", e);
            } catch (IOException | RuntimeException e) {
                // A bad path (an unknown scheme, say) is this row's error, not the job's.
                throw cannotRead(path, e);
            }
            try {
                return ImageDecoder.DEFAULT.readFile(status.isDirectory(), status.getLen(), () -> fs.open(file), path);
            } catch (RuntimeException e) {
                throw cannotRead(path, e);
            }
        }

        private static ImageDecodeException cannotRead(String path, Exception e) {
            return new ImageDecodeException(path, "cannot read file: " + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()), e);
        }
    }

    private static Row errorRow(String path, String error) {
        return RowFactory.create(path, null, null, null, null, null, error);
    }

    private Row resultRow(String path, Recognition r) {
        List<Row> top = new ArrayList<>(topK);
        if (!r.isBlank()) for (Candidate c : r.topK(topK)) top.add(RowFactory.create(c.label(), c.probability()));
        String label = r.isBlank() || r.isRejected() ? null : r.label();
        // Spark's row encoder takes arrays as Scala sequences.
        return RowFactory.create(path, label, r.probability(), CollectionConverters.asScala(top), r.isBlank(), r.isRejected(), null);
    }
}

package org.glyphocr.spark;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.SerializableConfiguration;
import org.glyphocr.Recognition;
import org.glyphocr.Recognizer;
import org.glyphocr.backend.BackendProvider;
import org.glyphocr.backend.Backends;
import org.glyphocr.model.Model;
import org.glyphocr.model.ModelWriter;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Recognizes a table of glyph images on Apache Spark, one output row per image, with the answers
 * of the single-machine {@link Recognizer#recognizeFiles}: the same labels and the same
 * probabilities bit for bit. An image that cannot be read or decoded is a row with an
 * {@code error} (the message of the single-machine {@link org.glyphocr.image.ImageDecodeException},
 * naming the row's path) and never fails the job.
 *
 * <pre>{@code
 * SparkSession spark = SparkSession.builder().master("local[2]").getOrCreate();
 * Dataset<Row> images = GlyphRecognition.readImages(spark, "glyphs/");   // a row per file: its path
 * Dataset<Row> results = GlyphRecognition.builder().model(Models.digits()).topK(3).build().recognize(images);
 * results.write().parquet("results/");
 * }</pre>
 *
 * <p>The input is either a table with a string column {@code path} of file paths or URIs (as
 * {@link #readImages} lists them), which the executors read themselves through Hadoop's file
 * systems (local, HDFS, S3 and the rest), or a table of files from Spark's {@code binaryFile}
 * source (columns {@code path} and {@code content}); that source leaves out empty files, which
 * then have no row. The output has the columns of {@link #OUTPUT_SCHEMA}.
 *
 * <p>How it runs: the model file's bytes are broadcast once; each executor JVM builds one
 * {@link Recognizer} for them and shares it between its tasks ({@link RecognizerCache}); each
 * partition goes through it in batches of {@link Builder#batchSize} images, so that the network
 * multiplies large matrices. The backend is chosen on each executor as the core chooses it
 * ({@link Backends}): {@code auto} takes a GPU where the executor has one and the network is large
 * enough for it, and logs why not otherwise.
 *
 * <p>Immutable; {@link #recognize} may be called from any thread of the driver.
 */
public final class GlyphRecognition {
    /**
     * The output columns, one row per input image:
     * <ul>
     *   <li>{@code path} (string): the input row's path, as given;</li>
     *   <li>{@code label} (string): the most probable label; null for an image without ink, a
     *       rejected reading or an error (as {@code classify --json} prints it);</li>
     *   <li>{@code probability} (double): the most probable label's probability (calibrated, as
     *       {@link Recognition#probability()}); 0 for an image without ink; null for an error;</li>
     *   <li>{@code top_k} (array of struct {@code label}, {@code probability}): the
     *       {@link Builder#topK} most probable labels, highest first; empty without ink;</li>
     *   <li>{@code blank} (boolean): the image holds no ink ({@link Recognition#isBlank()});</li>
     *   <li>{@code rejected} (boolean): the best probability fell under
     *       {@link Builder#rejectBelow} ({@link Recognition#isRejected()});</li>
     *   <li>{@code error} (string): null when the image was read, else why it could not be, a
     *       message that starts with the path.</li>
     * </ul>
     */
    public static final StructType OUTPUT_SCHEMA = new StructType(new StructField[]{
            DataTypes.createStructField("path", DataTypes.StringType, true),
            DataTypes.createStructField("label", DataTypes.StringType, true),
            DataTypes.createStructField("probability", DataTypes.DoubleType, true),
            DataTypes.createStructField("top_k", DataTypes.createArrayType(new StructType(new StructField[]{
                    DataTypes.createStructField("label", DataTypes.StringType, false),
                    DataTypes.createStructField("probability", DataTypes.DoubleType, false)}), false), true),
            DataTypes.createStructField("blank", DataTypes.BooleanType, true),
            DataTypes.createStructField("rejected", DataTypes.BooleanType, true),
            DataTypes.createStructField("error", DataTypes.StringType, true)});

    /** The default number of images that go through the network together. */
    public static final int DEFAULT_BATCH_SIZE = 1024;
    /** The default number of labels in {@code top_k}. */
    public static final int DEFAULT_TOP_K = 3;
    /** Files per partition that {@link #readImages} aims under: several full batches, and few tasks. */
    public static final int FILES_PER_PARTITION = 8192;

    private final byte[] modelBytes;
    private final String modelSha256;
    private final String modelName;
    private final String backend;
    private final double rejectBelow;
    private final int topK;
    private final int batchSize;

    private GlyphRecognition(Builder b) {
        this.modelBytes = ModelWriter.toBytes(b.model);
        this.modelSha256 = sha256(modelBytes);
        this.modelName = b.modelName != null ? b.modelName : "model " + modelSha256.substring(0, 12);
        this.backend = b.backend;
        this.rejectBelow = b.rejectBelow;
        this.topK = b.topK;
        this.batchSize = b.batchSize;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Lists every file under the given paths (folders are walked recursively; Hadoop globs are
     * allowed; any Hadoop file system) on the driver, as a table with one string column
     * {@code path} in partitions sized for recognition. The executors read the files themselves
     * when {@link #recognize} runs.
     *
     * <p>Why not Spark's {@code binaryFile} source: it leaves empty files out of the table (a file
     * of 0 bytes makes no row, so it would go unreported), and it reads a file whatever its size,
     * failing the job on one larger than 2 GB; this table has a row for every file, and
     * {@link #recognize} refuses a file over the decoder's 64 MiB limit before reading it, as the
     * single-machine API does.
     *
     * <p>Why the partitioning: Spark's file sources count every file as
     * {@code spark.sql.files.openCostInBytes} (4 MB by default) when they pack files into
     * partitions, so a folder of glyphs of a few hundred bytes each would become one partition per
     * 32 files: thousands of tasks, each paying the scheduler's overhead, and batches of 32 for the
     * network. Here the files are dealt into the least multiple of the default parallelism that
     * keeps each partition under {@value #FILES_PER_PARTITION} files, so every core gets the same
     * number of equal tasks. Files whose names start with {@code .} or {@code _} are skipped, as by
     * every Spark file source.
     *
     * @throws IllegalArgumentException if no path is given
     * @throws java.io.FileNotFoundException if a path matches nothing
     */
    public static Dataset<Row> readImages(SparkSession spark, String... paths) throws IOException {
        Objects.requireNonNull(spark, "spark");
        if (paths.length == 0) throw new IllegalArgumentException("readImages needs at least one path");
        List<String> files = ImageFiles.list(spark.sparkContext().hadoopConfiguration(), paths);
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int partitions = partitionsFor(files.size(), context.defaultParallelism());
        return spark.createDataset(context.parallelize(files, partitions).rdd(), Encoders.STRING()).toDF("path");
    }

    /** The least multiple of {@code parallelism} that keeps partitions under {@link #FILES_PER_PARTITION} files. */
    static int partitionsFor(long files, int parallelism) {
        long rounds = Math.max(1, (files + (long) parallelism * FILES_PER_PARTITION - 1) / ((long) parallelism * FILES_PER_PARTITION));
        return (int) Math.min(Integer.MAX_VALUE, rounds * parallelism);
    }

    /**
     * Recognizes every image of the table, lazily: nothing runs until an action (a write, a count)
     * asks for the rows. The output has one row per input row, in the input's partitions and
     * order, with the columns of {@link #OUTPUT_SCHEMA}.
     *
     * @param images a {@code binaryFile} table (string {@code path}, binary {@code content}) or a
     *     table with a string {@code path} column of files to read
     * @throws IllegalArgumentException if {@code images} has no string {@code path} column, or a
     *     {@code content} column that is not binary
     */
    public Dataset<Row> recognize(Dataset<Row> images) {
        Objects.requireNonNull(images, "images");
        StructType schema = images.schema();
        List<String> names = Arrays.asList(schema.fieldNames());
        if (!names.contains("path") || !schema.apply("path").dataType().equals(DataTypes.StringType)) {
            throw new IllegalArgumentException("images must have a string column 'path' (and a binary column 'content' for the binaryFile source); its columns are "
                    + describe(schema));
        }
        boolean withContent = names.contains("content");
        if (withContent && !schema.apply("content").dataType().equals(DataTypes.BinaryType)) {
            throw new IllegalArgumentException("images' column 'content' must be binary (the file's bytes), was "
                    + schema.apply("content").dataType().simpleString());
        }
        JavaSparkContext context = JavaSparkContext.fromSparkContext(images.sparkSession().sparkContext());
        Broadcast<byte[]> model = context.broadcast(modelBytes);
        // Only a table of paths needs the file systems' settings on the executors.
        Broadcast<SerializableConfiguration> hadoop = withContent ? null
                : context.broadcast(new SerializableConfiguration(new Configuration(context.hadoopConfiguration())));
        RecognizerCache.Key key = new RecognizerCache.Key(modelSha256, modelName, backend, rejectBelow);
        PartitionRecognizer reader = new PartitionRecognizer(key, model, hadoop, topK, batchSize);
        Dataset<Row> input = withContent ? images.select("path", "content") : images.select("path");
        return input.mapPartitions(reader, Encoders.row(OUTPUT_SCHEMA));
    }

    private static String describe(StructType schema) {
        List<String> columns = new ArrayList<>();
        for (StructField f : schema.fields()) columns.add(f.name() + " " + f.dataType().simpleString());
        return columns.toString();
    }

    /** The model file's SHA-256, which names it in every executor's cache of recognizers. */
    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** For example {@code GlyphRecognition[bundled:digits, backend=auto, topK=3, rejectBelow=0.0, batchSize=1024]}. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "GlyphRecognition[%s, backend=%s, topK=%d, rejectBelow=%s, batchSize=%d]",
                modelName, backend, topK, rejectBelow, batchSize);
    }

    /** Settings of a {@link GlyphRecognition}. */
    public static final class Builder {
        private Model model;
        private String modelName;
        private String backend = "auto";
        private double rejectBelow;
        private int topK = DEFAULT_TOP_K;
        private int batchSize = DEFAULT_BATCH_SIZE;

        private Builder() {
        }

        /** The model to read with; required. Its file's bytes are what the executors get. */
        public Builder model(Model model) {
            this.model = Objects.requireNonNull(model, "model");
            return this;
        }

        /** What to call the model in the executors' logs; default its SHA-256's first 12 digits. */
        public Builder modelName(String name) {
            this.modelName = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * The backend each executor runs the network on: {@code auto} (default: what
         * {@link Backends#best(org.glyphocr.nn.Architecture)} picks there, a GPU where the executor
         * has one and the network suits it, else the CPU), {@code cpu} or {@code gpu} (an executor
         * without a usable GPU then fails its tasks with the reason).
         *
         * @throws IllegalArgumentException if no backend of that name is on the class path
         */
        public Builder backend(String name) {
            Objects.requireNonNull(name, "name");
            String wanted = name.toLowerCase(Locale.ROOT);
            List<String> known = new ArrayList<>(List.of("auto", "gpu"));
            for (BackendProvider p : Backends.providers()) if (!known.contains(p.name())) known.add(p.name());
            if (!known.contains(wanted)) throw new IllegalArgumentException("unknown backend '" + name + "'; available: " + String.join(", ", known));
            this.backend = wanted;
            return this;
        }

        /**
         * Readings less probable than this come back rejected, as with
         * {@link Recognizer.Builder#rejectBelow}; default 0, never.
         *
         * @throws IllegalArgumentException if not within [0, 1]
         */
        public Builder rejectBelow(double probability) {
            Recognizer.builder().rejectBelow(probability); // the core's check and message
            this.rejectBelow = probability;
            return this;
        }

        /**
         * Labels in each row's {@code top_k}, most probable first; default {@value #DEFAULT_TOP_K}.
         *
         * @throws IllegalArgumentException if {@code k < 1}
         */
        public Builder topK(int k) {
            if (k < 1) throw new IllegalArgumentException("topK must be >= 1, was " + k);
            this.topK = k;
            return this;
        }

        /**
         * Images that go through the network together within a partition; default
         * {@value #DEFAULT_BATCH_SIZE}. The answers do not depend on it (the network reads each
         * image of a batch alone); the speed does, and the memory: a batch's encoded files are held
         * at once.
         *
         * @throws IllegalArgumentException if {@code size < 1}
         */
        public Builder batchSize(int size) {
            if (size < 1) throw new IllegalArgumentException("batchSize must be >= 1, was " + size);
            this.batchSize = size;
            return this;
        }

        /** @throws IllegalStateException if no model was given */
        public GlyphRecognition build() {
            if (model == null) throw new IllegalStateException("a GlyphRecognition needs a model: call model(...) first");
            return new GlyphRecognition(this);
        }
    }
}

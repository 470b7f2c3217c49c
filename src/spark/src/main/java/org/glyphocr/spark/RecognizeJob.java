package org.glyphocr.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.glyphocr.Models;
import org.glyphocr.cli.Main;
import org.glyphocr.model.Model;
import org.glyphocr.model.ModelFormatException;
import org.glyphocr.model.ModelReader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_json;

/**
 * Recognizes every image file under a folder on Spark and writes one row per file, as Parquet or
 * CSV. Run it on local Spark with {@code java}, or hand it to a cluster with {@code spark-submit
 * --class org.glyphocr.spark.RecognizeJob glyph-ocr-spark-VERSION-all.jar ...}: without
 * {@code --master} it takes the master that spark-submit configured, and {@code local[*]} when
 * there is none. Exit status 0 when the results were written (unreadable images are rows with an
 * error, not a failure), 1 for bad input (a missing folder, an output folder that exists, a bad
 * model), 2 for a usage error. A one-line summary goes to stderr, and with {@code --json} one JSON
 * object to stdout.
 */
@Command(name = "recognize-job", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = {"Recognizes every image file under --input on Apache Spark and writes one row per file to --output:",
                "path, label, probability, top_k, blank, rejected, error (see GlyphRecognition.OUTPUT_SCHEMA).",
                "Unreadable files are rows with an error; they never fail the job."})
public final class RecognizeJob implements Callable<Integer> {
    @Option(names = "--input", required = true, paramLabel = "DIR", description = {"Folder of image files, read recursively (repeatable);",
            "any Hadoop path or glob: /data/glyphs, hdfs://nn/glyphs, s3a://bucket/glyphs/*.png."})
    List<String> inputs;

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "Folder to write the results to; it must not exist yet.")
    String output;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "parquet",
            description = "parquet or csv (RFC 4180, with a header; top_k as a JSON string) (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--model", paramLabel = "FILE_OR_NAME", defaultValue = "digits", description = {"A bundled model (digits, latin) or a model file:",
            "a local path (on the driver), or a Hadoop URI such as hdfs://nn/models/greek.gocr (default: ${DEFAULT-VALUE})."})
    String model;

    @Option(names = "--top", paramLabel = "K", defaultValue = "" + GlyphRecognition.DEFAULT_TOP_K,
            description = "Labels in each row's top_k (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--reject", paramLabel = "P", defaultValue = "0",
            description = "Readings less probable than P are rejected: label null, rejected true (default: ${DEFAULT-VALUE}, never).")
    double reject;

    @Option(names = "--master", paramLabel = "URL", description = {"Spark master, e.g. local[2]; default: the one spark-submit",
            "or spark.master configured, else local[*]."})
    String master;

    @Option(names = "--backend", paramLabel = "NAME", defaultValue = "auto", description = {"auto, cpu or gpu, chosen on each executor",
            "as glyph-ocr's --backend (default: ${DEFAULT-VALUE}: a GPU where there is one and the network suits it)."})
    String backend;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "" + GlyphRecognition.DEFAULT_BATCH_SIZE,
            description = "Images that go through the network together (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--log-level", paramLabel = "LEVEL", defaultValue = "WARN",
            description = "Spark's log level once the session is up: ERROR, WARN, INFO, DEBUG (default: ${DEFAULT-VALUE}).")
    String logLevel;

    @Option(names = "--json", description = "Print the summary as one JSON object on stdout.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        // Under spark-submit a non-zero exit is how the job reports failure.
        if (status != 0) System.exit(status);
    }

    /**
     * Runs the command line with the given streams and returns the exit status (never exits), as
     * glyph-ocr's own commands run.
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return Main.run(new RecognizeJob(), args, out, err);
    }

    @Override
    public Integer call() throws Exception {
        String fmt = format.toLowerCase(Locale.ROOT);
        if (!fmt.equals("parquet") && !fmt.equals("csv")) throw new IllegalArgumentException("--format must be parquet or csv, was " + format);
        GlyphRecognition.Builder settings = GlyphRecognition.builder().topK(top).rejectBelow(reject).backend(backend).batchSize(batch);
        long started = System.nanoTime();
        SparkSession.Builder session = SparkSession.builder().appName("glyph-ocr recognize");
        // Under spark-submit the master is already in the configuration; only a plain java run lacks one.
        if (master != null) session.master(master);
        else if (!new SparkConf().contains("spark.master")) session.master("local[*]");
        SparkSession spark = session.getOrCreate();
        try {
            spark.sparkContext().setLogLevel(logLevel.toUpperCase(Locale.ROOT));
            Model loaded = loadModel(spark);
            GlyphRecognition recognition = settings.model(loaded).modelName(model).build();
            Path out = new Path(output);
            FileSystem outFs = out.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (outFs.exists(out)) throw new IllegalArgumentException("--output " + output + " already exists; give a folder that does not (Spark writes a file per partition into it)");
            long ready = System.nanoTime();

            Dataset<Row> images = GlyphRecognition.readImages(spark, inputs.toArray(String[]::new));
            int partitions = images.rdd().getNumPartitions();
            // Counted while the rows are written: exact, since Spark takes a partition's counts from its
            // one successful task of the write, however many were retried.
            Observation counts = new Observation("glyph-ocr counts");
            Dataset<Row> results = recognition.recognize(images).observe(counts, count(lit(1)).as("rows"), count(col("error")).as("errors"));
            if (fmt.equals("csv")) {
                // RFC 4180 quoting (a quote inside a field doubled), which every CSV reader takes;
                // Spark's own default escapes it with a backslash.
                results.withColumn("top_k", to_json(col("top_k"))).write().mode(SaveMode.ErrorIfExists)
                        .option("header", "true").option("escape", "\"").csv(output);
            } else {
                results.write().mode(SaveMode.ErrorIfExists).parquet(output);
            }
            long written = System.nanoTime();
            Map<String, Object> counted = counts.getAsJava();
            long rows = (Long) counted.get("rows");
            long errors = (Long) counted.get("errors");
            double seconds = (written - ready) / 1e9;
            double perSecond = rows / Math.max(seconds, 1e-9);
            spec.commandLine().getErr().printf(Locale.ROOT, "recognize-job: %d images, %d errors, %.1f s, %.0f glyphs/s (%d partitions, %s) -> %s (%s)%n",
                    rows, errors, seconds, perSecond, partitions, spark.sparkContext().master(), output, fmt);
            if (json) {
                ObjectMapper mapper = new ObjectMapper();
                ObjectNode summary = mapper.createObjectNode();
                summary.put("rows", rows).put("errors", errors).put("seconds", seconds).put("glyphs_per_second", perSecond)
                        .put("startup_seconds", (ready - started) / 1e9).put("partitions", partitions)
                        .put("master", spark.sparkContext().master()).put("default_parallelism", spark.sparkContext().defaultParallelism())
                        .put("model", model).put("backend", backend).put("batch", batch).put("output", output).put("format", fmt);
                PrintWriter stdout = spec.commandLine().getOut();
                stdout.println(mapper.writeValueAsString(summary));
                stdout.flush();
            }
            return 0;
        } finally {
            spark.stop();
        }
    }

    /**
     * The model: a bundled one by name, a local file through the core (its own checks and
     * messages), or a file behind a Hadoop URI (hdfs://, s3a://, file:).
     */
    private Model loadModel(SparkSession spark) throws IOException {
        Path path = new Path(model);
        if (Models.namesBundled(model) || path.toUri().getScheme() == null) return Models.named(model);
        try (InputStream in = path.getFileSystem(spark.sparkContext().hadoopConfiguration()).open(path)) {
            return ModelReader.read(in, model);
        } catch (FileNotFoundException e) {
            throw new ModelFormatException(model, "file not found", e);
        }
    }
}

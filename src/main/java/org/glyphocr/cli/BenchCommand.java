package org.glyphocr.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.glyphocr.Recognition;
import org.glyphocr.Recognizer;
import org.glyphocr.backend.Backend;
import org.glyphocr.backend.Backends;
import org.glyphocr.backend.Predictor;
import org.glyphocr.backend.StepSettings;
import org.glyphocr.backend.TrainingSession;
import org.glyphocr.backend.cpu.GemmThroughput;
import org.glyphocr.data.DatasetFolder;
import org.glyphocr.data.DatasetLoader;
import org.glyphocr.data.LabeledGlyphs;
import org.glyphocr.image.Glyph;
import org.glyphocr.image.ImageDecoder;
import org.glyphocr.image.Preprocessor;
import org.glyphocr.model.Model;
import org.glyphocr.nn.Activation;
import org.glyphocr.nn.Architecture;
import org.glyphocr.nn.Parameters;
import org.glyphocr.train.TowerSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code bench}: the speed of training, recognition and the matrix kernel, as the peer scripts in
 * {@code src/bench} measure PyTorch, OpenCV and scikit-learn, with the same options and JSON keys.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = {"Measures CPU speed with the same work as the peer scripts in src/bench:",
                "  train  forward, backward and momentum update of a --shape network over",
                "         the digits of --data in batches of --batch: warm-up epochs for",
                "         --warmup seconds, then the mean of --epochs epochs",
                "  infer  forward passes over the same glyphs in batches of --batch",
                "         (1 is a loop of single calls), median of --rounds rounds",
                "  gemm   the matrix kernel at 1024x1024x1024, median of --rounds rounds",
                "  files  read, decode, preprocess and classify files with --model",
                "  shared (only with --only) one recognizer of --model shared by each of",
                "         --thread-counts threads, each classifying --per-thread images of",
                "         --data (held in memory: decode, preprocess, network); every result",
                "         is compared with the serial one",
                "With --threads N, training runs N towers (gradients averaged) and the",
                "other parts split their work N ways."})
final class BenchCommand implements Callable<Integer> {
    enum Part { TRAIN, INFER, GEMM, FILES, SHARED }

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    ModelOption modelOption;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "testdata/mnist-7k", description = "Dataset folder (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--shape", paramLabel = "I-H-…-O", description = "Network for train and infer, e.g. 400-256-256-10: "
            + "--activation hidden layers, softmax output. Default: the shape of --model.")
    String shape;

    @Option(names = "--activation", paramLabel = "NAME", defaultValue = "sigmoid", description = "Hidden activation for --shape (default: ${DEFAULT-VALUE}).")
    String activation;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "64", description = "Samples per step and glyphs per network call (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1", description = "Threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--backend", paramLabel = "NAME", defaultValue = "cpu",
            description = "Backend for the train and infer parts: cpu or gpu (default: ${DEFAULT-VALUE}); gemm always measures the CPU kernel.")
    String backendName;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "3", description = "Timed training epochs, after warm-up (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--warmup", paramLabel = "SECONDS", defaultValue = "3", description = "Least warm-up time of train, in whole epochs (default: ${DEFAULT-VALUE}).")
    double warmupSeconds;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "5", description = "Timed rounds of infer, gemm and files, after warm-up (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--files", paramLabel = "N", defaultValue = "2000", description = "Image files per round of files (default: ${DEFAULT-VALUE}).")
    int files;

    @Option(names = "--per-thread", paramLabel = "N", defaultValue = "10000", description = "shared: classifications per thread (default: ${DEFAULT-VALUE}).")
    int perThread;

    @Option(names = "--thread-counts", paramLabel = "N[,N...]", converter = CommaLists.IntsConverter.class, defaultValue = "1,2,8",
            description = "shared: the thread counts to measure (default: ${DEFAULT-VALUE}).")
    CommaLists.Ints threadCounts;

    @Option(names = "--only", paramLabel = "PART[,PART...]", converter = CommaLists.WordsConverter.class,
            description = "Parts to run: train, infer, gemm, files, shared (default: all but shared).")
    CommaLists.Words only;

    @Option(names = "--save-glyphs", paramLabel = "DIR", description = "Write the preprocessed glyphs of --data for the peer scripts "
            + "(glyphs.f32: N×400 little-endian float32; labels.i32: class indices; files.tsv: class index<TAB>image file; "
            + "all in sample order) and exit.")
    Path saveGlyphs;

    @Option(names = "--json", description = "Print one JSON object on stdout.")
    boolean json;

    private static final int WARMUP_ROUNDS = 2;
    private static final double LEARNING_RATE = 0.05;
    private static final double MOMENTUM = 0.9;

    @Override
    public Integer call() throws Exception {
        requirePositive("--batch", batch);
        requirePositive("--threads", threads);
        requirePositive("--epochs", epochs);
        requirePositive("--rounds", rounds);
        requirePositive("--files", files);
        EnumSet<Part> parts = parts();
        PrintWriter err = spec.commandLine().getErr();
        Model model = modelOption.load();
        Backend backend = Backends.named(backendName);
        Architecture arch = shape == null ? model.architecture() : parseShape(shape, Activation.fromId(activation));
        if (arch.inputSize() != Glyph.PIXELS) throw new IllegalArgumentException("--shape must start with " + Glyph.PIXELS + " inputs, was " + shape);
        Parameters parameters = Parameters.initialize(arch, 1);
        // The matrix kernel needs no data, and runs first, on a quiet heap.
        double gflops = Double.NaN;
        if (parts.contains(Part.GEMM) && saveGlyphs == null) {
            gflops = GemmThroughput.measure(1024, 1024, 1024, threads, rounds);
            err.printf(Locale.ROOT, "bench: gemm 1024³ median %.1f GFLOP/s%n", gflops);
        }
        LabeledGlyphs glyphs = null;
        float[] inputs = null;
        int[] targets = null;
        if (saveGlyphs != null || parts.contains(Part.TRAIN) || parts.contains(Part.INFER)) {
            glyphs = DatasetLoader.load(data, new Preprocessor(model.preprocessing()), ImageDecoder.DEFAULT).data();
            if (saveGlyphs != null) {
                save(glyphs, saveGlyphs);
                err.printf(Locale.ROOT, "bench: wrote %d glyphs to %s%n", glyphs.size(), saveGlyphs);
                return 0;
            }
            if (arch.outputSize() < glyphs.alphabet().size()) {
                throw new IllegalArgumentException("--shape has " + arch.outputSize() + " outputs, fewer than the " + glyphs.alphabet().size()
                        + " classes of " + data);
            }
            inputs = glyphs.inputs();
            targets = glyphs.targets();
        }

        ObjectNode root = Json.object();
        root.put("implementation", "glyph-ocr");
        root.put("backend", backend.description());
        root.put("kernel", GemmThroughput.kernel());
        root.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        root.put("shape", arch.shapeString());
        root.put("activation", arch.layers().get(0).activation().id());
        root.put("batch", batch);
        root.put("threads", threads);
        if (glyphs != null) root.put("samples", glyphs.size());
        if (parts.contains(Part.TRAIN)) {
            TrainMeasurement trained = train(backend, parameters, inputs, targets, err);
            Json.putNumber(root, "train_samples_per_second", trained.samplesPerSecond());
            root.put("train_epochs", epochs);
            Json.putNumber(root, "train_accuracy", trained.accuracy());
        }
        if (parts.contains(Part.INFER)) {
            Predictor predictor = backend.predictor(parameters);
            float[] glyphInputs = inputs;
            int count = glyphs.size();
            Json.putNumber(root, "infer_glyphs_per_second", median(() -> inferAll(predictor, arch, glyphInputs, count), err, "infer glyphs"));
        }
        if (parts.contains(Part.GEMM)) Json.putNumber(root, "gemm_gflops", gflops);
        if (parts.contains(Part.FILES)) {
            List<Path> paths = new ArrayList<>();
            DatasetFolder.scan(data).classes().values().forEach(paths::addAll);
            List<Path> roundFiles = paths.subList(0, Math.min(files, paths.size()));
            try (Recognizer recognizer = Recognizer.of(model)) {
                root.put("model", modelOption.describe());
                root.put("files", roundFiles.size());
                Json.putNumber(root, "classify_files_per_second", median(() -> classifyAll(recognizer, roundFiles), err, "classify files"));
            }
        }
        if (parts.contains(Part.SHARED)) shared(model, root, err);
        root.put("rounds", rounds);
        if (json) {
            Json.print(spec.commandLine().getOut(), root);
        } else {
            PrintWriter out = spec.commandLine().getOut();
            out.printf(Locale.ROOT, "%s, %s, %d thread(s), %s, batch %d%n", backend.description(), root.get("jvm").asText(), threads,
                    root.get("shape").asText(), batch);
            if (root.has("train_samples_per_second")) out.printf(Locale.ROOT, "train:  %,12.0f samples/s%n", root.get("train_samples_per_second").asDouble());
            if (root.has("infer_glyphs_per_second")) out.printf(Locale.ROOT, "infer:  %,12.0f glyphs/s%n", root.get("infer_glyphs_per_second").asDouble());
            if (root.has("gemm_gflops")) out.printf(Locale.ROOT, "gemm:   %,12.1f GFLOP/s at 1024³%n", root.get("gemm_gflops").asDouble());
            if (root.has("shared")) {
                for (com.fasterxml.jackson.databind.JsonNode r : root.get("shared")) {
                    out.printf(Locale.ROOT, "shared: %,12.0f classifications/s with %d thread(s) on one recognizer%n",
                            r.get("classifications_per_second").asDouble(), r.get("threads").asInt());
                }
                out.printf(Locale.ROOT, "shared: %d of %d results differ from serial use%n", root.get("shared_mismatches").asLong(),
                        root.get("shared_classifications").asLong());
            }
            if (root.has("classify_files_per_second")) {
                out.printf(Locale.ROOT, "files:  %,12.0f files/s (decode + preprocess + classify, %s)%n",
                        root.get("classify_files_per_second").asDouble(), modelOption.describe());
            }
        }
        return 0;
    }

    private EnumSet<Part> parts() {
        if (only == null) return EnumSet.complementOf(EnumSet.of(Part.SHARED));
        EnumSet<Part> parts = EnumSet.noneOf(Part.class);
        for (String p : only.values()) {
            try {
                parts.add(Part.valueOf(p.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--only takes train, infer, gemm, files, shared; was '" + p + "'");
            }
        }
        return parts;
    }

    /** {@code 400-256-256-10}: input, hidden layers, classes. */
    static Architecture parseShape(String text, Activation hidden) {
        String[] parts = text.split("-");
        if (parts.length < 2) throw new IllegalArgumentException("--shape must be INPUT-HIDDEN-…-CLASSES, e.g. 400-256-256-10, was '" + text + "'");
        int[] sizes = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                sizes[i] = Integer.parseInt(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--shape must be numbers joined by '-', e.g. 400-256-256-10, was '" + text + "'");
            }
            if (sizes[i] < 1) throw new IllegalArgumentException("--shape sizes must be >= 1, was '" + text + "'");
        }
        return Architecture.classifier(sizes[0], Arrays.copyOfRange(sizes, 1, sizes.length - 1), hidden, sizes[sizes.length - 1]);
    }

    private static void requirePositive(String option, int value) {
        if (value < 1) throw new IllegalArgumentException(option + " must be >= 1, was " + value);
    }

    /**
     * @param samplesPerSecond the mean over the timed epochs
     * @param accuracy on the training digits after the timed epochs, which start from the initial weights
     */
    private record TrainMeasurement(double samplesPerSecond, double accuracy) {
    }

    private TrainMeasurement train(Backend backend, Parameters initial, float[] inputs, int[] targets, PrintWriter err) {
        int n = targets.length;
        int in = Glyph.PIXELS;
        StepSettings settings = new StepSettings(LEARNING_RATE, MOMENTUM, false, 0);
        float[] batchInputs = new float[batch * in];
        int[] batchTargets = new int[batch];
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        SplittableRandom random = new SplittableRandom(7);
        double[] rates = new double[epochs];
        try (TrainingSession session = threads == 1 ? backend.trainingSession(initial, batch)
                : TowerSession.gradientAveraging(backend, initial, batch, threads)) {
            // The JIT compiles the SIMD kernels over the first seconds: warm up for at least one epoch
            // and --warmup seconds, so that the timed epochs measure the compiled code.
            long warmupEnd = System.nanoTime() + (long) (warmupSeconds * 1e9);
            int timed = 0;
            for (int epoch = 0; timed < epochs; epoch++) {
                boolean warmup = epoch == 0 || System.nanoTime() < warmupEnd;
                LabeledGlyphs.shuffle(order, random);
                long start = System.nanoTime();
                for (int b = 0; b < n; b += batch) {
                    int count = Math.min(batch, n - b);
                    for (int k = 0; k < count; k++) {
                        System.arraycopy(inputs, order[b + k] * in, batchInputs, k * in, in);
                        batchTargets[k] = targets[order[b + k]];
                    }
                    session.step(batchInputs, batchTargets, count, settings);
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                err.printf(Locale.ROOT, "bench: train epoch %d%s: %.0f samples/s%n", epoch, warmup ? " (warm-up)" : "", n / seconds);
                if (!warmup) {
                    rates[timed++] = n / seconds;
                } else if (System.nanoTime() >= warmupEnd) {
                    // The timed epochs train from the initial weights again, so that train_accuracy
                    // is that of --epochs epochs, as the peer scripts report it.
                    session.setParameters(initial);
                }
            }
            try (Predictor trained = backend.predictor(session.parameters())) {
                return new TrainMeasurement(mean(rates), trained.accuracy(inputs, targets));
            }
        }
    }

    /** Work done per round, as a count of items. */
    private interface Round {
        int run() throws Exception;
    }

    private int inferAll(Predictor predictor, Architecture arch, float[] inputs, int count) throws Exception {
        return splitAmongThreads(count, (start, end) -> {
            float[] outputs = new float[batch * arch.outputSize()];
            float[] chunk = new float[batch * Glyph.PIXELS];
            for (int s = start; s < end; s += batch) {
                int n = Math.min(batch, end - s);
                System.arraycopy(inputs, s * Glyph.PIXELS, chunk, 0, n * Glyph.PIXELS);
                predictor.predict(chunk, n, outputs);
            }
        });
    }

    private int classifyAll(Recognizer recognizer, List<Path> paths) throws Exception {
        return splitAmongThreads(paths.size(), (start, end) -> {
            for (int i = start; i < end; i++) recognizer.recognize(paths.get(i));
        });
    }

    /**
     * One recognizer shared by each thread count: every thread classifies {@link #perThread} of the
     * images, starting at its own place, and each result is compared with the serial one.
     */
    private void shared(Model model, ObjectNode root, PrintWriter err) throws Exception {
        requirePositive("--per-thread", perThread);
        for (int t : threadCounts.values()) requirePositive("--thread-counts", t);
        List<Path> paths = new ArrayList<>();
        DatasetFolder.scan(data).classes().values().forEach(paths::addAll);
        List<byte[]> images = new ArrayList<>();
        for (Path p : paths.subList(0, Math.min(files, paths.size()))) images.add(Files.readAllBytes(p));
        ArrayNode rows = root.putArray("shared");
        long mismatches = 0;
        long classifications = 0;
        try (Recognizer recognizer = Recognizer.of(model)) {
            List<Recognition> serial = new ArrayList<>();
            for (int i = 0; i < images.size(); i++) serial.add(recognizer.recognize(images.get(i), "image " + i));
            // Warm-up, so that the first thread count is not timed while the JIT compiles.
            for (int r = 0; r < WARMUP_ROUNDS; r++) for (int i = 0; i < images.size(); i++) recognizer.recognize(images.get(i), "image " + i);
            for (int threadCount : threadCounts.values()) {
                ExecutorService pool = Executors.newFixedThreadPool(threadCount);
                try {
                    List<Future<Long>> wrong = new ArrayList<>();
                    long t0 = System.nanoTime();
                    for (int t = 0; t < threadCount; t++) {
                        int offset = (int) ((long) images.size() * t / threadCount);
                        wrong.add(pool.submit(() -> {
                            long differ = 0;
                            for (int k = 0; k < perThread; k++) {
                                int i = (offset + k) % images.size();
                                if (!recognizer.recognize(images.get(i), "image " + i).equals(serial.get(i))) differ++;
                            }
                            return differ;
                        }));
                    }
                    for (Future<Long> f : wrong) mismatches += f.get();
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    long done = (long) threadCount * perThread;
                    classifications += done;
                    ObjectNode row = rows.addObject();
                    row.put("threads", threadCount);
                    row.put("classifications", done);
                    row.put("classifications_per_second", done / seconds);
                    err.printf(Locale.ROOT, "bench: shared recognizer, %d thread(s): %,.0f classifications/s%n", threadCount, done / seconds);
                } finally {
                    pool.shutdownNow();
                }
            }
        }
        root.put("model", modelOption.describe());
        root.put("shared_images", images.size());
        root.put("shared_classifications", classifications);
        root.put("shared_mismatches", mismatches);
    }

    private interface Share {
        void run(int start, int end) throws Exception;
    }

    /** Runs {@code share} on {@link #threads} contiguous parts of {@code 0 … count}; returns {@code count}. */
    private int splitAmongThreads(int count, Share share) throws Exception {
        if (threads == 1) {
            share.run(0, count);
            return count;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int start = (int) ((long) count * t / threads);
                int end = (int) ((long) count * (t + 1) / threads);
                running.add(pool.submit(() -> {
                    share.run(start, end);
                    return null;
                }));
            }
            for (Future<?> f : running) f.get();
        } finally {
            pool.shutdownNow();
        }
        return count;
    }

    private double median(Round round, PrintWriter err, String what) throws Exception {
        double[] rates = new double[rounds];
        for (int r = -WARMUP_ROUNDS; r < rounds; r++) {
            long t0 = System.nanoTime();
            int items = round.run();
            double rate = items / ((System.nanoTime() - t0) / 1e9);
            if (r >= 0) rates[r] = rate;
        }
        Arrays.sort(rates);
        err.printf(Locale.ROOT, "bench: %s per second, min %.0f, median %.0f, max %.0f%n", what, rates[0], rates[rounds / 2], rates[rounds - 1]);
        return rounds % 2 == 1 ? rates[rounds / 2] : (rates[rounds / 2 - 1] + rates[rounds / 2]) / 2;
    }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) s += v;
        return s / x.length;
    }

    /**
     * The glyphs as the peer scripts read them: raw little-endian arrays, and each glyph's class and
     * image file, all in sample order (files that held no readable glyph are left out of all three).
     */
    private void save(LabeledGlyphs glyphs, Path dir) throws IOException {
        Files.createDirectories(dir);
        ByteBuffer pixels = ByteBuffer.allocate(glyphs.size() * Glyph.PIXELS * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        pixels.asFloatBuffer().put(glyphs.inputs());
        ByteBuffer labels = ByteBuffer.allocate(glyphs.size() * Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        labels.asIntBuffer().put(glyphs.targets());
        Files.write(dir.resolve("glyphs.f32"), pixels.array());
        Files.write(dir.resolve("labels.i32"), labels.array());
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < glyphs.size(); i++) lines.add(glyphs.target(i) + "\t" + data.resolve(glyphs.source(i)).toAbsolutePath());
        Files.write(dir.resolve("files.tsv"), lines);
    }
}

package org.glyphocr.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.glyphocr.Candidate;
import org.glyphocr.Recognition;
import org.glyphocr.Recognizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/** {@code classify [--model FILE] [--top K] [--reject P] [--threads N] [--json] IMAGE...}. */
@Command(name = "classify", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = {"Reads one glyph per image file and prints a line per image:",
                "IMAGE<TAB>LABEL<TAB>PROBABILITY, then further candidates as LABEL<TAB>PROBABILITY with --top.",
                "An image without ink prints the label (blank), one read with less than --reject probability (unknown).",
                "Unreadable images are reported on stderr",
                "and make the exit status 1; the others are still classified.",
                "More files than a command line holds: put their paths in a file, one a line, and pass @FILE."})
final class ClassifyCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    ModelOption modelOption;

    @Option(names = "--top", paramLabel = "K", defaultValue = "1", description = "Candidates per image, most probable first (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--reject", paramLabel = "P", defaultValue = "0", description = {"Readings less probable than P print the label",
            "(unknown) instead of a guess; eval --reject shows what a threshold costs (default: ${DEFAULT-VALUE}, never)."})
    double reject;

    @Option(names = "--json", description = "Print one JSON object on stdout instead of lines.")
    boolean json;

    @Option(names = "--threads", paramLabel = "N", description = {"Threads that decode and read the images, each a run of",
            "up to " + CHUNK + " files at a time; the output keeps the input's order (default: the available processors)."})
    Integer threads;

    /** Files per batch on one thread: large enough that the network sees big batches, small enough to share out. */
    static final int CHUNK = 256;

    @Parameters(paramLabel = "IMAGE", arity = "1..*", description = "Image files: PNG, BMP, GIF, TIFF, PNM or JPEG.")
    List<Path> images;

    @Override
    public Integer call() throws Exception {
        if (top < 1) throw new IllegalArgumentException("--top must be >= 1, was " + top);
        int threadCount = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        if (threadCount < 1) throw new IllegalArgumentException("--threads must be >= 1, was " + threadCount);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (Recognizer recognizer = Recognizer.builder().model(modelOption.load()).rejectBelow(reject).build()) {
            ObjectNode root = Json.object();
            root.put("model", modelOption.describe());
            ArrayNode results = root.putArray("results");
            int[] failures = {0};
            recognizeInOrder(recognizer, images, threadCount, o -> {
                if (o.error() != null) {
                    failures[0]++;
                    err.println("classify: " + UserErrors.describe(o.error()));
                    if (json) results.addObject().put("image", o.file().toString()).put("error", UserErrors.describe(o.error()));
                    return;
                }
                Recognition r = o.recognition();
                if (json) {
                    ObjectNode node = results.addObject();
                    node.put("image", o.file().toString());
                    node.put("blank", r.isBlank());
                    node.put("rejected", r.isRejected());
                    node.put("label", r.isBlank() || r.isRejected() ? null : r.label());
                    node.put("probability", r.probability());
                    ArrayNode candidates = node.putArray("top");
                    for (Candidate c : r.topK(top)) {
                        candidates.addObject().put("label", c.label()).put("probability", c.probability());
                    }
                } else {
                    out.println(line(o.file(), r));
                }
            });
            root.put("errors", failures[0]);
            if (json) Json.print(out, root);
            out.flush();
            return failures[0] == 0 ? 0 : Main.EXIT_BAD_INPUT;
        }
    }

    /**
     * {@link Recognizer#recognizeFiles} over runs of up to {@link #CHUNK} files on {@code threads}
     * threads (one recognizer is thread-safe), handing each outcome to {@code sink} in the list's
     * order as soon as its run and those before it are done, so output streams and the finished
     * runs need not be kept. The answers are the same whatever the threads, since the network reads
     * each glyph of a batch alone, bit for bit.
     */
    static void recognizeInOrder(Recognizer recognizer, List<Path> files, int threads, Consumer<Recognizer.Outcome> sink)
            throws InterruptedException {
        // Small lists are still shared out: every thread gets a run.
        int chunk = Math.max(1, Math.min(CHUNK, (files.size() + threads - 1) / threads));
        List<List<Path>> runs = new ArrayList<>();
        for (int from = 0; from < files.size(); from += chunk) runs.add(files.subList(from, Math.min(files.size(), from + chunk)));
        if (threads == 1) {
            for (List<Path> run : runs) recognizer.recognizeFiles(run).forEach(sink);
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<Recognizer.Outcome>>> pending = new ArrayList<>();
            for (List<Path> run : runs) pending.add(pool.submit(() -> recognizer.recognizeFiles(run)));
            for (int i = 0; i < pending.size(); i++) {
                try {
                    pending.get(i).get().forEach(sink);
                    pending.set(i, null); // done with: let it go
                } catch (ExecutionException e) {
                    // recognizeFiles keeps each file's error in its outcome: anything thrown is a bug.
                    if (e.getCause() instanceof RuntimeException r) throw r;
                    if (e.getCause() instanceof Error r) throw r;
                    throw new IllegalStateException(e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private String line(Path file, Recognition r) {
        if (r.isBlank()) return file + "\t(blank)\t0";
        if (r.isRejected()) return file + "\t(unknown)\t" + String.format(Locale.ROOT, "%.4f", r.probability());
        StringBuilder sb = new StringBuilder(file.toString());
        for (Candidate c : r.topK(top)) sb.append('\t').append(c.label()).append('\t').append(String.format(Locale.ROOT, "%.4f", c.probability()));
        return sb.toString();
    }
}

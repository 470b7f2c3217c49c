package org.glyphocr.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.glyphocr.model.ModelReader;
import org.glyphocr.nn.Architecture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line as a user meets it: exit codes, stdout, and one-line messages on stderr. */
class CliTest {
    private static final Path SAMPLES = Path.of("testdata/samples");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    record Run(int status, String out, String err) {
        JsonNode json() throws IOException {
            return JSON.readTree(out);
        }

        /** The stderr lines, which for a user error must be exactly one. */
        List<String> errLines() {
            return err.lines().toList();
        }
    }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static List<String> samples() throws IOException {
        try (Stream<Path> s = Files.list(SAMPLES)) {
            return s.map(Path::toString).sorted().toList();
        }
    }

    @Test
    void classifyReadsTheSamplesWithTheBundledModel() throws IOException {
        List<String> files = samples();
        Run r = run(Stream.concat(Stream.of("classify"), files.stream()).toArray(String[]::new));
        assertEquals(0, r.status(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(files.size(), lines.size());
        for (int i = 0; i < files.size(); i++) {
            String[] fields = lines.get(i).split("\t");
            String expected = files.get(i).replaceAll(".*-(\\d)\\..*", "$1");
            assertEquals(files.get(i), fields[0]);
            assertEquals(expected, fields[1], lines.get(i));
        }
    }

    @Test
    void classifyJsonIsOneObjectWithTopK() throws IOException {
        Run r = run("classify", "--json", "--top", "3", SAMPLES.resolve("scan-9.jpg").toString());
        assertEquals(0, r.status(), r.err());
        JsonNode result = r.json().get("results").get(0);
        assertEquals("9", result.get("label").asText());
        assertEquals(3, result.get("top").size());
        assertTrue(result.get("top").get(0).get("probability").asDouble() >= result.get("top").get(1).get("probability").asDouble());
        assertEquals(0, r.json().get("errors").asInt());
    }

    /**
     * Any number of threads prints what one thread prints, lines and JSON alike, bad files
     * included, in the input's order; the paths can come from an {@code @FILE}.
     */
    @Test
    void classifyOnSeveralThreadsPrintsWhatOneThreadPrints() throws IOException {
        List<String> files = new ArrayList<>(samples());
        try (Stream<Path> digits = Files.walk(Path.of("testdata/mnist-7k"))) {
            digits.filter(Files::isRegularFile).sorted().limit(600).map(Path::toString).forEach(files::add);
        }
        files.add(5, Files.writeString(dir.resolve("notes.png"), "not an image").toString());
        files.add(300, Files.write(dir.resolve("empty.png"), new byte[0]).toString());
        Path list = Files.write(dir.resolve("files.txt"), files);
        for (String format : new String[]{"--top=2", "--json"}) {
            Run one = run("classify", format, "--threads", "1", "@" + list);
            assertEquals(1, one.status(), one.err());
            assertEquals(2, one.errLines().size(), one.err());
            if (!format.equals("--json")) assertEquals(files.size() - 2, one.out().lines().count());
            for (String threads : new String[]{"2", "3"}) {
                Run many = run("classify", format, "--threads", threads, "@" + list);
                assertEquals(one, many, threads + " threads, " + format);
            }
        }
        assertEquals(1, run("classify", "--threads", "0", files.get(0)).status());
    }

    @Test
    void missingFileNamesTheFileOnOneLine() {
        Run r = run("classify", dir.resolve("nope.png").toString());
        assertEquals(1, r.status());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().contains("nope.png") && r.err().contains("not found"), r.err());
    }

    @Test
    void nonImageAndEmptyFilesAreRejectedButOtherImagesStillClassified() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.txt"), "hello, not an image");
        Path empty = Files.write(dir.resolve("empty.png"), new byte[0]);
        Run r = run("classify", text.toString(), empty.toString(), SAMPLES.resolve("mnist-3.png").toString());
        assertEquals(1, r.status());
        assertEquals(2, r.errLines().size(), r.err());
        assertTrue(r.errLines().get(0).contains("notes.txt"), r.err());
        assertTrue(r.errLines().get(1).contains("empty.png") && r.errLines().get(1).contains("empty"), r.err());
        assertTrue(r.out().contains("mnist-3.png\t3\t"), r.out());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    @Test
    void absurdDimensionsInAHeaderAreRejectedBeforeDecoding() throws IOException {
        // A BMP header claiming 100000 x 100000 pixels, 24 bits each, with no pixel data behind it.
        byte[] bmp = new byte[54];
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bmp).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'B').put((byte) 'M').putInt(54).putInt(0).putInt(54);
        b.putInt(40).putInt(100_000).putInt(100_000).putShort((short) 1).putShort((short) 24).putInt(0).putInt(0).putInt(2835).putInt(2835).putInt(0).putInt(0);
        Path file = Files.write(dir.resolve("huge.bmp"), bmp);
        Run r = run("classify", file.toString());
        assertEquals(1, r.status());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().contains("huge.bmp") && r.err().contains("100000"), r.err());
    }

    @Test
    void blankImageIsReportedAsBlank() throws IOException {
        BufferedImage white = new BufferedImage(30, 30, BufferedImage.TYPE_BYTE_GRAY);
        white.getGraphics().fillRect(0, 0, 30, 30);
        Path file = dir.resolve("white.png");
        ImageIO.write(white, "png", file.toFile());
        Run r = run("classify", "--json", file.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.json().get("results").get(0).get("blank").asBoolean());
    }

    @Test
    void unknownOptionIsAUsageError() {
        Run r = run("classify", "--frobnicate", "x.png");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("--frobnicate"), r.err());
    }

    @Test
    void askingForAMissingGpuSaysWhatIsMissingBeforeLoadingData() {
        String reason = org.glyphocr.backend.Backends.providers().stream().filter(p -> p.name().equals("gpu"))
                .findFirst().orElseThrow().unavailableReason();
        org.junit.jupiter.api.Assumptions.assumeTrue(reason != null, "this machine has a usable GPU");
        // The data folder does not exist: the backend is checked first.
        Run r = run("train", "--data", dir.resolve("not-loaded").toString(), "--out", dir.resolve("m.gocr").toString(), "--backend", "gpu");
        assertEquals(1, r.status());
        assertEquals(List.of("glyph-ocr train: gpu backend unavailable: " + reason), r.errLines());
    }

    @Test
    void synthWritesADatasetThatTrainReads() throws IOException {
        Path set = dir.resolve("font-set");
        Run synth = run("synth", "--font", "Dialog", "--chars", "0123", "--sizes", "24,32", "--variants", "2", "--out", set.toString(), "--json");
        assertEquals(0, synth.status(), synth.err());
        assertEquals(4 * 2 * 2 * 2, synth.json().get("images").asInt()); // 4 characters, 2 faces, 2 sizes, 2 variants
        Run train = run("train", "--data", set.toString(), "--out", dir.resolve("font.gocr").toString(), "--epochs", "2",
                "--no-augment", "--no-report", "--quiet", "--json");
        assertEquals(0, train.status(), train.err());
        Run folded = run("eval", "--model", dir.resolve("font.gocr").toString(), "--data", set.toString(), "--fold-case", "--json");
        assertEquals(0, folded.status(), folded.err());
        assertTrue(folded.json().get("accuracy").asDouble() >= folded.json().get("accuracy_strict").asDouble(), folded.out());
        Run again = run("synth", "--font", "Dialog", "--chars", "0", "--out", set.toString());
        assertEquals(1, again.status());
        assertTrue(again.err().contains("not empty"), again.err());
    }

    @Test
    void modelsAreSelectableByName() {
        Run r = run("classify", "--model", "digits", SAMPLES.resolve("mnist-3.png").toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("\t3\t"), r.out());
        Run unknown = run("classify", "--model", "klingon", SAMPLES.resolve("mnist-3.png").toString());
        assertEquals(1, unknown.status());
        assertTrue(unknown.err().contains("bundled: digits"), unknown.err());
    }

    @Test
    void calibrateThenEvalReportsCalibrationErrorRejectionAndAReliabilityDiagram() throws IOException {
        Path calibrated = dir.resolve("calibrated.gocr");
        Run c = run("calibrate", "--model", "digits", "--data", "testdata/mnist-7k", "--out", calibrated.toString());
        assertEquals(0, c.status(), c.err());
        assertTrue(c.err().contains("temperature"), c.err());
        Path png = dir.resolve("reliability.png");
        Run e = run("eval", "--model", calibrated.toString(), "--data", "testdata/mnist-7k", "--split", "test", "--reject", "0.9",
                "--reliability", png.toString(), "--json");
        assertEquals(0, e.status(), e.err());
        JsonNode j = e.json();
        assertTrue(j.get("temperature").asDouble() != 1);
        assertTrue(j.get("ece_after").asDouble() <= 0.02, "bundled digits calibrated: ECE " + j.get("ece_after"));
        assertTrue(j.get("ece_before").isNumber());
        JsonNode reject = j.get("reject");
        assertTrue(reject.get("coverage").asDouble() < 1 && reject.get("accuracy").asDouble() > j.get("accuracy").asDouble(), reject.toString());
        assertEquals(15, j.get("coverage_curve").size());
        assertTrue(ImageIO.read(png.toFile()).getWidth() > 800);
        Run classify = run("classify", "--model", calibrated.toString(), "--reject", "1", "testdata/samples/scan-7.gif");
        assertTrue(classify.out().contains("(unknown)"), classify.out());
    }

    @Test
    void trainWritesItsEventsAsJsonLines() throws IOException {
        Path events = dir.resolve("events.jsonl");
        Path model = dir.resolve("events.gocr");
        Run r = run("train", "--font", "Dialog", "--chars", "0123", "--out", model.toString(), "--epochs", "3", "--no-report", "--quiet",
                "--events", events.toString());
        assertEquals(0, r.status(), r.err());
        List<JsonNode> lines = new java.util.ArrayList<>();
        for (String line : Files.readAllLines(events)) lines.add(JSON.readTree(line));
        assertEquals("start", lines.get(0).get("event").asText());
        assertTrue(lines.get(0).get("backend").asText().startsWith("cpu"));
        List<JsonNode> epochs = lines.stream().filter(e -> e.get("event").asText().equals("epoch")).toList();
        assertEquals(3, epochs.size());
        assertEquals(3, epochs.get(2).get("max_epochs").asInt());
        assertTrue(epochs.get(0).get("eta_seconds").asDouble() > 0, epochs.get(0).toString());
        assertTrue(epochs.get(0).get("validation_accuracy").isNumber());
        long batches = lines.stream().filter(e -> e.get("event").asText().equals("batch")).count();
        assertTrue(batches >= 3, "a batch event per step");
        JsonNode end = lines.get(lines.size() - 1);
        assertEquals("end", end.get("event").asText());
        assertEquals("max-epochs", end.get("stop_reason").asText());
        assertEquals(model.toString(), end.get("model").asText());
    }

    @Test
    void trainLearnsFromAFontInOneCommand() throws IOException {
        Path model = dir.resolve("from-font.gocr");
        Run r = run("train", "--font", "Dialog", "--chars", "0123", "--out", model.toString(), "--epochs", "2", "--no-report", "--json");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.err().contains("rendered"), r.err());
        assertTrue(Files.isRegularFile(model));
        assertEquals(4, org.glyphocr.Models.named(model.toString()).alphabet().size());
        Run both = run("train", "--font", "Dialog", "--chars", "0123", "--data", dir.toString(), "--out", model.toString());
        assertEquals(1, both.status());
        assertTrue(both.err().contains("either --data DIR or --font"), both.err());
        Run noChars = run("train", "--font", "Dialog", "--out", model.toString());
        assertEquals(1, noChars.status());
        assertTrue(noChars.err().contains("--font needs --chars"), noChars.err());
    }

    @Test
    void readGivesTheTextOfAPrintedLine() throws IOException {
        Path model = dir.resolve("dialog-digits.gocr");
        Run train = run("train", "--font", "Dialog", "--chars", "digits", "--no-deskew", "--out", model.toString(), "--epochs", "15",
                "--no-report", "--quiet");
        assertEquals(0, train.status(), train.err());
        java.awt.image.BufferedImage line = new java.awt.image.BufferedImage(600, 80, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = line.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, 600, 80);
        g.setRenderingHint(java.awt.RenderingHints.KEY_TEXT_ANTIALIASING, java.awt.RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(java.awt.Color.BLACK);
        g.setFont(new java.awt.Font(java.awt.Font.DIALOG, java.awt.Font.PLAIN, 36));
        g.drawString("2026 11 27 3", 20, 55);
        // A 5 and an 8 that touch, as heavy print or blur leaves them: read as one blot unless cut apart.
        int x = 20 + g.getFontMetrics().stringWidth("2026 11 27 3");
        int fiveEnds = x + (int) Math.ceil(g.getFont().createGlyphVector(g.getFontRenderContext(), "5").getVisualBounds().getMaxX());
        g.drawString("5", x, 55);
        g.drawString("8", fiveEnds - 3, 55);
        g.dispose();
        Path image = dir.resolve("line.png");
        ImageIO.write(line, "png", image.toFile());
        Path texts = dir.resolve("texts");
        Run read = run("read", "--model", model.toString(), "--out", texts.toString(), image.toString());
        assertEquals(0, read.status(), read.err());
        assertEquals("2026 11 27 358", read.out().strip());
        assertEquals("2026 11 27 358\n", Files.readString(texts.resolve("line.txt")));
        Run json = run("read", "--model", model.toString(), "--json", "--min-confidence", "1", image.toString());
        assertEquals(0, json.status(), json.err());
        JsonNode first = json.json().get("results").get(0).get("lines").get(0).get("characters").get(0);
        assertEquals(4, first.get("box").size());
        assertTrue(first.get("confidence").asDouble() > 0);
    }

    @Test
    void synthNamesAnUnknownFont() {
        Run r = run("synth", "--font", "No Such Family 123", "--chars", "digits", "--out", dir.resolve("x").toString());
        assertEquals(1, r.status());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().contains("'No Such Family 123'"), r.err());
    }

    @Test
    void emptyDatasetFolderIsRejected() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty-dataset"));
        Run train = run("train", "--data", empty.toString(), "--out", dir.resolve("m.gocr").toString());
        assertEquals(1, train.status());
        assertEquals(1, train.errLines().size(), train.err());
        assertTrue(train.err().contains("empty-dataset") && train.err().contains("no images"), train.err());
        Run eval = run("eval", "--data", empty.toString());
        assertEquals(1, eval.status());
        assertTrue(eval.err().contains("no images"), eval.err());
        assertFalse(Files.exists(dir.resolve("m.gocr")));
    }

    @Test
    void corruptModelIsNamed() throws IOException {
        Path model = Files.write(dir.resolve("bad.gocr"), new byte[]{1, 2, 3});
        Run r = run("info", "--model", model.toString());
        assertEquals(1, r.status());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().contains("bad.gocr: not a glyph-ocr model"), r.err());
    }

    @Test
    void badTrainerSettingIsRejectedBeforeLoadingData() {
        Run r = run("train", "--data", "no-such-folder", "--out", "x.gocr", "--batch", "0");
        assertEquals(1, r.status());
        assertEquals("glyph-ocr train: batchSize must be > 0, was 0", r.err().strip());
    }

    /** A small dataset folder: 30 digits of each of 0, 1 and 2, with labels.tsv naming them. */
    private Path smallDataset() throws IOException {
        Path data = dir.resolve("small");
        for (String digit : List.of("0", "1", "2")) {
            Path to = Files.createDirectories(data.resolve("d" + digit));
            try (Stream<Path> s = Files.list(Path.of("testdata/mnist-7k", digit))) {
                for (Path p : s.sorted().limit(30).toList()) Files.copy(p, to.resolve(p.getFileName()));
            }
        }
        Files.writeString(data.resolve("labels.tsv"), "d0\tzero\nd1\tone\nd2\ttwo\n");
        return data;
    }

    @Test
    void trainEvalAndInfoWorkTogetherWithJson() throws IOException {
        Path data = smallDataset();
        Path model = dir.resolve("out/small.gocr");
        Run train = run("train", "--data", data.toString(), "--out", model.toString(), "--hidden", "16", "--epochs", "10", "--no-augment",
                "--json", "--quiet");
        assertEquals(0, train.status(), train.err());
        JsonNode t = train.json();
        for (String key : List.of("epochs", "train_seconds", "samples_per_second", "validation_accuracy", "test_accuracy", "backend")) {
            assertTrue(t.has(key), "train --json lacks " + key + ": " + t);
        }
        assertEquals("", train.err(), "--quiet prints nothing on stderr");
        assertEquals(List.of("zero", "one", "two"), List.of(ModelReader.read(model).alphabet().labels().toArray(String[]::new)));

        Run eval = run("eval", "--model", model.toString(), "--data", data.toString(), "--json");
        assertEquals(0, eval.status(), eval.err());
        JsonNode e = eval.json();
        assertEquals(90, e.get("samples").asInt());
        double accuracy = e.get("accuracy").asDouble();
        assertTrue(accuracy > 0.5 && accuracy <= 1, "accuracy " + accuracy);
        assertEquals(Math.round(90 * (1 - accuracy)), e.get("errors").asInt());

        Run test = run("eval", "--model", model.toString(), "--data", data.toString(), "--split", "test", "--json");
        assertEquals(t.get("test_accuracy").asDouble(), test.json().get("accuracy").asDouble(), 1e-12);

        Run info = run("info", "--model", model.toString(), "--json");
        assertEquals(0, info.status(), info.err());
        assertEquals("400-16-3 (sigmoid/softmax, cross-entropy)", info.json().get("architecture").asText());
        assertEquals("small", info.json().get("provenance").get("data_source").asText());
    }

    @Test
    void evalOfTheBundledModelPrintsAccuracyAndConfusion() {
        Run r = run("eval", "--data", "testdata/mnist-7k", "--split", "test");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith("accuracy 0.9"), r.out());
        assertTrue(r.out().contains("confusion matrix"), r.out());
    }

    @Test
    void deskewCanBeSwitchedOffAndOn() throws IOException {
        Path data = smallDataset();
        Path model = dir.resolve("m.gocr");
        assertEquals(0, run("train", "--data", data.toString(), "--out", model.toString(), "--hidden", "8", "--epochs", "1", "--quiet", "--no-deskew").status());
        assertFalse(ModelReader.read(model).preprocessing().deskew());
        assertEquals(0, run("train", "--data", data.toString(), "--out", model.toString(), "--hidden", "8", "--epochs", "1", "--quiet", "--deskew").status());
        assertTrue(ModelReader.read(model).preprocessing().deskew());
    }

    @Test
    void aRepeatedListOptionReplacesTheEarlierOneAsEveryOptionDoes() throws IOException {
        // An args file spells out a recipe's --hidden and the command line overrides it.
        Path data = smallDataset();
        Path model = dir.resolve("m.gocr");
        Path recipe = dir.resolve("recipe.args");
        Files.writeString(recipe, "--hidden 64,32\n--epochs 1\n");
        Run train = run("train", "@" + recipe, "--hidden", "8", "--data", data.toString(), "--out", model.toString(), "--quiet");
        assertEquals(0, train.status(), train.err());
        Architecture trained = ModelReader.read(model).architecture();
        assertEquals(2, trained.layerCount(), trained.shapeString());
        assertEquals(8, trained.layers().get(0).units(), trained.shapeString());

        Path set = dir.resolve("set");
        Run synth = run("synth", "--font", "Dialog", "--chars", "01", "--sizes", "24,32", "--sizes", "20", "--variants", "1",
                "--out", set.toString(), "--json");
        assertEquals(0, synth.status(), synth.err());
        assertEquals(2 * 2, synth.json().get("images").asInt(), "2 characters, 2 faces, one size, not three: " + synth.out());
    }

    @Test
    void everyOptionThatTakesSeveralValuesIsMeantToBeRepeated() {
        // picocli adds each occurrence of a multi-value option to the last, where a single-value
        // option is replaced; only options documented as repeatable may be multi-value.
        List<String> repeatable = List.of("--font");
        List<String> offending = new ArrayList<>();
        for (Class<?> command : Main.COMMANDS) {
            CommandLine cli = new CommandLine(command);
            for (CommandLine.Model.OptionSpec option : cli.getCommandSpec().options()) {
                if (option.isMultiValue() && !repeatable.contains(option.longestName())) offending.add(cli.getCommandName() + " " + option.longestName());
            }
        }
        assertEquals(List.of(), offending);
    }

    @Test
    void glyphWritesWhatTheNetworkSees() throws IOException {
        Path png = dir.resolve("seen.png");
        Run r = run("glyph", "--out", png.toString(), "--scale", "5", SAMPLES.resolve("scan-7.gif").toString());
        assertEquals(0, r.status(), r.err());
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(100, image.getWidth());
    }

    @Test
    void benchReportsEveryPartInOneJsonObject() throws IOException {
        Path data = smallDataset();
        Run r = run("bench", "--data", data.toString(), "--shape", "400-32-12", "--batch", "16", "--epochs", "2", "--warmup", "0",
                "--files", "20", "--rounds", "1", "--json");
        assertEquals(0, r.status(), r.err());
        JsonNode json = r.json();
        for (String key : List.of("train_samples_per_second", "infer_glyphs_per_second", "gemm_gflops", "classify_files_per_second")) {
            assertTrue(json.get(key).asDouble() > 0, key + " in " + r.out());
        }
        assertEquals("400-32-12", json.get("shape").asText());
        assertEquals(16, json.get("batch").asInt());
        assertEquals(20, json.get("files").asInt());
        assertTrue(json.get("backend").asText().startsWith("cpu ("), json.get("backend").asText());
    }

    @Test
    void benchRunsOnlyThePartsAskedForOnSeveralThreads() throws IOException {
        Run r = run("bench", "--data", smallDataset().toString(), "--shape", "400-8-10", "--batch", "1", "--threads", "2",
                "--only", "infer", "--rounds", "1", "--json");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.json().get("infer_glyphs_per_second").asDouble() > 0, r.out());
        assertFalse(r.json().has("train_samples_per_second"), r.out());
        assertFalse(r.json().has("gemm_gflops"), r.out());
        assertEquals(2, r.json().get("threads").asInt());
    }

    @Test
    void benchRefusesBadShapesAndPartsNamingThem() throws IOException {
        Path data = smallDataset();
        Run shape = run("bench", "--data", data.toString(), "--shape", "400-x-10", "--only", "train");
        assertEquals(1, shape.status());
        assertTrue(shape.err().contains("--shape") && shape.err().contains("400-x-10"), shape.err());
        Run classes = run("bench", "--data", data.toString(), "--shape", "400-16-2", "--only", "train");
        assertEquals(1, classes.status());
        assertTrue(classes.err().contains("fewer than the"), classes.err());
        Run part = run("bench", "--data", data.toString(), "--only", "speed");
        assertEquals(1, part.status());
        assertTrue(part.err().contains("'speed'"), part.err());
    }

    @Test
    void benchSavesTheGlyphsForThePeerScripts() throws IOException {
        Path data = smallDataset();
        Path out = dir.resolve("glyphs");
        Run r = run("bench", "--data", data.toString(), "--save-glyphs", out.toString());
        assertEquals(0, r.status(), r.err());
        long files = Files.readAllLines(out.resolve("files.tsv")).size();
        assertTrue(files >= 10, "files.tsv has " + files + " lines");
        assertEquals(files * 400 * 4, Files.size(out.resolve("glyphs.f32")));
        assertEquals(files * 4, Files.size(out.resolve("labels.i32")));
    }

    @Test
    void trainWritesTheReportPicturesAndRefusesAResumeWithoutCheckpoint() throws IOException {
        Path data = smallDataset();
        Path model = dir.resolve("m.gocr");
        Run noCheckpoint = run("train", "--data", data.toString(), "--out", model.toString(), "--resume");
        assertEquals(1, noCheckpoint.status());
        assertTrue(noCheckpoint.err().contains("no checkpoint to resume from"), noCheckpoint.err());
        Run r = run("train", "--data", data.toString(), "--out", model.toString(), "--hidden", "16", "--epochs", "3", "--quiet");
        assertEquals(0, r.status(), r.err());
        for (String picture : List.of("training.png", "confusion.png", "errors.png")) {
            BufferedImage image = ImageIO.read(dir.resolve("m-report").resolve(picture).toFile());
            assertTrue(image.getWidth() > 100, picture);
        }
        assertFalse(Files.exists(dir.resolve("m.gocr.checkpoint")), "the checkpoint goes when training finishes");
    }

    @Test
    void augmentWritesAContactSheet() throws IOException {
        Path sheet = dir.resolve("sheet.png");
        Run r = run("augment", "--data", smallDataset().toString(), "--out", sheet.toString(), "--samples", "3", "--variants", "4");
        assertEquals(0, r.status(), r.err());
        BufferedImage image = ImageIO.read(sheet.toFile());
        assertTrue(image.getWidth() > image.getHeight(), image.getWidth() + "x" + image.getHeight());
    }

    @Test
    void searchPrintsItsTrialsAndWritesTheBestModel() throws IOException {
        Path model = dir.resolve("best.gocr");
        Run r = run("search", "--data", smallDataset().toString(), "--out", model.toString(), "--params", "l2", "--hidden", "8",
                "--epochs", "2", "--no-augment", "--json", "--quiet");
        assertEquals(0, r.status(), r.err());
        JsonNode json = r.json();
        assertTrue(json.get("trials").size() >= 3, json.toString());
        assertTrue(json.has("test_accuracy") && json.has("best"), json.toString());
        assertEquals(3, ModelReader.read(model).alphabet().size());
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : List.of("classify", "eval", "train", "info", "glyph", "bench", "augment", "search")) {
            Run r = run(command, "--help");
            assertEquals(0, r.status(), command);
            assertTrue(r.out().contains("Usage: glyph-ocr " + command), r.out());
        }
    }
}

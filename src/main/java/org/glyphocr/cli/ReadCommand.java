package org.glyphocr.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.glyphocr.Recognizer;
import org.glyphocr.TextReading;
import org.glyphocr.image.ImageDecoder;
import org.glyphocr.image.TextLines;
import org.glyphocr.model.AtomicFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code read [--model M] [--min-confidence P] [--out DIR] [--json] IMAGE...}: the text of printed lines. */
@Command(name = "read", mixinStandardHelpOptions = true, usageHelpAutoWidth = true, sortOptions = false,
        description = {"Reads printed text: finds the lines of each image and their characters, recognizes each character,",
                "and prints the text (one block per image, a line per line of text). The lines must be roughly level."})
final class ReadCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    ModelOption modelOption = new ModelOption("latin");

    @Option(names = "--min-confidence", paramLabel = "P", defaultValue = "0",
            description = "Characters read with a lower probability come back as U+FFFD instead of a guess (default: ${DEFAULT-VALUE}).")
    double minConfidence;

    @Option(names = "--out", paramLabel = "DIR", description = "Also write each image's text to DIR/NAME.txt (NAME: the image's file name without extension).")
    Path outDir;

    @Option(names = "--json", description = "Print one JSON object on stdout: text, and each character's box and confidence.")
    boolean json;

    @Parameters(paramLabel = "IMAGE", arity = "1..*", description = "Image files.")
    List<Path> images;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (outDir != null) Files.createDirectories(outDir);
        ObjectNode root = Json.object();
        ArrayNode results = root.putArray("results");
        int failures = 0;
        try (Recognizer recognizer = Recognizer.of(modelOption.load())) {
            for (Path image : images) {
                TextReading reading;
                try {
                    BufferedImage decoded = ImageDecoder.DEFAULT.decode(image);
                    reading = TextReading.read(recognizer, decoded, minConfidence);
                } catch (IOException e) {
                    failures++;
                    err.println("read: " + UserErrors.describe(e));
                    if (json) results.addObject().put("image", image.toString()).put("error", UserErrors.describe(e));
                    continue;
                }
                if (outDir != null) {
                    String name = image.getFileName().toString().replaceFirst("\\.[^.]*$", "");
                    AtomicFile.write(outDir.resolve(name + ".txt"), (reading.text() + "\n").getBytes(StandardCharsets.UTF_8),
                            AtomicFile.Durability.PROGRAM_CRASH);
                }
                if (json) {
                    results.add(toJson(image, reading));
                } else {
                    if (images.size() > 1) out.println("== " + image);
                    out.println(reading.text());
                }
            }
        }
        if (json) {
            root.put("errors", failures);
            Json.print(out, root);
        }
        out.flush();
        return failures == 0 ? 0 : Main.EXIT_BAD_INPUT;
    }

    private static ObjectNode toJson(Path image, TextReading reading) {
        ObjectNode node = Json.object();
        node.put("image", image.toString());
        node.put("text", reading.text());
        ArrayNode lines = node.putArray("lines");
        for (TextReading.Line line : reading.lines()) {
            ObjectNode l = lines.addObject();
            l.put("text", line.text());
            box(l, line.box());
            ArrayNode chars = l.putArray("characters");
            for (TextReading.Character c : line.characters()) {
                ObjectNode o = chars.addObject();
                o.put("text", c.text());
                Json.putNumber(o, "confidence", c.confidence());
                o.put("space_before", c.spaceBefore());
                box(o, c.box());
            }
        }
        return node;
    }

    private static void box(ObjectNode node, TextLines.Box b) {
        node.putArray("box").add(b.x()).add(b.y()).add(b.width()).add(b.height());
    }
}

package org.glyphocr.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.glyphocr.model.Model;
import org.glyphocr.model.ModelFormat;
import org.glyphocr.model.Provenance;
import org.glyphocr.nn.DenseLayer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.lang.reflect.RecordComponent;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code info [--model FILE] [--json]}: what a model file's header holds. */
@Command(name = "info", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = "Shows what a model file holds: format version, layers, alphabet, preprocessing and how it was trained.")
final class InfoCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    ModelOption modelOption;

    @Option(names = "--json", description = "Print one JSON object on stdout.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Model model = modelOption.load();
        Provenance p = model.provenance();
        ObjectNode root = Json.object();
        root.put("model", modelOption.describe());
        root.put("format_version", ModelFormat.MAJOR_VERSION + "." + ModelFormat.MINOR_VERSION);
        root.put("architecture", model.architecture().toString());
        root.put("parameters", model.architecture().parameterCount());
        ArrayNode layers = root.putArray("layers");
        for (DenseLayer l : model.architecture().layers()) layers.addObject().put("units", l.units()).put("activation", l.activation().id());
        root.put("loss", model.architecture().loss().id());
        ArrayNode alphabet = root.putArray("alphabet");
        model.alphabet().labels().forEach(alphabet::add);
        ObjectNode pre = root.putObject("preprocessing");
        for (RecordComponent c : model.preprocessing().getClass().getRecordComponents()) {
            pre.put(c.getName(), String.valueOf(c.getAccessor().invoke(model.preprocessing())));
        }
        ObjectNode prov = root.putObject("provenance");
        prov.put("library_version", p.libraryVersion());
        prov.put("created_at", p.createdAt());
        prov.put("seed", p.seed());
        prov.put("data_source", p.dataSource());
        prov.put("data_sha256", p.dataSha256());
        prov.put("train_samples", p.trainSamples());
        prov.put("validation_samples", p.validationSamples());
        prov.put("test_samples", p.testSamples());
        prov.put("epochs", p.epochs());
        Json.putNumber(prov, "train_seconds", p.trainSeconds());
        Json.putNumber(prov, "train_accuracy", p.trainAccuracy());
        Json.putNumber(prov, "validation_accuracy", p.validationAccuracy());
        Json.putNumber(prov, "test_accuracy", p.testAccuracy());
        prov.put("halvings", p.halvings());
        prov.put("stop_reason", p.stopReason());
        prov.put("backend", p.backend());
        ObjectNode settings = prov.putObject("trainer_settings");
        for (Map.Entry<String, String> e : p.trainerSettings().entrySet()) settings.put(e.getKey(), e.getValue());
        if (json) {
            Json.print(out, root);
        } else {
            printText(out, root);
        }
        return 0;
    }

    private static void printText(PrintWriter out, ObjectNode root) {
        out.println("model          " + root.get("model").asText());
        out.println("format         .gocr " + root.get("format_version").asText());
        out.println("network        " + root.get("architecture").asText() + ", " + root.get("parameters").asLong() + " parameters");
        StringBuilder alphabet = new StringBuilder();
        root.get("alphabet").forEach(l -> alphabet.append(alphabet.length() == 0 ? "" : " ").append(l.asText()));
        out.println("alphabet       " + root.get("alphabet").size() + " labels: " + alphabet);
        out.println("preprocessing");
        root.get("preprocessing").fields().forEachRemaining(e -> out.printf(Locale.ROOT, "  %-20s %s%n", e.getKey(), e.getValue().asText()));
        out.println("provenance");
        root.get("provenance").fields().forEachRemaining(e -> {
            if (e.getKey().equals("trainer_settings")) return;
            out.printf(Locale.ROOT, "  %-20s %s%n", e.getKey(), e.getValue().asText());
        });
        out.println("trainer settings");
        root.get("provenance").get("trainer_settings").fields()
                .forEachRemaining(e -> out.printf(Locale.ROOT, "  %-20s %s%n", e.getKey(), e.getValue().asText()));
    }
}

package org.glyphocr.model;

import java.util.Map;
import java.util.TreeMap;

/**
 * How a model was made, stored in its file so that any model can be rebuilt and judged: the
 * library version, the trainer's settings and seed, the data it saw, and what training achieved.
 * Accuracies are fractions in [0, 1], or NaN where a split was empty.
 *
 * @param libraryVersion glyph-ocr version that trained the model
 * @param createdAt ISO-8601 instant
 * @param trainerSettings every trainer setting by name, as text; copied, sorted
 * @param dataSource the dataset folder's name (not the full path, which is private to a machine)
 * @param dataSha256 hash of the dataset's labels and file contents, hex
 * @param trainSamples samples in the training split
 * @param validationSamples samples in the validation split
 * @param testSamples samples in the test split
 * @param epochs epochs run
 * @param trainSeconds wall-clock training time
 * @param trainAccuracy accuracy on the training split with the final weights
 * @param validationAccuracy accuracy on the validation split with the final weights
 * @param testAccuracy accuracy on the test split, measured once at the end
 * @param halvings times the learning rate was halved after the loss diverged
 * @param stopReason why training stopped, e.g. {@code max-epochs}, {@code patience}
 * @param backend the backend's description
 */
public record Provenance(String libraryVersion, String createdAt, long seed, Map<String, String> trainerSettings,
                         String dataSource, String dataSha256, int trainSamples, int validationSamples, int testSamples,
                         int epochs, double trainSeconds, double trainAccuracy, double validationAccuracy,
                         double testAccuracy, int halvings, String stopReason, String backend) {
    /** For models built by hand rather than trained. */
    public static final Provenance UNKNOWN = new Provenance("unknown", "1970-01-01T00:00:00Z", 0, Map.of(), "", "",
            0, 0, 0, 0, 0, Double.NaN, Double.NaN, Double.NaN, 0, "", "");

    public Provenance {
        trainerSettings = java.util.Collections.unmodifiableMap(new TreeMap<>(trainerSettings));
        if (libraryVersion == null || createdAt == null || dataSource == null || dataSha256 == null
                || stopReason == null || backend == null) {
            throw new NullPointerException("provenance fields must not be null");
        }
    }

    /** This library's version, from the jar's build; {@code dev} when run from classes not built by Maven. */
    public static String currentLibraryVersion() {
        try (java.io.InputStream in = Provenance.class.getResourceAsStream("/org/glyphocr/version.properties")) {
            if (in == null) return "dev";
            java.util.Properties p = new java.util.Properties();
            p.load(in);
            String v = p.getProperty("version", "dev");
            return v.startsWith("${") ? "dev" : v;
        } catch (java.io.IOException e) {
            return "dev";
        }
    }

    /** The same provenance with another creation time: for reproducible files in tests. */
    public Provenance withCreatedAt(String instant) {
        return new Provenance(libraryVersion, instant, seed, trainerSettings, dataSource, dataSha256, trainSamples,
                validationSamples, testSamples, epochs, trainSeconds, trainAccuracy, validationAccuracy, testAccuracy,
                halvings, stopReason, backend);
    }
}

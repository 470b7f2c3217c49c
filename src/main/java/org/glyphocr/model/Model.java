package org.glyphocr.model;

import org.glyphocr.image.Glyph;
import org.glyphocr.image.PreprocessSettings;
import org.glyphocr.nn.Architecture;
import org.glyphocr.nn.Parameters;

import java.util.Objects;

/**
 * A trained glyph classifier, immutable: the network's architecture and parameters, the alphabet
 * its outputs stand for, the preprocessing its inputs went through, its {@link Provenance}, and the
 * {@link Calibration} of its probabilities.
 * A model cannot train; trainers return new models. Read and write models with {@link ModelReader}
 * and {@link ModelWriter}.
 */
public final class Model {
    private final Parameters parameters;
    private final Alphabet alphabet;
    private final PreprocessSettings preprocessing;
    private final Provenance provenance;
    private final Calibration calibration;

    private Model(Parameters parameters, Alphabet alphabet, PreprocessSettings preprocessing, Provenance provenance, Calibration calibration) {
        this.parameters = parameters;
        this.alphabet = alphabet;
        this.preprocessing = preprocessing;
        this.provenance = provenance;
        this.calibration = calibration;
    }

    /**
     * Assembles a model.
     *
     * @throws IllegalArgumentException if the network does not take a 20×20 glyph or its outputs do
     *     not match the alphabet
     */
    public static Model of(Parameters parameters, Alphabet alphabet, PreprocessSettings preprocessing, Provenance provenance) {
        Objects.requireNonNull(parameters, "parameters");
        Objects.requireNonNull(alphabet, "alphabet");
        Objects.requireNonNull(preprocessing, "preprocessing");
        Objects.requireNonNull(provenance, "provenance");
        Architecture arch = parameters.architecture();
        if (arch.inputSize() != Glyph.PIXELS) {
            throw new IllegalArgumentException("a model's network takes " + Glyph.PIXELS + " inputs (20x20), was " + arch.inputSize());
        }
        if (arch.classCount() != alphabet.size()) {
            throw new IllegalArgumentException("the network tells " + arch.classCount() + " classes apart but the alphabet has "
                    + alphabet.size() + " labels");
        }
        return new Model(parameters, alphabet, preprocessing, provenance, Calibration.NONE);
    }

    public Architecture architecture() {
        return parameters.architecture();
    }

    public Parameters parameters() {
        return parameters;
    }

    public Alphabet alphabet() {
        return alphabet;
    }

    public PreprocessSettings preprocessing() {
        return preprocessing;
    }

    public Provenance provenance() {
        return provenance;
    }

    /** How the network's class probabilities are rescaled to match how often they are right ({@link Calibration#NONE} if not). */
    public Calibration calibration() {
        return calibration;
    }

    /** The same model with other provenance. */
    public Model withProvenance(Provenance other) {
        return new Model(parameters, alphabet, preprocessing, other, calibration);
    }

    /** The same model with another calibration of its probabilities; its labels' ranking stays. */
    public Model withCalibration(Calibration other) {
        return new Model(parameters, alphabet, preprocessing, provenance, Objects.requireNonNull(other, "calibration"));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Model m && m.parameters.equals(parameters) && m.alphabet.equals(alphabet)
                && m.preprocessing.equals(preprocessing) && m.provenance.equals(provenance) && m.calibration.equals(calibration);
    }

    @Override
    public int hashCode() {
        return Objects.hash(parameters, alphabet, preprocessing, provenance, calibration);
    }

    @Override
    public String toString() {
        return "Model[" + architecture() + ", alphabet " + alphabet.size() + " labels, trained by glyph-ocr "
                + provenance.libraryVersion() + " seed " + provenance.seed() + ", test accuracy "
                + provenance.testAccuracy() + "]";
    }
}

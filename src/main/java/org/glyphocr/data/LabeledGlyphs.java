package org.glyphocr.data;

import org.glyphocr.image.Glyph;
import org.glyphocr.image.InkImage;
import org.glyphocr.image.PreprocessSettings;
import org.glyphocr.model.Alphabet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Preprocessed glyphs with their classes, ready for training or evaluation; immutable.
 *
 * <p>Inputs are stored as one row-major {@code size × 400} float array so that batches are copied
 * with {@link System#arraycopy} rather than gathered glyph by glyph.
 *
 * <pre>{@code
 * LabeledGlyphs data = DatasetLoader.load(Path.of("greek/"));   // folder per label
 * LabeledGlyphs.Split parts = data.split(0.15, 0.15, 7);
 * }</pre>
 */
public final class LabeledGlyphs {
    private final Alphabet alphabet;
    private final float[] inputs;
    private final int[] targets;
    private final List<String> sources;
    private final PreprocessSettings preprocessing;
    private final String name;
    private final String sha256;
    private final List<InkImage> inks;

    private LabeledGlyphs(Alphabet alphabet, float[] inputs, int[] targets, List<String> sources,
                          PreprocessSettings preprocessing, String name, String sha256, List<InkImage> inks) {
        this.alphabet = alphabet;
        this.inputs = inputs;
        this.targets = targets;
        this.sources = sources;
        this.preprocessing = preprocessing;
        this.name = name;
        this.sha256 = sha256;
        this.inks = inks;
    }

    /**
     * Builds a dataset from glyphs in memory.
     *
     * @param targets class index of each glyph into {@code alphabet}
     * @param sources where each glyph came from (a relative path, say), for reports
     * @param name a short name for provenance, e.g. the folder's name
     * @param sha256 a hash identifying the data, for provenance (may be empty)
     */
    public static LabeledGlyphs of(Alphabet alphabet, List<Glyph> glyphs, int[] targets, List<String> sources,
                                   PreprocessSettings preprocessing, String name, String sha256) {
        Objects.requireNonNull(alphabet, "alphabet");
        if (glyphs.size() != targets.length || glyphs.size() != sources.size()) {
            throw new IllegalArgumentException("glyphs, targets and sources differ in length: " + glyphs.size() + ", "
                    + targets.length + ", " + sources.size());
        }
        float[] in = new float[glyphs.size() * Glyph.PIXELS];
        for (int i = 0; i < glyphs.size(); i++) glyphs.get(i).copyInto(in, i * Glyph.PIXELS);
        for (int i = 0; i < targets.length; i++) {
            if (targets[i] < 0 || targets[i] >= alphabet.size()) {
                throw new IllegalArgumentException("target " + i + " is " + targets[i] + ", the alphabet has " + alphabet.size() + " labels");
            }
        }
        return new LabeledGlyphs(alphabet, in, targets.clone(), List.copyOf(sources), preprocessing, name, sha256, null);
    }

    /**
     * The same samples with the ink image each glyph was made from, which augmentation transforms
     * before normalising it again ({@link org.glyphocr.image.Preprocessor#toGlyph}).
     *
     * @param inks one per sample, in order
     */
    public LabeledGlyphs withInk(List<InkImage> inks) {
        if (inks.size() != size()) throw new IllegalArgumentException("expected " + size() + " ink images, got " + inks.size());
        return new LabeledGlyphs(alphabet, inputs, targets, sources, preprocessing, name, sha256, List.copyOf(inks));
    }

    /** Whether {@link #ink(int)} is available. */
    public boolean hasInk() {
        return inks != null;
    }

    /**
     * The ink image sample {@code i} was made from.
     *
     * @throws IllegalStateException if the data was loaded without ink images
     */
    public InkImage ink(int i) {
        if (inks == null) throw new IllegalStateException("these glyphs were loaded without their ink images");
        return inks.get(i);
    }

    public Alphabet alphabet() {
        return alphabet;
    }

    public int size() {
        return targets.length;
    }

    /** The preprocessing the glyphs went through; a model trained on them must use the same. */
    public PreprocessSettings preprocessing() {
        return preprocessing;
    }

    /** A short name for provenance, e.g. the dataset folder's name. */
    public String name() {
        return name;
    }

    /** SHA-256 (hex) over labels, relative paths and file contents; empty when unknown. */
    public String sha256() {
        return sha256;
    }

    /** The class index of sample {@code i}. */
    public int target(int i) {
        return targets[i];
    }

    /** Where sample {@code i} came from. */
    public String source(int i) {
        return sources.get(i);
    }

    public Glyph glyph(int i) {
        return Glyph.of(Arrays.copyOfRange(inputs, i * Glyph.PIXELS, (i + 1) * Glyph.PIXELS));
    }

    /** Every sample's 400 inputs, row-major, in sample order: a copy. */
    public float[] inputs() {
        return inputs.clone();
    }

    /** Every sample's class index, in sample order: a copy. */
    public int[] targets() {
        return targets.clone();
    }

    /** Copies sample {@code i}'s 400 inputs into {@code dst} at {@code offset} (modified). */
    public void copyInputs(int i, float[] dst, int offset) {
        System.arraycopy(inputs, i * Glyph.PIXELS, dst, offset, Glyph.PIXELS);
    }

    /** Samples per class, in alphabet order. */
    public int[] classCounts() {
        int[] counts = new int[alphabet.size()];
        for (int t : targets) counts[t]++;
        return counts;
    }

    /** The samples at the given indices, in that order. */
    public LabeledGlyphs subset(int[] indices) {
        float[] in = new float[indices.length * Glyph.PIXELS];
        int[] t = new int[indices.length];
        List<String> s = new ArrayList<>(indices.length);
        List<InkImage> ink = inks == null ? null : new ArrayList<>(indices.length);
        for (int k = 0; k < indices.length; k++) {
            int i = indices[k];
            System.arraycopy(inputs, i * Glyph.PIXELS, in, k * Glyph.PIXELS, Glyph.PIXELS);
            t[k] = targets[i];
            s.add(sources.get(i));
            if (ink != null) ink.add(inks.get(i));
        }
        return new LabeledGlyphs(alphabet, in, t, List.copyOf(s), preprocessing, name, sha256, ink == null ? null : List.copyOf(ink));
    }

    /** The three parts of a dataset. */
    public record Split(LabeledGlyphs train, LabeledGlyphs validation, LabeledGlyphs test) {
    }

    /**
     * Splits each class separately (stratified) into train, validation and test parts, so every
     * part sees every class in the same proportion. A class's samples are shuffled with a generator
     * seeded by {@code seed}; then {@code round(n × testFraction)} go to test,
     * {@code round(n × validationFraction)} to validation and the rest to train. The same data and
     * seed always give the same split.
     *
     * @throws IllegalArgumentException if a fraction is outside [0, 1) or they leave nothing to train on
     */
    public Split split(double validationFraction, double testFraction, long seed) {
        checkFractions(validationFraction, testFraction);
        SplittableRandom random = new SplittableRandom(seed);
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < alphabet.size(); c++) byClass.add(new ArrayList<>());
        for (int i = 0; i < targets.length; i++) byClass.get(targets[i]).add(i);
        List<Integer> train = new ArrayList<>();
        List<Integer> validation = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (List<Integer> members : byClass) {
            int[] idx = members.stream().mapToInt(Integer::intValue).toArray();
            shuffle(idx, random);
            int n = idx.length;
            int nTest = (int) Math.round(n * testFraction);
            int nVal = (int) Math.round(n * validationFraction);
            for (int k = 0; k < n; k++) {
                if (k < nTest) test.add(idx[k]);
                else if (k < nTest + nVal) validation.add(idx[k]);
                else train.add(idx[k]);
            }
        }
        return new Split(subset(sorted(train)), subset(sorted(validation)), subset(sorted(test)));
    }

    /** Checks split fractions as {@link #split} does. */
    public static void checkFractions(double validationFraction, double testFraction) {
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validation fraction must be in [0, 1), was " + validationFraction);
        }
        if (!(testFraction >= 0 && testFraction < 1)) {
            throw new IllegalArgumentException("test fraction must be in [0, 1), was " + testFraction);
        }
        if (validationFraction + testFraction >= 1) {
            throw new IllegalArgumentException("validation + test fractions must leave samples to train on, were "
                    + validationFraction + " + " + testFraction);
        }
    }

    private static int[] sorted(List<Integer> list) {
        return list.stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    /** Fisher-Yates with the given generator. */
    public static void shuffle(int[] a, SplittableRandom random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int tmp = a[i];
            a[i] = a[j];
            a[j] = tmp;
        }
    }

    @Override
    public String toString() {
        return "LabeledGlyphs[" + name + ", " + size() + " samples, " + alphabet.size() + " classes]";
    }
}

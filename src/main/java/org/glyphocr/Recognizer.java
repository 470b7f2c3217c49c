package org.glyphocr;

import org.glyphocr.backend.Backend;
import org.glyphocr.backend.Backends;
import org.glyphocr.backend.Predictor;
import org.glyphocr.image.Glyph;
import org.glyphocr.image.ImageDecoder;
import org.glyphocr.image.Preprocessor;
import org.glyphocr.model.Model;
import org.glyphocr.nn.Architecture;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads glyph images with a {@link Model}: decodes, preprocesses with the model's own settings,
 * runs the network, and ranks the alphabet. Immutable and thread-safe: share one instance between
 * threads. Close it when done (it may hold native memory on some backends); closing twice is
 * harmless.
 *
 * <pre>{@code
 * try (Recognizer ocr = Recognizer.of(Models.digits())) {
 *     Recognition r = ocr.recognize(Path.of("testdata/samples/seven.png"));
 *     for (Candidate c : r.topK(3)) System.out.printf("%s %.3f%n", c.label(), c.probability());
 * }
 * }</pre>
 */
public final class Recognizer implements AutoCloseable {
    private final Model model;
    private final Preprocessor preprocessor;
    private final ImageDecoder decoder;
    private final Predictor predictor;
    private final String backend;
    private final double rejectBelow;

    private Recognizer(Builder b) {
        this.model = b.model;
        this.rejectBelow = b.rejectBelow;
        this.preprocessor = new Preprocessor(model.preprocessing());
        this.decoder = b.decoder;
        Backend chosen = b.backend != null ? b.backend : Backends.best(model.architecture());
        this.predictor = chosen.predictor(model.parameters());
        this.backend = chosen.description();
    }

    /** A recognizer for {@code model} on the best backend, with default decoding limits. */
    public static Recognizer of(Model model) {
        return builder().model(model).build();
    }

    /** A recognizer for the bundled digits model. */
    public static Recognizer digits() {
        return of(Models.digits());
    }

    public static Builder builder() {
        return new Builder();
    }

    public Model model() {
        return model;
    }

    /** The backend's description, e.g. {@code cpu (Java GEMM, float32, 1 thread)}. */
    public String backend() {
        return backend;
    }

    /**
     * Reads an image file.
     *
     * @throws org.glyphocr.image.ImageDecodeException naming the file if it cannot be decoded
     */
    public Recognition recognize(Path imageFile) throws IOException {
        return recognize(preprocessor.process(imageFile, decoder));
    }

    /**
     * Reads an encoded image (PNG, BMP, GIF, TIFF, PNM, JPEG).
     *
     * @param sourceName names the image in error messages
     */
    public Recognition recognize(byte[] encodedImage, String sourceName) throws IOException {
        return recognize(preprocessor.process(encodedImage, sourceName, decoder));
    }

    /** Reads a decoded image. */
    public Recognition recognize(BufferedImage image) {
        return recognize(preprocessor.process(image));
    }

    /** Classifies an already preprocessed glyph. */
    public Recognition recognize(Glyph glyph) {
        return recognizeGlyphs(List.of(glyph)).get(0);
    }

    private Recognition recognize(Optional<Glyph> glyph) {
        return glyph.map(this::recognize).orElse(Recognition.BLANK);
    }

    /**
     * Reads many image files; each result is either a recognition or the file's error. Glyphs go
     * through the network in batches, which is several times faster than one call each.
     */
    public List<Outcome> recognizeFiles(List<Path> imageFiles) {
        return recognizeBatch(imageFiles, file -> preprocessor.process(file, decoder), Outcome::new);
    }

    /**
     * Reads many encoded images (PNG, BMP, GIF, TIFF, PNM, JPEG) held in memory, as
     * {@link #recognizeFiles} reads files: each result is either a recognition or the image's
     * {@link org.glyphocr.image.ImageDecodeException}, whose message starts with the image's name,
     * and the glyphs go through the network in one batch. For images that arrive as bytes, such
     * as the rows of a table of files.
     *
     * <pre>{@code
     * List<EncodedImage> batch = List.of(new EncodedImage("a.png", bytesOfA), new EncodedImage("b.png", bytesOfB));
     * for (EncodedOutcome o : ocr.recognizeEncoded(batch))
     *     System.out.println(o.name() + " " + (o.error() != null ? o.error().getMessage() : o.recognition().label()));
     * }</pre>
     */
    public List<EncodedOutcome> recognizeEncoded(List<EncodedImage> images) {
        return recognizeBatch(images, image -> preprocessor.process(image.bytes(), image.name(), decoder),
                (image, recognition, error) -> new EncodedOutcome(image.name(), recognition, error));
    }

    /** How one input of a batch becomes its glyph (empty when it holds no ink). */
    @FunctionalInterface
    private interface GlyphSource<T> {
        Optional<Glyph> glyph(T input) throws IOException;
    }

    /** How one input of a batch and its recognition, or its error, make a result. */
    @FunctionalInterface
    private interface OutcomeOf<T, R> {
        R of(T input, Recognition recognition, IOException error);
    }

    /**
     * The one batching loop of {@link #recognizeFiles} and {@link #recognizeEncoded}: each input
     * prepared on this thread, its error kept rather than thrown, and the glyphs read in one batch.
     */
    private <T, R> List<R> recognizeBatch(List<T> inputs, GlyphSource<T> source, OutcomeOf<T, R> outcome) {
        List<Optional<Glyph>> glyphs = new ArrayList<>(inputs.size());
        IOException[] errors = new IOException[inputs.size()];
        for (int i = 0; i < inputs.size(); i++) {
            try {
                glyphs.add(source.glyph(inputs.get(i)));
            } catch (IOException e) {
                errors[i] = e;
                glyphs.add(Optional.empty());
            }
        }
        List<Recognition> recognitions = recognizeEach(glyphs);
        List<R> out = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            out.add(errors[i] != null ? outcome.of(inputs.get(i), null, errors[i]) : outcome.of(inputs.get(i), recognitions.get(i), null));
        }
        return List.copyOf(out);
    }

    /**
     * Reads many images in one batch, in order; an image without ink reads as
     * {@link Recognition#BLANK}.
     */
    public List<Recognition> recognizeImages(List<BufferedImage> images) {
        List<Optional<Glyph>> glyphs = new ArrayList<>(images.size());
        for (BufferedImage image : images) glyphs.add(preprocessor.process(image));
        return recognizeEach(glyphs);
    }

    /** The glyphs present, through the network in one batch; {@link Recognition#BLANK} for the empty ones. */
    private List<Recognition> recognizeEach(List<Optional<Glyph>> glyphs) {
        List<Glyph> present = new ArrayList<>();
        for (Optional<Glyph> g : glyphs) g.ifPresent(present::add);
        List<Recognition> read = recognizeGlyphs(present);
        List<Recognition> out = new ArrayList<>(glyphs.size());
        int k = 0;
        for (Optional<Glyph> g : glyphs) out.add(g.isPresent() ? read.get(k++) : Recognition.BLANK);
        return out;
    }

    /**
     * The result for one file of {@link #recognizeFiles}: exactly one of {@code recognition} and
     * {@code error} is non-null.
     */
    public record Outcome(Path file, Recognition recognition, IOException error) {
    }

    /**
     * One encoded image for {@link #recognizeEncoded}.
     *
     * @param name names the image in error messages, e.g. its path or URI
     * @param bytes the whole encoded file; not modified (and not copied: equality is by reference)
     */
    public record EncodedImage(String name, byte[] bytes) {
        public EncodedImage {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(bytes, "bytes");
        }
    }

    /**
     * The result for one image of {@link #recognizeEncoded}: exactly one of {@code recognition} and
     * {@code error} is non-null.
     */
    public record EncodedOutcome(String name, Recognition recognition, IOException error) {
    }

    /** Classifies preprocessed glyphs in batches, in order. */
    public List<Recognition> recognizeGlyphs(List<Glyph> glyphs) {
        Objects.requireNonNull(glyphs, "glyphs");
        Architecture arch = model.architecture();
        int n = glyphs.size();
        float[] inputs = new float[n * Glyph.PIXELS];
        for (int i = 0; i < n; i++) glyphs.get(i).copyInto(inputs, i * Glyph.PIXELS);
        return recognizeInputs(inputs, n, arch);
    }

    /**
     * Class probabilities for {@code count} preprocessed glyphs laid out row-major: the
     * allocation-light path for throughput-critical callers.
     *
     * @param inputs {@code count × 400} values in ±0.5; not modified
     * @param probabilities receives {@code count × alphabet size} values; modified
     */
    public void probabilities(float[] inputs, int count, float[] probabilities) {
        Architecture arch = model.architecture();
        float[] outputs = arch.outputSize() == arch.classCount() ? probabilities : new float[count * arch.outputSize()];
        predictor.predict(inputs, count, outputs);
        int classes = arch.classCount();
        float[] row = new float[classes];
        for (int i = 0; i < count; i++) {
            arch.toClassProbabilities(outputs, i * arch.outputSize(), row);
            model.calibration().apply(row, 0, classes);
            System.arraycopy(row, 0, probabilities, i * classes, classes);
        }
    }

    private List<Recognition> recognizeInputs(float[] inputs, int n, Architecture arch) {
        int classes = arch.classCount();
        float[] probabilities = new float[n * classes];
        probabilities(inputs, n, probabilities);
        List<Recognition> out = new ArrayList<>(n);
        long[] order = new long[classes];
        for (int i = 0; i < n; i++) out.add(recognition(probabilities, i * classes, order));
        return out;
    }

    /**
     * The recognition whose class probabilities start at {@code offset}. A method of its own, so
     * that the JIT compiler compiles it once rather than again for each way into the loop above.
     *
     * @param order scratch of the class count; modified
     */
    private Recognition recognition(float[] probabilities, int offset, long[] order) {
        int classes = order.length;
        for (int j = 0; j < classes; j++) order[j] = mostProbableFirst(probabilities[offset + j], j);
        sortSmall(order);
        List<Candidate> candidates = new ArrayList<>(classes);
        for (long key : order) {
            int j = (int) key;
            candidates.add(new Candidate(model.alphabet().label(j), probabilities[offset + j]));
        }
        return new Recognition(candidates, candidates.get(0).probability() < rejectBelow);
    }

    /**
     * Sorts ascending by insertion. An alphabet has tens of classes, where this is about as quick
     * as {@code Arrays.sort}, whose dual-pivot quicksort took the JIT compiler a tenth of a second
     * to compile while {@code read} warmed up.
     */
    static void sortSmall(long[] keys) {
        for (int i = 1; i < keys.length; i++) {
            long key = keys[i];
            int j = i - 1;
            while (j >= 0 && keys[j] > key) {
                keys[j + 1] = keys[j];
                j--;
            }
            keys[j + 1] = key;
        }
    }

    /**
     * A key whose ascending order is that of falling probability, then rising class index (NaN
     * last): a primitive sort of these is several times cheaper, for the JIT compiler too, than a
     * comparator over boxed indices.
     */
    static long mostProbableFirst(float probability, int classIndex) {
        int bits = Float.floatToIntBits(probability + 0f); // + 0f: -0 sorts as 0
        // Flipping the magnitude of negative values makes the int order that of the floats.
        int ordered = Float.isNaN(probability) ? Integer.MIN_VALUE : bits ^ ((bits >> 31) & 0x7fffffff);
        return ((long) ~ordered << 32) | classIndex;
    }

    @Override
    public void close() {
        predictor.close();
    }

    /** Settings of a {@link Recognizer}. */
    public static final class Builder {
        private Model model;
        private Backend backend;
        private ImageDecoder decoder = ImageDecoder.DEFAULT;
        private double rejectBelow;

        private Builder() {
        }

        /**
         * Readings whose best label is less probable than this come back {@link Recognition#isRejected()
         * rejected}, labelled {@link Recognition#UNKNOWN}; default 0, never. With a calibrated model
         * ({@link Model#calibration()}) the probability means how often such readings are right, so
         * {@code eval --reject P} shows what a threshold costs in coverage and gains in accuracy.
         *
         * @throws IllegalArgumentException if not within [0, 1]
         */
        public Builder rejectBelow(double probability) {
            if (!(probability >= 0 && probability <= 1)) throw new IllegalArgumentException("rejectBelow must be within [0, 1], was " + probability);
            this.rejectBelow = probability;
            return this;
        }

        /** The model to read with; required. */
        public Builder model(Model model) {
            this.model = Objects.requireNonNull(model, "model");
            return this;
        }

        /** The backend to run on; default {@link Backends#best()}. */
        public Builder backend(Backend backend) {
            this.backend = Objects.requireNonNull(backend, "backend");
            return this;
        }

        /** The image decoder and its limits; default {@link ImageDecoder#DEFAULT}. */
        public Builder decoder(ImageDecoder decoder) {
            this.decoder = Objects.requireNonNull(decoder, "decoder");
            return this;
        }

        /** @throws IllegalStateException if no model was given */
        public Recognizer build() {
            if (model == null) throw new IllegalStateException("a Recognizer needs a model: call model(...) first");
            return new Recognizer(this);
        }
    }
}

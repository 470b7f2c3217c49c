package org.glyphocr.image;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.glyphocr.image.AreaResampler.Plane;

/**
 * Turns an image of one character into a {@link Glyph}, whatever its polarity, size, stroke
 * contrast, position or (with {@link PreprocessSettings#deskew() deskew}) slant.
 *
 * <p>Two public stages, so that data augmentation can transform the {@link InkImage} between them:
 * <ol>
 *   <li>{@link #extractInk}: luminance, polarity, ink intensity, speckle removal, crop to the ink;
 *   <li>{@link #toGlyph}: deskew, scale with area averaging, centre, map to {@code ±0.5}.
 * </ol>
 * {@link #process(BufferedImage)} runs both. Instances are immutable and thread-safe.
 */
public final class Preprocessor {
    /** A preprocessor with {@link PreprocessSettings#DEFAULT} settings. */
    public static final Preprocessor DEFAULT = new Preprocessor(PreprocessSettings.DEFAULT);

    /**
     * For {@link Polarity#AUTO}: the share of border pixels that must fall on one side of the Otsu
     * split for the border to decide the background. A lower share means ink crosses the border so
     * much that the larger side of the whole image is the better guess.
     */
    static final double BORDER_AGREEMENT = 0.75;
    /** Deskewing never shears by more than this many pixels per row (45°), which guards near-flat glyphs. */
    static final double MAX_SHEAR = 1.0;
    /**
     * Deskewing shears a copy resampled to this many times the glyph resolution, so that rows are
     * shifted in half glyph pixels. On testdata/mnist-7k, 2 scores as well as 4 by nearest-neighbour
     * accuracy at twice the speed; 1 scores 0.2 to 0.6 points lower.
     */
    static final int SUPERSAMPLE = 2;
    /**
     * Contrast within this many standard deviations of the paper's grain ({@link PaperBackground})
     * is not ink, whatever {@code minContrast} allows: three, the usual bound for a value that
     * stands out from Gaussian noise.
     */
    static final double GRAIN_MULTIPLE = 3;

    private static final byte EMPTY = 0;
    private static final byte STRONG = 1;
    private static final byte REMOVED = 2;
    private static final byte KEPT = 3;
    private static final byte HALO = 4;

    private final PreprocessSettings settings;

    /** A preprocessor with the given settings. */
    public Preprocessor(PreprocessSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** The settings this preprocessor applies. */
    public PreprocessSettings settings() {
        return settings;
    }

    /** For example {@code Preprocessor[PreprocessSettings[polarity=AUTO, fitSize=20, ...]]}. */
    @Override
    public String toString() {
        return "Preprocessor[" + settings + "]";
    }

    /**
     * Decodes an image file and preprocesses it.
     *
     * @return the glyph, or empty if the image holds no ink
     * @throws ImageDecodeException if the file cannot be decoded
     */
    public Optional<Glyph> process(Path file, ImageDecoder decoder) throws ImageDecodeException {
        Objects.requireNonNull(decoder, "decoder");
        return process(decoder.decode(file));
    }

    /**
     * Decodes an encoded image and preprocesses it.
     *
     * @param bytes the whole encoded file. Not modified.
     * @param sourceName what to call the data in exception messages
     * @return the glyph, or empty if the image holds no ink
     * @throws ImageDecodeException if the data cannot be decoded
     */
    public Optional<Glyph> process(byte[] bytes, String sourceName, ImageDecoder decoder) throws ImageDecodeException {
        Objects.requireNonNull(decoder, "decoder");
        return process(decoder.decode(bytes, sourceName));
    }

    /**
     * Both stages: {@code extractInk(image).map(this::toGlyph)}.
     *
     * @param image any image type. Not modified.
     * @return the glyph, or empty if the image holds no ink (blank, uniform, or only specks)
     */
    public Optional<Glyph> process(BufferedImage image) {
        return extractInk(image).map(this::toGlyph);
    }

    /**
     * Stage 1: finds the ink and crops to it.
     * <ol>
     *   <li>Luminance {@code L} in {@code 0..255}; transparent pixels count as white paper.
     *   <li>Paper side: with {@link Polarity#AUTO}, the side of an Otsu split of {@code L} that holds
     *       at least {@value #BORDER_AGREEMENT} of the border pixels (else the larger side of the
     *       image).
     *   <li>Background {@code B(x, y)}: a plane fitted to the border pixels on the paper side, so that
     *       uneven lighting across the glyph is not taken for ink, with the paper's grain {@code σ}
     *       ({@link PaperBackground}); the median of those pixels where the border holds too few.
     *       Ink is whatever is darker (or lighter) than {@code B}: contrast
     *       {@code d = max(0, B − L)} (or {@code L − B}).
     *   <li>Ink pixels: {@code d} above an Otsu split of the contrast histogram and at least the floor
     *       {@code max(minContrast · 255, }{@value #GRAIN_MULTIPLE}{@code σ)}.
     *   <li>Speckles: 8-connected components of ink pixels smaller than {@code minComponentPixels},
     *       or than {@code speckleFraction} of the largest component (which this rule keeps), are
     *       removed. If nothing is left, the image is blank.
     *   <li>Intensity {@code d / S}, clipped to 1, where {@code S} is the {@code contrastPercentile}
     *       of the kept pixels' contrast ({@code normalizeContrast}) or the largest contrast the
     *       background allows. Kept pixels get it, and so does their halo: pixels whose contrast
     *       reaches the floor, connected to a kept pixel through such pixels within
     *       {@code ceil(longer side of the kept ink / fitSize)} steps (one glyph pixel), which holds
     *       the anti-aliased or blurred rim of the strokes. All other pixels are zero.
     *   <li>Crop to the bounding box of the non-zero ink.
     * </ol>
     *
     * @param image any image type. Not modified.
     * @return the cropped ink, or empty if the image holds no ink
     * @throws IllegalArgumentException if the image has more than about 2<sup>31</sup> pixels
     */
    public Optional<InkImage> extractInk(BufferedImage image) {
        Objects.requireNonNull(image, "image");
        int w = image.getWidth();
        int h = image.getHeight();
        if ((long) (w + 2) * (h + 2) > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("image is " + w + " x " + h + " pixels, too many to preprocess");
        }
        // Three steps, each a method of its own: compiled as one, the whole took the JIT compiler
        // over a second, and until it finished everything `read` does ran in slower, profiling code.
        Contrast contrast = contrastAgainstPaper(image);
        if (contrast == null) return Optional.empty();
        StrongInk strong = strongInk(contrast);
        if (strong == null) return Optional.empty();
        return Optional.of(withHaloCropped(contrast, strong));
    }

    /**
     * Contrast {@code d} of each pixel against the paper, in the ink direction, in a raster framed
     * by one pixel of zero contrast: neighbours are then found by index offsets, without bounds checks.
     */
    private record Contrast(byte[] values, int stride, int width, int height, PaperBackground paper, boolean darkInk) {
    }

    /** The strong ink pixels ({@code KEPT} in {@code mask}, speckles {@code REMOVED}) and the contrast floor of ink. */
    private record StrongInk(byte[] mask, InkComponents components, int keptCount, int floor) {
    }

    /** Steps 1 to 3 of {@link #extractInk}; null if the image has a single luminance. */
    private Contrast contrastAgainstPaper(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        byte[] lum = LuminanceConverter.toLuminance(image);
        int[] lumHistogram = OtsuThreshold.histogram(lum);
        int split = OtsuThreshold.of(lumHistogram);
        if (split < 0) return null; // a single luminance: nothing differs from anything

        int[] borderHistogram = borderHistogram(lum, w, h);
        boolean darkInk = inkIsDark(split, borderHistogram, lumHistogram);
        int median = darkInk
                ? median(borderHistogram, split + 1, 255, lumHistogram)
                : median(borderHistogram, 0, split, lumHistogram);
        PaperBackground paper = PaperBackground.fit(lum, w, h, split, darkInk, median);

        int stride = w + 2;
        byte[] contrast = new byte[stride * (h + 2)];
        for (int y = 0; y < h; y++) {
            int in = y * w;
            int out = (y + 1) * stride + 1;
            for (int x = 0; x < w; x++) {
                int l = lum[in + x] & 0xff;
                int background = (int) Math.round(paper.level(x, y));
                contrast[out + x] = (byte) Math.min(255, Math.max(0, darkInk ? background - l : l - background));
            }
        }
        return new Contrast(contrast, stride, w, h, paper, darkInk);
    }

    /** Steps 4 and 5 of {@link #extractInk}; null if no ink is left. */
    private StrongInk strongInk(Contrast contrast) {
        byte[] values = contrast.values();
        int[] contrastHistogram = OtsuThreshold.histogram(values);
        contrastHistogram[0] -= values.length - contrast.width() * contrast.height(); // the frame is not part of the image
        int contrastSplit = OtsuThreshold.of(contrastHistogram);
        if (contrastSplit < 0) return null;
        int floor = Math.max(1, (int) Math.ceil(Math.max(settings.minContrast() * 255, GRAIN_MULTIPLE * contrast.paper().grain()) - 1e-9));
        int strongLevel = Math.max(contrastSplit + 1, floor);

        byte[] mask = new byte[values.length];
        int strongCount = 0;
        for (int i = 0; i < values.length; i++) {
            if ((values[i] & 0xff) >= strongLevel) {
                mask[i] = STRONG;
                strongCount++;
            }
        }
        if (strongCount == 0) return null;
        InkComponents components = InkComponents.find(mask, contrast.stride(), STRONG, REMOVED, strongCount);
        int keptCount = keepComponents(components, mask);
        return keptCount == 0 ? null : new StrongInk(mask, components, keptCount, floor);
    }

    /** Steps 6 and 7 of {@link #extractInk}. */
    private InkImage withHaloCropped(Contrast contrast, StrongInk strong) {
        int w = contrast.width();
        int h = contrast.height();
        int stride = contrast.stride();
        byte[] mask = strong.mask();
        double centre = Math.min(255, Math.max(0, contrast.paper().level(w / 2, h / 2)));
        float scale = (float) (contrast.darkInk() ? centre : 255 - centre);
        if (settings.normalizeContrast()) scale = keptPercentile(strong.components(), mask, contrast.values(), strong.keptCount());
        // The halo may reach one glyph pixel's worth of source pixels beyond the strokes.
        int[] kept = bounds(mask, stride, 1, 1, w, h);
        int longer = Math.max(kept[2] - kept[0] + 1, kept[3] - kept[1] + 1);
        int reach = Math.max(1, (int) Math.ceil(longer / (double) settings.fitSize()));
        growHalo(strong.components(), mask, contrast.values(), stride, strong.floor(), reach);
        int[] box = bounds(mask, stride, Math.max(1, kept[0] - reach), Math.max(1, kept[1] - reach),
                Math.min(w, kept[2] + reach), Math.min(h, kept[3] + reach));
        return cropInk(contrast.values(), mask, stride, box, 1f / Math.max(1f, scale));
    }

    /**
     * Stage 2: scales and centres ink into the glyph frame.
     * <ol>
     *   <li>Trim to the bounding box of the non-zero ink.
     *   <li>With {@code deskew}: shear rows about the centre of mass by {@code −mu11/mu02} pixels per
     *       row (clamped to ±{@value #MAX_SHEAR}), so the ink's slant moment {@code mu11} becomes 0;
     *       this is done on a copy resampled by area averaging to {@value #SUPERSAMPLE}× the glyph
     *       resolution, then trimmed again.
     *   <li>Scale by {@code fitSize / max(width, height)} with exact area averaging, and place so that
     *       the centre of mass (or the bounding box centre) sits at the frame centre
     *       {@code (SIZE/2, SIZE/2)} in continuous coordinates (pixel {@code (x, y)} spans
     *       {@code [x, x+1)}; the centre is the corner shared by pixels 9 and 10), moved only as far
     *       as needed to keep all ink inside the frame.
     *   <li>Each glyph value is {@code 0.5 − ink}.
     * </ol>
     *
     * @param ink any ink image; it need not be cropped. Not modified.
     * @return the glyph; a blank glyph if the ink image is all zero
     */
    public Glyph toGlyph(InkImage ink) {
        Objects.requireNonNull(ink, "ink");
        Plane plane = trimmed(ink.dataView(), ink.width(), ink.height());
        if (plane == null) return Glyph.blank();
        if (settings.deskew()) plane = deskewed(plane);
        if (settings.strokeWidth() > 0) {
            plane = StrokeNormalizer.normalize(plane, settings.strokeWidth(), settings.fitSize());
            Plane tight = trimmed(plane.data(), plane.width(), plane.height());
            if (tight == null) return Glyph.blank();
            plane = tight;
        }
        return place(plane);
    }

    // ---- stage 1 helpers ----

    private static int[] borderHistogram(byte[] lum, int w, int h) {
        int[] histogram = new int[256];
        for (int x = 0; x < w; x++) {
            histogram[lum[x] & 0xff]++;
            if (h > 1) histogram[lum[(h - 1) * w + x] & 0xff]++;
        }
        for (int y = 1; y < h - 1; y++) {
            histogram[lum[y * w] & 0xff]++;
            if (w > 1) histogram[lum[y * w + w - 1] & 0xff]++;
        }
        return histogram;
    }

    private boolean inkIsDark(int split, int[] borderHistogram, int[] lumHistogram) {
        switch (settings.polarity()) {
            case DARK_ON_LIGHT:
                return true;
            case LIGHT_ON_DARK:
                return false;
            default:
                long borderLight = count(borderHistogram, split + 1, 255);
                long border = count(borderHistogram, 0, 255);
                if (borderLight >= BORDER_AGREEMENT * border) return true;
                if (border - borderLight >= BORDER_AGREEMENT * border) return false;
                // Ink crosses much of the border: ink usually covers less area than paper.
                long light = count(lumHistogram, split + 1, 255);
                return 2 * light >= count(lumHistogram, 0, 255);
        }
    }

    /** The median of {@code preferred} within {@code lo..hi}; of {@code fallback} if {@code preferred} has none there. */
    private static int median(int[] preferred, int lo, int hi, int[] fallback) {
        int[] histogram = count(preferred, lo, hi) > 0 ? preferred : fallback;
        long half = (count(histogram, lo, hi) + 1) / 2;
        long seen = 0;
        for (int v = lo; v <= hi; v++) {
            seen += histogram[v];
            if (seen >= half) return v;
        }
        return hi;
    }

    private static long count(int[] histogram, int lo, int hi) {
        long n = 0;
        for (int v = lo; v <= hi; v++) n += histogram[v];
        return n;
    }

    /** Marks the pixels of components that are not speckles {@code KEPT}; returns how many there are. */
    private int keepComponents(InkComponents components, byte[] mask) {
        int largest = 0;
        for (int c = 0; c < components.count(); c++) largest = Math.max(largest, components.size(c));
        int[] pixels = components.pixels();
        int kept = 0;
        for (int c = 0; c < components.count(); c++) {
            int size = components.size(c);
            boolean speckle = size < settings.minComponentPixels()
                    || (size < largest && size < settings.speckleFraction() * largest);
            if (speckle) continue;
            for (int k = components.start(c), end = k + size; k < end; k++) mask[pixels[k]] = KEPT;
            kept += size;
        }
        return kept;
    }

    /** The {@code contrastPercentile} of the kept pixels' contrast, {@code >= 1}. */
    private float keptPercentile(InkComponents components, byte[] mask, byte[] contrast, int keptCount) {
        int[] histogram = new int[256];
        int[] pixels = components.pixels();
        for (int k = 0; k < pixels.length; k++) {
            int p = pixels[k];
            if (mask[p] == KEPT) histogram[contrast[p] & 0xff]++;
        }
        long rank = (long) Math.ceil(settings.contrastPercentile() * keptCount - 1e-9);
        long seen = 0;
        for (int d = 0; d < 256; d++) {
            seen += histogram[d];
            if (seen >= Math.max(1, rank)) return Math.max(1, d);
        }
        return 255;
    }

    /**
     * Marks {@code HALO} the faint ink around the kept strokes: pixels whose contrast reaches the
     * floor, reachable from a kept pixel through such pixels in at most {@code reach} steps. Blurred
     * or anti-aliased edges fade out over a few pixels; counting them keeps the stroke's weight, and
     * the step limit stops a shadow or smudge that touches a stroke from being swallowed whole.
     *
     * @param mask {@code KEPT}, {@code REMOVED} or {@code EMPTY} per pixel of the framed raster. Modified.
     */
    private static void growHalo(InkComponents components, byte[] mask, byte[] contrast, int stride, int floor, int reach) {
        int[] offsets = InkComponents.neighbourOffsets(stride);
        int[] pixels = components.pixels();
        int[] frontier = new int[pixels.length];
        int size = 0;
        for (int p : pixels) {
            if (mask[p] == KEPT) frontier[size++] = p;
        }
        int[] next = new int[Math.max(16, size)];
        for (int step = 0; step < reach && size > 0; step++) {
            int nextSize = 0;
            for (int k = 0; k < size; k++) {
                int p = frontier[k];
                for (int offset : offsets) {
                    int q = p + offset;
                    // The frame has zero contrast, below any floor, so the halo never enters it.
                    if (mask[q] != EMPTY || (contrast[q] & 0xff) < floor) continue;
                    mask[q] = HALO;
                    if (nextSize == next.length) next = Arrays.copyOf(next, nextSize * 2);
                    next[nextSize++] = q;
                }
            }
            int[] swap = frontier;
            frontier = next;
            next = swap;
            size = nextSize;
        }
    }

    /**
     * The bounding box {x0, y0, x1, y1} (inclusive, framed coordinates) of the {@code KEPT} and
     * {@code HALO} pixels within the given inclusive region, which must hold at least one.
     */
    private static int[] bounds(byte[] mask, int stride, int rx0, int ry0, int rx1, int ry1) {
        int x0 = Integer.MAX_VALUE;
        int y0 = -1;
        int x1 = -1;
        int y1 = -1;
        for (int y = ry0; y <= ry1; y++) {
            int row = y * stride;
            int first = rx0;
            while (first <= rx1 && mask[row + first] < KEPT) first++;
            if (first > rx1) continue;
            int last = rx1;
            while (mask[row + last] < KEPT) last--;
            if (y0 < 0) y0 = y;
            y1 = y;
            x0 = Math.min(x0, first);
            x1 = Math.max(x1, last);
        }
        return new int[] {x0, y0, x1, y1};
    }

    /** Ink of the kept and halo pixels within {@code box} (framed coordinates), as an ink image. */
    private static InkImage cropInk(byte[] contrast, byte[] mask, int stride, int[] box, float inverseScale) {
        int cw = box[2] - box[0] + 1;
        int ch = box[3] - box[1] + 1;
        float[] ink = new float[cw * ch];
        for (int y = 0; y < ch; y++) {
            for (int x = 0, i = (box[1] + y) * stride + box[0]; x < cw; x++, i++) {
                if (mask[i] >= KEPT) ink[y * cw + x] = Math.min(1f, (contrast[i] & 0xff) * inverseScale);
            }
        }
        return new InkImage(cw, ch, ink);
    }

    // ---- stage 2 helpers ----

    /** The bounding box of the non-zero values, copied out; {@code null} if all are zero. */
    private static Plane trimmed(float[] data, int w, int h) {
        int x0 = w;
        int y0 = h;
        int x1 = -1;
        int y1 = -1;
        for (int y = 0; y < h; y++) {
            for (int x = 0, i = y * w; x < w; x++, i++) {
                if (data[i] == 0f) continue;
                if (x < x0) x0 = x;
                if (x > x1) x1 = x;
                if (y < y0) y0 = y;
                y1 = y;
            }
        }
        if (x1 < 0) return null;
        int tw = x1 - x0 + 1;
        int th = y1 - y0 + 1;
        if (tw == w && th == h) return new Plane(data, w, h);
        float[] out = new float[tw * th];
        for (int y = 0; y < th; y++) System.arraycopy(data, (y0 + y) * w + x0, out, y * tw, tw);
        return new Plane(out, tw, th);
    }

    private Plane deskewed(Plane plane) {
        InkMoments m = InkMoments.of(plane.data(), plane.width(), plane.height());
        if (m.mu02() <= 1e-9) return plane; // a single row of ink: no slant to measure
        double shear = Math.max(-MAX_SHEAR, Math.min(MAX_SHEAR, m.mu11() / m.mu02()));
        if (Math.abs(shear) < 1e-6) return plane;
        // Resample so that the longer side is SUPERSAMPLE times the fitted glyph size: row shifts
        // are then fine relative to the final pixels, for small and large sources alike.
        double scale = (double) SUPERSAMPLE * settings.fitSize() / Math.max(plane.width(), plane.height());
        int sw = (int) Math.ceil(plane.width() * scale - 1e-9);
        int sh = (int) Math.ceil(plane.height() * scale - 1e-9);
        float[] fine = new float[sw * sh];
        AreaResampler.resample(plane.data(), plane.width(), plane.height(), scale, 0, 0, fine, sw, sh);
        Plane sheared = AreaResampler.shearRows(fine, sw, sh, shear, m.cy() * scale);
        Plane tight = trimmed(sheared.data(), sheared.width(), sheared.height());
        return tight == null ? plane : tight;
    }

    private Glyph place(Plane plane) {
        int w = plane.width();
        int h = plane.height();
        double scale = (double) settings.fitSize() / Math.max(w, h);
        double extentX = w * scale;
        double extentY = h * scale;
        double offsetX;
        double offsetY;
        if (settings.centerOfMass()) {
            InkMoments m = InkMoments.of(plane.data(), w, h);
            offsetX = Glyph.SIZE / 2.0 - scale * m.cx();
            offsetY = Glyph.SIZE / 2.0 - scale * m.cy();
        } else {
            offsetX = (Glyph.SIZE - extentX) / 2;
            offsetY = (Glyph.SIZE - extentY) / 2;
        }
        offsetX = Math.max(0, Math.min(Glyph.SIZE - extentX, offsetX));
        offsetY = Math.max(0, Math.min(Glyph.SIZE - extentY, offsetY));
        float[] values = new float[Glyph.PIXELS];
        AreaResampler.resample(plane.data(), w, h, scale, offsetX, offsetY, values, Glyph.SIZE, Glyph.SIZE);
        for (int i = 0; i < values.length; i++) {
            float ink = Math.max(0f, Math.min(1f, values[i]));
            values[i] = 0.5f - ink + 0.0f;
        }
        return new Glyph(values);
    }
}

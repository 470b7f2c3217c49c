package org.glyphocr.augment;

import java.util.Objects;
import java.util.SplittableRandom;
import org.glyphocr.image.Glyph;
import org.glyphocr.image.InkImage;

/**
 * Random distortions of ink images for training: each call to {@link #apply} returns a slightly
 * different version of the same character (rotated, stretched, elastically warped, with thicker or
 * thinner strokes, blurred, grainy), to be turned into a glyph by
 * {@link org.glyphocr.image.Preprocessor#toGlyph} exactly as real images are. Immutable and
 * thread-safe; all randomness comes from the generator passed in, so a given generator state always
 * gives the same image, on any machine (transcendental functions use {@link StrictMath}).
 *
 * <p>Typical use, one generator per sample per epoch, so the result does not depend on threads or
 * order and a resumed run repeats the same distortions:
 * <pre>{@code
 * int fitSize = preprocessor.settings().fitSize();
 * Augmenter augmenter = new Augmenter(AugmentSettings.DEFAULT, fitSize);
 * InkImage stored = Augmenter.toWorkingSize(preprocessor.extractInk(image).orElseThrow(), fitSize);
 * Glyph g = preprocessor.toGlyph(augmenter.apply(stored, Augmenter.randomFor(seed, epoch, index)));
 * }</pre>
 *
 * <p>The pipeline, for an image that is augmented (probability {@link AugmentSettings#probability()}):
 * <ol>
 *   <li>Area-average the ink so that its longer side is the working size
 *       {@code W = WORK_SCALE · fitSize} pixels ({@link #WORK_SCALE}), the resolution at which
 *       {@code toGlyph} deskews.
 *   <li>Geometry, in one resampling: output pixel {@code q} takes the source ink at
 *       {@code c + F⁻¹(q + d(q) − t)}, interpolated bilinearly, where {@code F = R(θ)·H(k)·S(sx, sy)}
 *       (scale, then horizontal shear, then rotation) about the ink's centre {@code c}, {@code t} is
 *       the shift and {@code d} the elastic displacement field ({@link ElasticField}). The canvas is
 *       padded so that no transformed ink is clipped.
 *   <li>Stroke width: gray-level dilation or erosion by half the drawn width change
 *       ({@link RasterFilters#morph}). Thickened strokes are brought back to full strength if they
 *       were faint. Thinning stops at {@value #MIN_WIDTH_FRACTION} of the measured mean stroke width
 *       ({@link InkImage#strokeWidth()}, scaled by the geometry); erosion does the first half of
 *       that and fading the ink the rest (see {@link #MAX_EROSION}), so strokes never break apart.
 *   <li>A speck, if drawn, inside the ink's bounding box.
 *   <li>Gaussian blur.
 *   <li>Ink below {@value #INK_FLOOR} of the strongest ink is set to 0, as
 *       {@link org.glyphocr.image.Preprocessor#extractInk} leaves no faint ink either (its
 *       {@code minContrast}), so blur tails do not widen the bounding box that the glyph is fitted to.
 *   <li>Noise on the inked pixels, clipped to {@code [0, 1]}, and the floor of the previous step again.
 *   <li>Crop to the ink. If nothing is left, the input is returned unchanged.
 * </ol>
 */
public final class Augmenter {
    /**
     * Working pixels per glyph pixel: ink is distorted at this many times the glyph resolution, the
     * resolution at which {@code toGlyph} deskews.
     *
     * <p>Chosen by measurement on 600 digits of {@code testdata/mnist-7k} with
     * {@link AugmentSettings#DEFAULT} ({@code AugmentMeasurementTest}). Working at 2 and 3 gives
     * glyphs that differ from those at 4 by a mean of 0.013 and 0.009 per value, where the
     * augmentation itself changes them by 0.11, and contact sheets that cannot be told apart. But
     * every stage costs in proportion to the pixels: {@code apply} plus {@code toGlyph} took about
     * 90, 160 and 250 µs per digit at 2, 3 and 4 ({@code toGlyph} alone 22 µs), on one core of the
     * shared 2-core development machine.
     */
    public static final int WORK_SCALE = 2;
    /** Thinning keeps at least this fraction of the measured mean stroke width. */
    public static final double MIN_WIDTH_FRACTION = 0.3;
    /**
     * Erosion thins strokes to no less than this fraction of their measured mean width; further
     * thinning (down to {@link #MIN_WIDTH_FRACTION}) fades the ink instead. {@code StrokeNormalizer}
     * found the same limit: thinner parts of a stroke survive eroding the thick ones by a quarter
     * of the mean width on each side.
     */
    static final double MAX_EROSION = 0.5;
    /** Ink below this fraction of the strongest ink is set to 0 after blurring and noise. */
    public static final double INK_FLOOR = 0.1;
    /** Blur with a smaller standard deviation, in working pixels, is skipped: its kernel is nearly a point. */
    private static final double MIN_BLUR_SIGMA = 0.1;
    /**
     * Cells along the ink's longer side of the grid on which Simard's elastic noise is defined:
     * MNIST's 20-pixel digit box, so that the relative settings reproduce Simard's pixel values.
     */
    static final int ELASTIC_REFERENCE_CELLS = 20;

    private final AugmentSettings settings;
    private final int fitSize;
    /** Working pixels per glyph pixel, {@link #WORK_SCALE} but for measurements. */
    private final int workScale;
    private final int workSize;
    /** Makes elastic fields; {@code null} when elastic distortion is off. */
    private final ElasticField.Generator elastic;

    /**
     * An augmenter for glyphs whose longer side is fitted to {@code fitSize} pixels.
     *
     * @param settings the strengths of the transforms
     * @param fitSize the preprocessor's {@link org.glyphocr.image.PreprocessSettings#fitSize()}, which
     *     sets the size of a glyph pixel, {@code 1..Glyph.SIZE}
     * @throws IllegalArgumentException if {@code fitSize} is out of range
     */
    public Augmenter(AugmentSettings settings, int fitSize) {
        this(settings, fitSize, WORK_SCALE);
    }

    /** An augmenter working at {@code workScale} pixels per glyph pixel, for measurements. */
    Augmenter(AugmentSettings settings, int fitSize, int workScale) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.fitSize = checkFitSize(fitSize);
        if (workScale < 1) throw new IllegalArgumentException("workScale must be >= 1, was " + workScale);
        this.workScale = workScale;
        this.workSize = workScale * fitSize;
        this.elastic = settings.elasticAlpha() > 0
                ? new ElasticField.Generator(elasticStd(settings, workSize), settings.elasticSigma() * workSize)
                : null;
    }

    /**
     * The standard deviation of each component of the elastic displacement, in pixels of a raster
     * whose longer side is {@code longerSide}: Simard's {@code α/(2√(3π)σ)} reference cells (see
     * {@link AugmentSettings#elasticSigma()}), each {@code longerSide / 20} pixels.
     */
    static double elasticStd(AugmentSettings settings, double longerSide) {
        double alphaCells = ELASTIC_REFERENCE_CELLS * settings.elasticAlpha();
        double sigmaCells = ELASTIC_REFERENCE_CELLS * settings.elasticSigma();
        double stdCells = alphaCells / (2 * Math.sqrt(3 * Math.PI) * sigmaCells);
        return stdCells * longerSide / ELASTIC_REFERENCE_CELLS;
    }

    private static int checkFitSize(int fitSize) {
        if (fitSize < 1 || fitSize > Glyph.SIZE) {
            throw new IllegalArgumentException("fitSize must be within 1.." + Glyph.SIZE + ", was " + fitSize);
        }
        return fitSize;
    }

    /** The settings this augmenter applies. */
    public AugmentSettings settings() {
        return settings;
    }

    /** The glyph fit size that sets the size of a glyph pixel. */
    public int fitSize() {
        return fitSize;
    }

    /** For example {@code Augmenter[fitSize=16, AugmentSettings[probability=0.9, ...]]}. */
    @Override
    public String toString() {
        return "Augmenter[fitSize=" + fitSize + ", " + settings + "]";
    }

    /**
     * A randomly distorted version of {@code ink}, or {@code ink} itself when the sample is not
     * augmented (with probability {@code 1 − probability}, always for {@link AugmentSettings#isIdentity()
     * identity} settings) or when the distortion left no ink.
     *
     * <p>Draws from {@code random} in a fixed order (first whether to augment, then every transform's
     * values whether or not it is on, then two generators split off for the elastic field and the
     * noise), so the same generator state gives the same result, and switching one transform off
     * leaves the others' draws as they were. Identity settings draw nothing.
     *
     * @param ink ink, typically from {@link #toWorkingSize}; larger ink is shrunk first, at some cost
     * @param random the source of randomness. Modified (advanced); use one per thread, e.g. from
     *     {@link #randomFor}
     * @return ink values in {@code [0, 1]}, cropped to the ink; never empty when {@code ink} is not
     */
    public InkImage apply(InkImage ink, SplittableRandom random) {
        Objects.requireNonNull(ink, "ink");
        Objects.requireNonNull(random, "random");
        if (settings.isIdentity()) return ink;
        if (!(random.nextDouble() < settings.probability())) return ink;
        Distortion distortion = Distortion.draw(settings, random);
        SplittableRandom fieldRandom = random.split();
        SplittableRandom noiseRandom = random.split();
        return distort(ink, distortion, fieldRandom, noiseRandom);
    }

    /**
     * Ink small enough to keep in memory for training: shrunk by area averaging (see
     * {@link InkImage#scaledToFit}) so that its longer side is at most {@code WORK_SCALE · fitSize}
     * pixels, the resolution {@link #apply} works at. Smaller ink is returned as it is.
     *
     * @param fitSize {@code 1..Glyph.SIZE}
     * @throws IllegalArgumentException if {@code fitSize} is out of range
     */
    public static InkImage toWorkingSize(InkImage ink, int fitSize) {
        Objects.requireNonNull(ink, "ink");
        int maxSide = WORK_SCALE * checkFitSize(fitSize);
        return Math.max(ink.width(), ink.height()) > maxSide ? ink.scaledToFit(maxSide) : ink;
    }

    /**
     * A generator for one sample in one epoch, from a run's seed. The three numbers are combined
     * with the SplitMix64 finaliser (Stafford's mix 13), a bijection on 64-bit values that spreads
     * every input bit over the whole output:
     * <pre>
     *   h = mix(mix(mix(seed + γ) + γ₂·(epoch + 1)) + γ₃·(sampleIndex + 1))
     * </pre>
     * with odd constants {@code γ}, so different epochs and indices give unrelated streams. The
     * result depends only on the three arguments: not on threads, order, or how many were made
     * before, which is what lets a training run resume from a checkpoint and repeat the same
     * distortions.
     *
     * @param epoch {@code >= 0}
     * @param sampleIndex {@code >= 0}
     * @return a new generator
     * @throws IllegalArgumentException if {@code epoch} or {@code sampleIndex} is negative
     */
    public static SplittableRandom randomFor(long seed, int epoch, int sampleIndex) {
        if (epoch < 0) throw new IllegalArgumentException("epoch must be >= 0, was " + epoch);
        if (sampleIndex < 0) throw new IllegalArgumentException("sampleIndex must be >= 0, was " + sampleIndex);
        long h = mix64(seed + 0x9E3779B97F4A7C15L);
        h = mix64(h + 0xD1B54A32D192ED03L * (epoch + 1L));
        h = mix64(h + 0xABC98388FB8FAC03L * (sampleIndex + 1L));
        return new SplittableRandom(h);
    }

    /** The SplitMix64 finaliser (Stafford's variant 13). */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * Applies one drawn distortion; the pipeline described in the class comment. The elastic field
     * (if {@code elasticAlpha > 0}) and the noise (if {@code noise > 0}) come from the settings and
     * the given generators.
     *
     * @param fieldRandom supplies the elastic field's noise. Modified.
     * @param noiseRandom supplies the ink noise. Modified.
     */
    InkImage distort(InkImage ink, Distortion d, SplittableRandom fieldRandom, SplittableRandom noiseRandom) {
        InkImage work = ink.scaledToFit(workSize);
        int[] box = new int[4];
        Canvas canvas = transform(work, d, fieldRandom, box);
        if (box[2] < box[0]) return ink;

        StrokeChange stroke = strokeChange(work, d);
        double speckRadius = d.speck() ? workScale * d.speckDiameter() / 2 : 0;
        float[] blurKernel = d.blurSigma() * workScale >= MIN_BLUR_SIGMA
                ? ElasticField.gaussianKernel(d.blurSigma() * workScale) : null;
        // Paper around the ink, for dilation, a speck on the edge and blur to spread into, and for
        // the filters' flat loops (see RasterFilters).
        int pad = (int) Math.ceil(Math.max(0, stroke.radius())) + (int) Math.ceil(speckRadius)
                + (blurKernel == null ? 0 : blurKernel.length / 2) + 2;
        int boxWidth = box[2] - box[0] + 1;
        int boxHeight = box[3] - box[1] + 1;
        int w = boxWidth + 2 * pad;
        int h = boxHeight + 2 * pad;
        float[] raster = new float[w * h];
        for (int y = 0; y < boxHeight; y++) {
            System.arraycopy(canvas.data, (box[1] + y) * canvas.width + box[0], raster, (pad + y) * w + pad, boxWidth);
        }

        if (stroke.radius() > 0) {
            raster = RasterFilters.morph(raster, w, h, stroke.radius(), true);
            saturate(raster);
        } else if (stroke.radius() < 0) {
            raster = RasterFilters.morph(raster, w, h, -stroke.radius(), false);
        }
        if (stroke.fade() < 1f) {
            for (int i = 0; i < raster.length; i++) raster[i] *= stroke.fade();
        }
        if (d.speck()) {
            paintSpeck(raster, w, h, pad + d.speckX() * boxWidth, pad + d.speckY() * boxHeight, speckRadius,
                    (float) d.speckInk());
        }
        if (blurKernel != null) raster = RasterFilters.blur(raster, w, h, blurKernel);
        if (!floorAndNoise(raster, noiseRandom)) return ink;

        int[] inked = inkBounds(raster, w, h);
        if (inked == null) return ink;
        int tw = inked[2] - inked[0] + 1;
        int th = inked[3] - inked[1] + 1;
        float[] out = new float[tw * th];
        for (int y = 0; y < th; y++) System.arraycopy(raster, (inked[1] + y) * w + inked[0], out, y * tw, tw);
        return InkImage.of(tw, th, out);
    }

    /**
     * How step 3 changes the strokes.
     *
     * @param radius dilation (positive) or erosion (negative) radius, in working pixels
     * @param fade factor on the ink after erosion, {@code (0, 1]}
     */
    private record StrokeChange(double radius, float fade) {
    }

    /**
     * The drawn width change {@code Δ} as a dilation or erosion radius {@code Δ/2} (in working
     * pixels). Thinning aims at the width {@code max(w + Δ, MIN_WIDTH_FRACTION · w)}, where
     * {@code w} is the measured mean stroke width after the geometry. Erosion goes down to
     * {@link #MAX_EROSION} of it; thinner still, the rest is done by fading the ink in proportion,
     * because eroding further would cut strokes whose width varies, and because once a stroke is
     * narrower than a glyph pixel, area averaging turns narrow full ink and wider faint ink into
     * nearly the same glyph.
     */
    private StrokeChange strokeChange(InkImage work, Distortion d) {
        double radius = workScale * d.widthChange() / 2;
        if (radius >= 0) return new StrokeChange(radius, 1f);
        // Measured on the work image, scaled by the geometry's change of length, √det F.
        double width = work.strokeWidth() * Math.sqrt(d.scaleX() * d.scaleY());
        double target = Math.max(width + 2 * radius, MIN_WIDTH_FRACTION * width);
        double eroded = Math.max(target, MAX_EROSION * width);
        return new StrokeChange(-(width - eroded) / 2, (float) (target / eroded));
    }

    /** A row-major raster of {@code width × height} ink values. */
    private record Canvas(float[] data, int width, int height) {
    }

    /**
     * Step 2: the affine map and the elastic field, in one bilinear resampling ({@link GridWarp}).
     * Output coordinates put the transformed centre of the ink at the origin; the canvas covers the
     * transformed ink's bounding box, widened by the largest elastic displacement and two pixels
     * for interpolation (but not beyond the field's grid, which reaches four standard deviations of
     * displacement further).
     *
     * @param inkBounds receives the bounding box of the ink on the canvas, as {@link GridWarp#resample}
     *     gives it. Modified.
     */
    private Canvas transform(InkImage work, Distortion d, SplittableRandom fieldRandom, int[] inkBounds) {
        int sw = work.width();
        int sh = work.height();
        double cos = StrictMath.cos(d.angleRadians());
        double sin = StrictMath.sin(d.angleRadians());
        double k = d.shear();
        // F = R(θ) · [[1, k], [0, 1]] · diag(sx, sy), and its inverse A.
        double f00 = cos * d.scaleX();
        double f01 = (cos * k - sin) * d.scaleY();
        double f10 = sin * d.scaleX();
        double f11 = (sin * k + cos) * d.scaleY();
        double det = f00 * f11 - f01 * f10; // = sx · sy > 0
        AffineInverse inverse = new AffineInverse(f11 / det, -f01 / det, -f10 / det, f00 / det,
                d.shiftX() * sw, d.shiftY() * sh, sw / 2.0 - 0.5, sh / 2.0 - 0.5);
        // The corners of the source box, (±sw/2, ±sh/2) about its centre, after F and the shift.
        double extentX = Math.abs(f00) * sw / 2 + Math.abs(f01) * sh / 2;
        double extentY = Math.abs(f10) * sw / 2 + Math.abs(f11) * sh / 2;
        double minX = inverse.tx() - extentX;
        double maxX = inverse.tx() + extentX;
        double minY = inverse.ty() - extentY;
        double maxY = inverse.ty() + extentY;

        ElasticField field = elastic == null ? null : elastic.generate(minX, maxX, minY, maxY, fieldRandom);
        double reachX = field == null ? 0 : field.maxAbsDx();
        double reachY = field == null ? 0 : field.maxAbsDy();
        int x0 = (int) Math.floor(minX - reachX) - 2;
        int y0 = (int) Math.floor(minY - reachY) - 2;
        int x1 = (int) Math.ceil(maxX + reachX) + 2;
        int y1 = (int) Math.ceil(maxY + reachY) + 2;
        GridWarp.Grid grid;
        if (field == null) {
            grid = inverse.grid(x0, y0, x1 - x0, y1 - y0, 2, 2, null);
        } else {
            // Keep every pixel centre within the grid.
            double gridMaxX = field.originX() + (field.nodesX() - 1) * field.spacing();
            double gridMaxY = field.originY() + (field.nodesY() - 1) * field.spacing();
            x0 = Math.max(x0, (int) Math.ceil(field.originX() - 0.5));
            y0 = Math.max(y0, (int) Math.ceil(field.originY() - 0.5));
            x1 = Math.min(x1, (int) Math.floor(gridMaxX + 0.5));
            y1 = Math.min(y1, (int) Math.floor(gridMaxY + 0.5));
            grid = inverse.grid(field.originX(), field.originY(), field.spacing(), field.spacing(),
                    field.nodesX(), field.nodesY(), field);
        }
        GridWarp.Canvas canvas = new GridWarp.Canvas(x0, y0, x1 - x0, y1 - y0);
        float[] out = GridWarp.resample(work.data(), sw, sh, grid, canvas, inkBounds);
        return new Canvas(out, canvas.width(), canvas.height());
    }

    /**
     * The map from output coordinates {@code q} to source index coordinates:
     * {@code p = A·(q + d(q) − t) + c}, with {@code A = F⁻¹}.
     */
    private record AffineInverse(double a00, double a01, double a10, double a11, double tx, double ty,
                                 double cx, double cy) {

        /**
         * A grid of {@code nodesX × nodesY} nodes, {@code spacingX} and {@code spacingY} apart from
         * {@code (originX, originY)}, holding each node's source position; displaced by the field's
         * node values if {@code field} is not null (its nodes must be these nodes).
         */
        GridWarp.Grid grid(double originX, double originY, double spacingX, double spacingY, int nodesX, int nodesY,
                           ElasticField field) {
            double[] sourceX = new double[nodesX * nodesY];
            double[] sourceY = new double[nodesX * nodesY];
            for (int m = 0, node = 0; m < nodesY; m++) {
                for (int n = 0; n < nodesX; n++, node++) {
                    double qx = originX + n * spacingX - tx;
                    double qy = originY + m * spacingY - ty;
                    if (field != null) {
                        qx += field.dx(node);
                        qy += field.dy(node);
                    }
                    sourceX[node] = a00 * qx + a01 * qy + cx;
                    sourceY[node] = a10 * qx + a11 * qy + cy;
                }
            }
            return new GridWarp.Grid(originX, originY, spacingX, spacingY, nodesX, nodesY, sourceX, sourceY);
        }
    }

    /** The bounding box {x0, y0, x1, y1} (inclusive) of the positive values, or {@code null} if none. */
    private static int[] inkBounds(float[] data, int w, int h) {
        int x0 = w;
        int y0 = -1;
        int x1 = -1;
        int y1 = -1;
        for (int y = 0; y < h; y++) {
            int row = y * w;
            int first = 0;
            while (first < w && !(data[row + first] > 0f)) first++;
            if (first == w) continue;
            int last = w - 1;
            while (!(data[row + last] > 0f)) last--;
            if (y0 < 0) y0 = y;
            y1 = y;
            x0 = Math.min(x0, first);
            x1 = Math.max(x1, last);
        }
        return y0 < 0 ? null : new int[] {x0, y0, x1, y1};
    }

    /**
     * Scales ink so that its strongest value is full ink, as {@code StrokeNormalizer} does: a stroke
     * that arrived faint because it was thinner than a pixel should, once thickened, be as dark as a
     * stroke drawn that wide.
     */
    private static void saturate(float[] ink) {
        float max = 0f;
        for (float v : ink) if (v > max) max = v;
        if (max <= 0f || max >= 1f) return;
        float gain = 1f / max;
        for (int i = 0; i < ink.length; i++) ink[i] = ink[i] >= max ? 1f : ink[i] * gain;
    }

    /**
     * A round dot of the given radius centred at {@code (cx, cy)} (continuous coordinates), with an
     * anti-aliased rim one pixel wide; where it overlaps ink, the stronger ink wins.
     */
    private static void paintSpeck(float[] ink, int w, int h, double cx, double cy, double radius, float strength) {
        int xFirst = Math.max(0, (int) Math.floor(cx - radius - 1));
        int xLast = Math.min(w - 1, (int) Math.ceil(cx + radius + 1));
        int yFirst = Math.max(0, (int) Math.floor(cy - radius - 1));
        int yLast = Math.min(h - 1, (int) Math.ceil(cy + radius + 1));
        for (int y = yFirst; y <= yLast; y++) {
            for (int x = xFirst; x <= xLast; x++) {
                double ddx = x + 0.5 - cx;
                double ddy = y + 0.5 - cy;
                double distance = Math.sqrt(ddx * ddx + ddy * ddy);
                double coverage = Math.max(0, Math.min(1, radius + 0.5 - distance));
                int i = y * w + x;
                ink[i] = Math.max(ink[i], (float) (strength * coverage));
            }
        }
    }

    /**
     * Steps 6 and 7: zeroes ink below {@link #INK_FLOOR} of the strongest, adds noise to what is
     * left, clips it to {@code [0, 1]} and applies the floor again.
     *
     * @param ink Modified.
     * @return whether any ink is left
     */
    private boolean floorAndNoise(float[] ink, SplittableRandom noiseRandom) {
        float max = 0f;
        for (float v : ink) if (v > max) max = v;
        if (!(max > 0f)) return false;
        float floor = (float) (INK_FLOOR * Math.min(1f, max));
        float std = (float) settings.noise();
        boolean any = false;
        for (int i = 0; i < ink.length; i++) {
            float v = ink[i];
            if (v < floor) {
                ink[i] = 0f;
                continue;
            }
            if (std > 0f) v += std * standardNormal(noiseRandom);
            if (v > 1f) v = 1f;
            if (v < floor) v = 0f;
            ink[i] = v;
            any |= v > 0f;
        }
        return any;
    }

    /**
     * An approximately standard normal value: the sum of four uniform variates (Irwin–Hall),
     * centred and scaled to unit variance. It is bounded at ±3.46 and costs one 64-bit draw, a
     * fraction of {@code nextGaussian()}; for pixel grain the difference in the tails does not matter.
     */
    private static float standardNormal(SplittableRandom random) {
        long bits = random.nextLong();
        int sum = (int) (bits & 0xFFFF) + (int) ((bits >>> 16) & 0xFFFF)
                + (int) ((bits >>> 32) & 0xFFFF) + (int) (bits >>> 48);
        // Each 16-bit part is uniform on (part + 0.5) / 65536 ∈ (0, 1), mean 1/2, variance 1/12.
        return (float) (((sum + 2.0) / 65536 - 2) * Math.sqrt(3));
    }
}

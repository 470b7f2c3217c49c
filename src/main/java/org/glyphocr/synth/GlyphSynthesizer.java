package org.glyphocr.synth;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Objects;
import java.util.SplittableRandom;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.glyphocr.nn.Draws;

/**
 * Renders single characters of a font as images of print: dark ink on light paper, the glyph's
 * outline filled with anti-aliasing, with margins. Variant 0 is the plain rendering; other
 * variants get, each drawn from its own seeded generator:
 * <ul>
 *   <li>a slight rotation (skew) and slant;
 *   <li>ink spread or erosion (the outline stroked in ink or in paper), as heavy or light printing;
 *   <li>ink and paper tones, Gaussian blur, Gaussian noise and, by chance, a speck;
 *   <li>sometimes JPEG compression.
 * </ul>
 * Training then adds its own augmentation on top, as for any dataset. Immutable and thread-safe.
 *
 * <pre>{@code
 * GlyphSynthesizer synth = new GlyphSynthesizer(SynthSettings.DEFAULT);
 * Font face = FontSource.resolve("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf").get(0);
 * BufferedImage a = synth.render(face, "a", 40, 3);   // variant 3 of "a" at 40 px
 * }</pre>
 */
public final class GlyphSynthesizer {
    private final SynthSettings settings;

    public GlyphSynthesizer(SynthSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public SynthSettings settings() {
        return settings;
    }

    /** Whether {@code face} has a glyph of its own for {@code character} (no fallback box). */
    public static boolean canRender(Font face, String character) {
        return face.canDisplay(character.codePointAt(0));
    }

    /**
     * One rendering.
     *
     * @param size font size in pixels
     * @param variant 0 for the plain rendering, else which degraded one
     * @return an RGB image, or {@code null} when the glyph has no ink (the font draws it empty)
     */
    public BufferedImage render(Font face, String character, int size, int variant) {
        SplittableRandom random = new SplittableRandom(seed(face, character, size, variant));
        boolean plain = variant == 0;
        double angle = plain ? 0 : Math.toRadians(settings.rotationDegrees()) * symmetric(random);
        double slant = plain ? 0 : settings.shear() * symmetric(random);
        double spread = plain ? 0 : settings.inkSpread() * size * symmetric(random);
        double blurSigma = plain ? 0 : settings.blur() * size * random.nextDouble();
        double noise = plain ? 0 : settings.noise() * random.nextDouble();
        boolean jpeg = !plain && random.nextDouble() < settings.jpeg();
        int jpegQuality = 30 + random.nextInt(61);
        int ink = plain ? 0 : random.nextInt(90);
        int paper = plain ? 255 : 200 + random.nextInt(56);

        Font font = face.deriveFont((float) size);
        FontRenderContext frc = new FontRenderContext(null, true, true);
        Shape outline = font.createGlyphVector(frc, character).getOutline();
        Rectangle2D bounds = outline.getBounds2D();
        if (bounds.isEmpty()) return null;
        AffineTransform t = new AffineTransform();
        t.rotate(angle);
        t.shear(slant, 0);
        t.translate(-bounds.getCenterX(), -bounds.getCenterY());
        Shape placed = t.createTransformedShape(outline);
        Rectangle2D box = placed.getBounds2D();
        // Margins of a fifth to a half of the size, not the same on every side.
        double margin = Math.abs(spread) + 2 * blurSigma;
        int left = (int) Math.ceil(margin + size * (0.2 + 0.3 * random.nextDouble()));
        int top = (int) Math.ceil(margin + size * (0.2 + 0.3 * random.nextDouble()));
        int width = (int) Math.ceil(box.getWidth() + left + margin + size * (0.2 + 0.3 * random.nextDouble()));
        int height = (int) Math.ceil(box.getHeight() + top + margin + size * (0.2 + 0.3 * random.nextDouble()));

        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setColor(new Color(paper, paper, paper));
        g.fillRect(0, 0, width, height);
        g.translate(left - box.getX(), top - box.getY());
        Color inkColor = new Color(ink, ink, ink);
        g.setColor(inkColor);
        g.fill(placed);
        if (spread != 0) {
            // Stroking the outline by 2|s| moves every edge by |s|: in ink it spreads, in paper it erodes.
            g.setStroke(new BasicStroke((float) (2 * Math.abs(spread)), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.setColor(spread > 0 ? inkColor : new Color(paper, paper, paper));
            g.draw(placed);
        }
        g.dispose();
        if (blurSigma > 0.3) image = blur(image, blurSigma);
        if (noise > 0) addGaussianNoise(image, noise, random);
        if (!plain && random.nextDouble() < settings.specks()) addSpeck(image, ink, random);
        if (jpeg) image = jpegRoundTrip(image, jpegQuality);
        return image;
    }

    private long seed(Font face, String character, int size, int variant) {
        long h = settings.seed() * 0x9E3779B97F4A7C15L;
        h = (h ^ face.getFontName(java.util.Locale.ROOT).hashCode()) * 0xBF58476D1CE4E5B9L;
        h = (h ^ character.codePointAt(0)) * 0x94D049BB133111EBL;
        h = (h ^ size) * 0x9E3779B97F4A7C15L;
        return h ^ variant;
    }

    private static double symmetric(SplittableRandom random) {
        return 2 * random.nextDouble() - 1;
    }

    /** Separable Gaussian blur of a gray RGB image. */
    static BufferedImage blur(BufferedImage image, double sigma) {
        int r = (int) Math.ceil(3 * sigma);
        double[] k = new double[2 * r + 1];
        double sum = 0;
        for (int i = -r; i <= r; i++) sum += k[i + r] = Math.exp(-i * i / (2 * sigma * sigma));
        for (int i = 0; i < k.length; i++) k[i] /= sum;
        int w = image.getWidth();
        int h = image.getHeight();
        double[] gray = new double[w * h];
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) gray[y * w + x] = image.getRGB(x, y) & 0xff;
        double[] tmp = new double[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double s = 0;
                for (int i = -r; i <= r; i++) s += k[i + r] * gray[y * w + Math.max(0, Math.min(w - 1, x + i))];
                tmp[y * w + x] = s;
            }
        }
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double s = 0;
                for (int i = -r; i <= r; i++) s += k[i + r] * tmp[Math.max(0, Math.min(h - 1, y + i)) * w + x];
                int v = (int) Math.round(s);
                out.setRGB(x, y, v * 0x010101);
            }
        }
        return out;
    }

    /** One round speck of ink somewhere on the image, as dirt or toner leaves. */
    private static void addSpeck(BufferedImage image, int ink, SplittableRandom random) {
        int w = image.getWidth();
        int h = image.getHeight();
        int cx = random.nextInt(w);
        int cy = random.nextInt(h);
        int radius = 1 + random.nextInt(Math.max(1, Math.min(w, h) / 40 + 1));
        for (int y = Math.max(0, cy - radius); y <= Math.min(h - 1, cy + radius); y++) {
            for (int x = Math.max(0, cx - radius); x <= Math.min(w - 1, cx + radius); x++) {
                if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= radius * radius) image.setRGB(x, y, ink * 0x010101);
            }
        }
    }

    /** Gaussian noise of standard deviation {@code sigma}, in levels of 255, on every pixel of a gray RGB image. */
    static void addGaussianNoise(BufferedImage image, double sigma, SplittableRandom random) {
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int v = (int) Math.round((image.getRGB(x, y) & 0xff) + sigma * Draws.standardNormal(random));
                v = Math.max(0, Math.min(255, v));
                image.setRGB(x, y, v * 0x010101);
            }
        }
    }

    /** The image as a JPEG of this quality would decode. */
    static BufferedImage jpegRoundTrip(BufferedImage image, int quality) {
        try {
            Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
            if (!writers.hasNext()) return image;
            ImageWriter writer = writers.next();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
                writer.setOutput(out);
                ImageWriteParam param = writer.getDefaultWriteParam();
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(quality / 100f);
                writer.write(null, new IIOImage(image, null, null), param);
            } finally {
                writer.dispose();
            }
            // ImageIO.read closes the stream it makes.
            BufferedImage decoded = ImageIO.read(new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes.toByteArray())));
            BufferedImage rgb = new BufferedImage(decoded.getWidth(), decoded.getHeight(), BufferedImage.TYPE_INT_RGB);
            Graphics2D g = rgb.createGraphics();
            g.drawImage(decoded, 0, 0, null);
            g.dispose();
            return rgb;
        } catch (IOException e) {
            throw new UncheckedIOException("JPEG round trip in memory failed", e);
        }
    }
}

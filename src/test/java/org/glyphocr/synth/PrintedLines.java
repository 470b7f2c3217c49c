package org.glyphocr.synth;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;

/**
 * Lines of printed text for measuring {@code read}: random words, numbers and punctuation set in
 * the given fonts, written as {@code clean/NNNN.png} and as {@code degraded/NNNN.png} (blur, noise,
 * JPEG and a skew of up to ±1.5°), each with its truth in {@code NNNN.txt}.
 *
 * <pre>
 * java -cp target/glyph-ocr.jar:target/test-classes org.glyphocr.synth.PrintedLines OUT_DIR LINES_PER_FACE FONT...
 * </pre>
 */
public final class PrintedLines {
    private static final String[] WORDS = ("the of and to in is was that for on are with as his they be at one have this from by hot word but "
            + "what some we can out other were all there when up use your how said an each she which do their time if will way about "
            + "many then them write would like so these her long make thing see him two has look more day could go come did number "
            + "sound no most people my over know water than call first who may down side been now find any new work part take get "
            + "place made live where after back little only round man year came show every good me give our under name very through "
            + "just form sentence great think say help low line differ turn cause much mean before move right boy old too same tell "
            + "Paris London Mary John Quebec Zurich Oslo Vienna Kyoto Jakarta Xavier Yvonne Wendy Victor Ursula").split(" ");
    private static final String PUNCTUATION = ".,;:!?";

    private PrintedLines() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            System.err.println("usage: PrintedLines OUT_DIR LINES_PER_FACE FONT...");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        int perFace = Integer.parseInt(args[1]);
        List<Font> faces = FontSource.resolveAll(List.of(args).subList(2, args.length));
        Files.createDirectories(out.resolve("clean"));
        Files.createDirectories(out.resolve("degraded"));
        SplittableRandom random = new SplittableRandom(2026);
        int n = 0;
        for (Font face : faces) {
            for (int k = 0; k < perFace; k++) {
                String text = line(random);
                int size = 28 + random.nextInt(21);
                String name = String.format("%04d", n++);
                BufferedImage clean = render(face.deriveFont((float) size), text, 0);
                write(out.resolve("clean"), name, clean, text);
                double skew = Math.toRadians(1.5 * (2 * random.nextDouble() - 1));
                BufferedImage degraded = render(face.deriveFont((float) size), text, skew);
                degraded = GlyphSynthesizer.blur(degraded, 0.4 + 0.8 * random.nextDouble());
                GlyphSynthesizer.addGaussianNoise(degraded, 4 + 8 * random.nextDouble(), random);
                degraded = GlyphSynthesizer.jpegRoundTrip(degraded, 40 + random.nextInt(41));
                write(out.resolve("degraded"), name, degraded, text);
            }
        }
        System.err.println("wrote " + n + " clean and " + n + " degraded lines to " + out);
    }

    /** Four to seven words, sometimes capitalised, with a number and punctuation now and then. */
    static String line(SplittableRandom random) {
        StringBuilder sb = new StringBuilder();
        int words = 4 + random.nextInt(4);
        for (int w = 0; w < words; w++) {
            if (w > 0) sb.append(' ');
            if (random.nextDouble() < 0.15) {
                sb.append(random.nextInt(2000));
            } else {
                String word = WORDS[random.nextInt(WORDS.length)];
                if (random.nextDouble() < 0.2) word = Character.toUpperCase(word.charAt(0)) + word.substring(1);
                sb.append(word);
            }
            if (random.nextDouble() < 0.15 || w == words - 1) sb.append(PUNCTUATION.charAt(random.nextInt(PUNCTUATION.length())));
        }
        return sb.toString();
    }

    private static BufferedImage render(Font font, String text, double angle) {
        FontRenderContext frc = new FontRenderContext(null, true, true);
        Rectangle2D bounds = font.getStringBounds(text, frc);
        int margin = (int) (font.getSize() * 0.6);
        int width = (int) Math.ceil(bounds.getWidth()) + 2 * margin;
        int height = (int) Math.ceil(bounds.getHeight()) + 2 * margin;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        g.rotate(angle, width / 2.0, height / 2.0);
        g.setColor(Color.BLACK);
        g.setFont(font);
        g.drawString(text, margin, (float) (margin - bounds.getY()));
        g.dispose();
        return image;
    }

    private static void write(Path dir, String name, BufferedImage image, String text) throws IOException {
        ImageIO.write(image, "png", dir.resolve(name + ".png").toFile());
        Files.writeString(dir.resolve(name + ".txt"), text + "\n", StandardCharsets.UTF_8);
    }
}

package org.glyphocr.synth;

import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Finds fonts for synthesis: a TrueType or OpenType file ({@code .ttf}, {@code .otf}; a collection,
 * {@code .ttc}, gives all its faces), or the family name of a font installed on this system, which
 * gives its regular and bold faces.
 */
public final class FontSource {
    private FontSource() {
    }

    /**
     * The faces {@code spec} names, at size 1 (derive the size you need).
     *
     * @throws IllegalArgumentException if {@code spec} is neither a readable font file nor an
     *     installed family, naming it
     */
    public static List<Font> resolve(String spec) {
        Path file = Path.of(spec);
        if (Files.isRegularFile(file)) {
            try {
                Font[] faces = Font.createFonts(file.toFile());
                List<Font> out = new ArrayList<>();
                for (Font f : faces) out.add(f.deriveFont(1f));
                return out;
            } catch (FontFormatException | IOException e) {
                throw new IllegalArgumentException(spec + ": not a readable TrueType or OpenType font (" + e.getMessage() + ")", e);
            }
        }
        String[] families = GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames(Locale.ROOT);
        for (String family : families) {
            if (family.equalsIgnoreCase(spec)) {
                return List.of(new Font(family, Font.PLAIN, 1), new Font(family, Font.BOLD, 1));
            }
        }
        throw new IllegalArgumentException("--font '" + spec + "': no such font file, and no installed font family of that name"
                + " (fc-list : family lists the installed ones)");
    }

    /** The faces of every spec, in order: {@link #resolve} of each. */
    public static List<Font> resolveAll(List<String> specs) {
        List<Font> faces = new ArrayList<>();
        for (String spec : specs) faces.addAll(resolve(spec));
        return faces;
    }

    /** A short file-name-safe name for a face, such as {@code DejaVuSans-Bold}. */
    static String safeName(Font font) {
        String name = font.getFontName(Locale.ROOT).replaceAll("[^A-Za-z0-9]+", "-");
        return name.replaceAll("^-|-$", "");
    }
}

package org.glyphocr.synth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The characters to synthesise, in order, each one Unicode code point (so letters outside the
 * Basic Multilingual Plane count as one character). Build one by name or from an explicit list:
 * <pre>{@code
 * CharacterSet digits = CharacterSet.parse("digits");
 * CharacterSet latin = CharacterSet.parse("latin,punctuation");   // A–Z, a–z, 0–9 and punctuation
 * CharacterSet meter = CharacterSet.parse("0123456789kWh");        // exactly these characters
 * }</pre>
 *
 * @param characters each a string of one code point, without duplicates or white space
 */
public record CharacterSet(List<String> characters) {
    /** The named sets, as {@link #parse} accepts them. */
    public static final Map<String, String> NAMED = named();

    private static Map<String, String> named() {
        Map<String, String> m = new LinkedHashMap<>();
        String upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
        String lower = upper.toLowerCase(Locale.ROOT);
        String digits = "0123456789";
        m.put("digits", digits);
        m.put("upper", upper);
        m.put("lower", lower);
        m.put("letters", upper + lower);
        m.put("latin", upper + lower + digits);
        m.put("punctuation", ".,;:!?'\"-()/&@#%+*=");
        return java.util.Collections.unmodifiableMap(m);
    }

    public CharacterSet {
        characters = List.copyOf(characters);
        if (characters.isEmpty()) throw new IllegalArgumentException("a character set needs at least one character");
        Set<String> seen = new LinkedHashSet<>();
        for (String c : characters) {
            if (c.codePointCount(0, c.length()) != 1) throw new IllegalArgumentException("'" + c + "' is not one character");
            if (Character.isWhitespace(c.codePointAt(0))) throw new IllegalArgumentException("white space is not a glyph: " + codePoint(c));
            if (!seen.add(c)) throw new IllegalArgumentException("'" + c + "' is listed twice");
        }
    }

    /**
     * A comma-separated list of names ({@link #NAMED}: digits, upper, lower, letters, latin,
     * punctuation), or else the characters of {@code spec} themselves, each once, white space
     * skipped.
     *
     * @throws IllegalArgumentException if no character is left
     */
    public static CharacterSet parse(String spec) {
        String[] parts = spec.split(",", -1);
        boolean allNames = true;
        for (String p : parts) allNames &= NAMED.containsKey(p.trim().toLowerCase(Locale.ROOT));
        String text = spec;
        if (allNames) {
            StringBuilder sb = new StringBuilder();
            for (String p : parts) sb.append(NAMED.get(p.trim().toLowerCase(Locale.ROOT)));
            text = sb.toString();
        }
        Set<String> chars = new LinkedHashSet<>();
        text.codePoints().filter(cp -> !Character.isWhitespace(cp)).forEach(cp -> chars.add(new String(Character.toChars(cp))));
        if (chars.isEmpty()) {
            throw new IllegalArgumentException("--chars '" + spec + "' holds no character; give names (" + String.join(", ", NAMED.keySet())
                    + ") or the characters themselves");
        }
        return new CharacterSet(new ArrayList<>(chars));
    }

    /** A file-system-safe folder name for a character, the same on case-insensitive systems: {@code u0041} for A. */
    public static String folderName(String character) {
        return "u" + hex(character).toLowerCase(Locale.ROOT);
    }

    /** The character's code point as Unicode writes it, {@code U+0041} for A. */
    static String codePoint(String character) {
        return "U+" + hex(character);
    }

    private static String hex(String character) {
        return String.format(Locale.ROOT, "%04X", character.codePointAt(0));
    }
}

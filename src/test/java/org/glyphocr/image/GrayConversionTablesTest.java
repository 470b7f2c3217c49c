package org.glyphocr.image;

import org.junit.jupiter.api.Test;

import java.awt.image.ColorModel;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The JDK's gray conversion tables are full once {@link ImageDecoder} is initialised, so no two
 * decoding threads can race to fill them (see {@link GrayConversionTables}). Checked in a fresh
 * JVM, since in this one earlier tests have long filled them.
 */
class GrayConversionTablesTest {
    @Test
    void theDecodersInitialisationFillsTheJdksGrayTables() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(List.of(java.toString(), "--add-opens", "java.desktop/java.awt.image=ALL-UNNAMED",
                "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"), Probe.class.getName()))
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), output);
        assertEquals(0, p.exitValue(), output);
        assertEquals("full", output.strip());
    }

    /** Initialises ImageDecoder alone, then reads ColorModel's tables. */
    public static final class Probe {
        public static void main(String[] args) throws Exception {
            Class.forName(ImageDecoder.class.getName(), true, Probe.class.getClassLoader());
            byte[] linearToSrgb8 = (byte[]) table("l8Tos8");
            byte[] linearToSrgb16 = (byte[]) table("l16Tos8");
            short[] srgbToLinear16 = (short[]) table("s8Tol16");
            boolean full = linearToSrgb8 != null && linearToSrgb8[255] == (byte) 255
                    && linearToSrgb16 != null && linearToSrgb16[65535] == (byte) 255
                    && srgbToLinear16 != null && srgbToLinear16[255] == (short) 65535;
            System.out.println(full ? "full" : "not full: l8Tos8 " + (linearToSrgb8 == null ? "null" : "set")
                    + ", l16Tos8 " + (linearToSrgb16 == null ? "null" : "set") + ", s8Tol16 " + (srgbToLinear16 == null ? "null" : "set"));
        }

        private static Object table(String name) throws ReflectiveOperationException {
            Field f = ColorModel.class.getDeclaredField(name);
            f.setAccessible(true);
            return f.get(null);
        }
    }
}

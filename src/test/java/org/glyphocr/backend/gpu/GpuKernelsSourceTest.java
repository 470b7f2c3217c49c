package org.glyphocr.backend.gpu;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** The shipped PTX was built from the kernels' source as it is now, and defines what the backend launches. */
class GpuKernelsSourceTest {
    private static String ptx() throws IOException {
        try (InputStream in = GpuDevice.class.getResourceAsStream(GpuDevice.PTX_RESOURCE)) {
            assertNotNull(in, "the PTX resource is missing");
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    @Test
    void ptxWasBuiltFromTheCurrentSource() throws IOException, NoSuchAlgorithmException {
        byte[] source = Files.readAllBytes(Path.of("src/main/cuda/mlp.cu"));
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(source));
        String firstLine = ptx().lines().findFirst().orElse("");
        assertEquals("// source-sha256: " + hash, firstLine, "mlp.cu changed since the PTX was built: run src/main/cuda/build-ptx.sh");
    }

    @Test
    void ptxDefinesEveryKernelTheBackendLaunches() throws IOException {
        Set<String> entries = new TreeSet<>();
        Matcher m = Pattern.compile("\\.entry\\s+(\\w+)\\(").matcher(ptx());
        while (m.find()) entries.add(m.group(1));
        Set<String> launched = new TreeSet<>();
        Matcher f = Pattern.compile("device\\.function\\(\"(\\w+)\"\\)").matcher(
                Files.readString(Path.of("src/main/java/org/glyphocr/backend/gpu/DeviceStream.java")));
        while (f.find()) launched.add(f.group(1));
        assertEquals(9, launched.size(), "kernels looked up in DeviceStream: " + launched);
        assertEquals(launched, entries);
    }
}

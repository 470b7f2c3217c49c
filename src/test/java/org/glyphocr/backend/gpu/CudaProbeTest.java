package org.glyphocr.backend.gpu;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CudaProbeTest {
    @Test
    void aMissingDriverLibraryIsNamedWithTheFix() {
        UnsatisfiedLinkError e = new UnsatisfiedLinkError("Error while loading native library \"JCudaDriver-12.6.0-linux-x86_64\"\n"
                + "Stack trace from the attempt to load the library as a resource:\n"
                + "java.lang.UnsatisfiedLinkError: /tmp/libJCudaDriver-12.6.0-linux-x86_64.so: libcuda.so.1: cannot open shared object file");
        String message = CudaProbe.explainLoadFailure(e);
        assertTrue(message.contains("libcuda.so.1") && message.contains("install the NVIDIA driver")
                && message.contains("--backend cpu"), message);
    }

    @Test
    void aMissingJCudaJarIsNamed() {
        String message = CudaProbe.explainLoadFailure(new NoClassDefFoundError("jcuda/driver/JCudaDriver"));
        assertTrue(message.contains("JCuda is not on the class path") && message.contains("org.jcuda:jcuda"), message);
    }

    @Test
    void anUnsupportedPlatformIsNamed() {
        String message = CudaProbe.explainLoadFailure(new UnsatisfiedLinkError("no JCudaDriver-12.6.0-windows-aarch64 in java.library.path"));
        assertTrue(message.contains("could not be loaded on") && message.contains("Linux x86-64"), message);
    }

    @Test
    void driverVersionsReadAsCudaVersions() {
        assertEquals("13.0", CudaProbe.cudaVersion(13000));
        assertEquals("12.6", CudaProbe.cudaVersion(12060));
    }

    @Test
    void theProbeEitherFindsADeviceOrSaysWhatIsMissing() {
        CudaProbe.Result result = CudaProbe.result();
        if (result.unavailableReason() == null) {
            assertTrue(result.devices() > 0 && !result.deviceName().isEmpty(), result.toString());
        } else {
            assertTrue(result.unavailableReason().contains("--backend cpu"), result.unavailableReason());
        }
    }
}

package org.glyphocr.backend;

import org.glyphocr.nn.Activation;
import org.glyphocr.nn.Architecture;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class BackendsTest {
    @Test
    void cpuIsAlwaysFoundAndAutoPicksAnAvailableBackend() throws Exception {
        assertEquals("cpu", Backends.named("cpu").name());
        assertTrue(Backends.named("auto").description().length() > 0);
    }

    @Test
    void unknownBackendNamesTheChoices() {
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class, () -> Backends.named("tpu"));
        assertTrue(e.getMessage().contains("'tpu'") && e.getMessage().contains("cpu"), e.getMessage());
    }

    @Test
    void autoKeepsSmallNetworksOnTheCpu() {
        Architecture small = Architecture.classifier(400, new int[] {256}, Activation.SIGMOID, 10);
        assertEquals("cpu", Backends.best(small).name());
    }

    @Test
    void autoFallsBackToTheCpuWhereNoGpuCanRun() throws Exception {
        Architecture large = Architecture.classifier(400, new int[] {1024, 1024}, Activation.RELU, 62);
        BackendProvider gpu = Backends.providers().stream().filter(p -> p.name().equals("gpu")).findFirst().orElseThrow();
        assertTrue(gpu.suits(large), "a network of " + large.parameterCount() + " parameters should suit the GPU");
        String reason = gpu.unavailableReason();
        assumeTrue(reason != null, "this machine has a usable GPU");
        assertEquals("cpu", Backends.best(large).name());
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class, () -> Backends.named("gpu"));
        assertEquals("gpu backend unavailable: " + reason, e.getMessage());
        assertTrue(e.getMessage().contains("--backend cpu"), e.getMessage());
    }
}

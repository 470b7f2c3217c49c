package org.glyphocr.backend;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}

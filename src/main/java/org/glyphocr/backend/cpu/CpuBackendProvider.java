package org.glyphocr.backend.cpu;

import org.glyphocr.backend.Backend;
import org.glyphocr.backend.BackendProvider;

/** Registers {@link CpuBackend} with {@link org.glyphocr.backend.Backends}; always available. */
public final class CpuBackendProvider implements BackendProvider {
    @Override
    public String name() {
        return "cpu";
    }

    @Override
    public int rank() {
        return 0;
    }

    @Override
    public String unavailableReason() {
        return null;
    }

    @Override
    public Backend create() {
        return new CpuBackend();
    }
}

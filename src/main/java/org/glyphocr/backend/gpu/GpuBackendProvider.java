package org.glyphocr.backend.gpu;

import org.glyphocr.backend.Backend;
import org.glyphocr.backend.BackendProvider;
import org.glyphocr.backend.BackendUnavailableException;
import org.glyphocr.nn.Architecture;

/**
 * Registers {@link GpuBackend} with {@link org.glyphocr.backend.Backends}: available where JCuda's
 * natives load, the NVIDIA driver starts and reports a device. Ranked above the CPU, but chosen
 * automatically only for networks large enough to gain from it ({@link #suits}).
 */
public final class GpuBackendProvider implements BackendProvider {
    /**
     * Networks with fewer parameters stay on the CPU under {@code --backend auto}: per step, a GPU
     * pays a kernel launch per operation and a copy each way, which small products cannot repay.
     * Provisional: 400-256-256-10 (170 k parameters) runs at about 80 k samples/s on one CPU core
     * (batch 64), and the crossover has yet to be measured on a GPU (see the README).
     */
    public static final long MIN_AUTO_PARAMETERS = 1_000_000;

    @Override
    public String name() {
        return "gpu";
    }

    @Override
    public int rank() {
        return 10;
    }

    @Override
    public String unavailableReason() {
        return CudaProbe.result().unavailableReason();
    }

    @Override
    public boolean suits(Architecture architecture) {
        return architecture.parameterCount() >= MIN_AUTO_PARAMETERS;
    }

    @Override
    public Backend create() throws BackendUnavailableException {
        String reason = unavailableReason();
        if (reason != null) throw new BackendUnavailableException("gpu backend unavailable: " + reason);
        try {
            return new GpuBackend(GpuDevice.first());
        } catch (CudaException | LinkageError e) {
            throw new BackendUnavailableException("gpu backend unavailable: " + e.getMessage());
        }
    }
}

package org.glyphocr.backend.cpu;

import org.glyphocr.backend.Backend;
import org.glyphocr.backend.BackendContractTest;

class CpuBackendContractTest extends BackendContractTest {
    @Override
    protected Backend backend() {
        return new CpuBackend();
    }
}

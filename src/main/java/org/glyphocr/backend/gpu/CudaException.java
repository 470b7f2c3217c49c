package org.glyphocr.backend.gpu;

/** A CUDA or cuBLAS call failed; the message names the call and the error. */
public final class CudaException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CudaException(String message) {
        super(message);
    }
}

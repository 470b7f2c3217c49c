package org.glyphocr.backend.gpu;

import jcuda.driver.CUresult;

/** Status checks for driver API and cuBLAS calls, which report errors as return codes. */
final class Cuda {
    private Cuda() {
    }

    /** @throws CudaException naming {@code call} and the error, unless {@code status} is success */
    static void check(int status, String call) {
        if (status != CUresult.CUDA_SUCCESS) throw new CudaException(call + " failed: " + CUresult.stringFor(status));
    }

    /** As {@link #check}, for cuBLAS status codes. */
    static void checkBlas(int status, String call) {
        if (status != jcuda.jcublas.cublasStatus.CUBLAS_STATUS_SUCCESS) {
            throw new CudaException(call + " failed: " + jcuda.jcublas.cublasStatus.stringFor(status));
        }
    }
}

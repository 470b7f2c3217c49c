package org.glyphocr.backend.gpu;

import java.nio.charset.StandardCharsets;
import jcuda.driver.CUdevice;
import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;

/** Status checks for driver API and cuBLAS calls, which report errors as return codes. */
final class Cuda {
    private Cuda() {
    }

    /** @throws CudaException naming {@code call} and the error, unless {@code status} is success */
    static void check(int status, String call) {
        if (status != CUresult.CUDA_SUCCESS) throw new CudaException(call + " failed: " + CUresult.stringFor(status));
    }

    /** The device's name as the driver reports it, such as {@code NVIDIA H200}. */
    static String deviceName(CUdevice device) {
        byte[] name = new byte[256];
        check(JCudaDriver.cuDeviceGetName(name, name.length, device), "cuDeviceGetName");
        int length = 0;
        while (length < name.length && name[length] != 0) length++;
        return new String(name, 0, length, StandardCharsets.US_ASCII);
    }

    /** As {@link #check}, for cuBLAS status codes. */
    static void checkBlas(int status, String call) {
        if (status != jcuda.jcublas.cublasStatus.CUBLAS_STATUS_SUCCESS) {
            throw new CudaException(call + " failed: " + jcuda.jcublas.cublasStatus.stringFor(status));
        }
    }
}

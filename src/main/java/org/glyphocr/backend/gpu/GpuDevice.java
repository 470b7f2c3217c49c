package org.glyphocr.backend.gpu;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.JCudaDriver;
import jcuda.jcublas.JCublas2;
import jcuda.jcublas.cublasHandle;

/**
 * One CUDA device as the backend uses it: its primary context (shared with the runtime API and
 * cuBLAS), the project's kernels loaded from PTX, and which matrix product runs there. Opened once
 * per backend; immutable afterwards, and the context lives as long as the process.
 */
final class GpuDevice {
    /** The PTX of {@code src/main/cuda/mlp.cu}, built by {@code src/main/cuda/build-ptx.sh}. */
    static final String PTX_RESOURCE = "mlp.ptx";

    final int ordinal;
    final String name;
    final CUcontext context;
    final CUmodule module;
    /** {@code null} when cuBLAS runs the matrix products, else why the project's own kernel does. */
    final String cublasUnavailableReason;

    private GpuDevice(int ordinal, String name, CUcontext context, CUmodule module, String cublasUnavailableReason) {
        this.ordinal = ordinal;
        this.name = name;
        this.context = context;
        this.module = module;
        this.cublasUnavailableReason = cublasUnavailableReason;
    }

    /** Device 0, opened once per class loader: every backend made after shares its kernels and context. */
    private static final class First {
        static final GpuDevice DEVICE;
        static final String FAILURE;

        static {
            GpuDevice device = null;
            String failure = null;
            try {
                device = open(0);
            } catch (CudaException | LinkageError e) {
                failure = e.getMessage();
            }
            DEVICE = device;
            FAILURE = failure;
        }
    }

    /**
     * Device 0, opened on first use and shared after, so that many recognizers do not each load the
     * kernels again.
     *
     * @throws CudaException if it cannot be used, with the reason found when it was first opened
     */
    static GpuDevice first() {
        if (First.DEVICE == null) throw new CudaException(First.FAILURE);
        return First.DEVICE;
    }

    /**
     * Retains device {@code ordinal}'s primary context, loads the kernels and tries cuBLAS once.
     *
     * @throws CudaException if the device cannot be used
     */
    static GpuDevice open(int ordinal) {
        return open(ordinal, true);
    }

    /** As {@link #open(int)}; without {@code tryCublas} the project's own SGEMM kernel runs, for tests of that path. */
    static GpuDevice open(int ordinal, boolean tryCublas) {
        CUdevice device = new CUdevice();
        Cuda.check(JCudaDriver.cuDeviceGet(device, ordinal), "cuDeviceGet(" + ordinal + ")");
        String name = Cuda.deviceName(device);
        CUcontext context = new CUcontext();
        Cuda.check(JCudaDriver.cuDevicePrimaryCtxRetain(context, device), "cuDevicePrimaryCtxRetain");
        Cuda.check(JCudaDriver.cuCtxSetCurrent(context), "cuCtxSetCurrent");
        CUmodule module = new CUmodule();
        Cuda.check(JCudaDriver.cuModuleLoadData(module, ptx()), "cuModuleLoadData(" + PTX_RESOURCE + ")");
        return new GpuDevice(ordinal, name, context, module, tryCublas ? Cublas.UNAVAILABLE : "cuBLAS was switched off");
    }

    /** Makes this device's context current on the calling thread, as every call into CUDA needs. */
    void makeCurrent() {
        Cuda.check(JCudaDriver.cuCtxSetCurrent(context), "cuCtxSetCurrent");
    }

    CUfunction function(String name) {
        CUfunction f = new CUfunction();
        Cuda.check(JCudaDriver.cuModuleGetFunction(f, module, name), "cuModuleGetFunction(" + name + ")");
        return f;
    }

    /** How the matrix products run, for the backend's description. */
    String gemmPath() {
        return cublasUnavailableReason == null ? "cuBLAS SGEMM" : "own tiled SGEMM kernel, since " + cublasUnavailableReason;
    }

    /** The cuBLAS probe, once per class loader: a native library that failed to load cannot be retried. */
    private static final class Cublas {
        /** Probed with the first device's context current, from {@link #open}. */
        static final String UNAVAILABLE = probeCublas();
    }

    /**
     * {@code null} if a cuBLAS handle can be made here, else why not. JCublas 12.6's natives link
     * against {@code libcublas.so.12}; a machine with only CUDA 13's libraries cannot load them.
     */
    private static String probeCublas() {
        try {
            cublasHandle handle = new cublasHandle();
            int status = JCublas2.cublasCreate(handle);
            if (status != jcuda.jcublas.cublasStatus.CUBLAS_STATUS_SUCCESS) {
                return "cublasCreate failed: " + jcuda.jcublas.cublasStatus.stringFor(status);
            }
            JCublas2.cublasDestroy(handle);
            return null;
        } catch (LinkageError e) {
            String text = String.valueOf(e.getMessage());
            return text.contains("libcublas.so.12") || text.contains("libcublas")
                    ? "libcublas.so.12 (cuBLAS 12, which JCublas 12.6 needs) could not be loaded"
                    : "JCublas could not be loaded (" + CudaProbe.firstLine(text) + ")";
        }
    }

    /** The PTX as the driver wants it: bytes ending in a NUL. */
    private static byte[] ptx() {
        try (InputStream in = GpuDevice.class.getResourceAsStream(PTX_RESOURCE)) {
            if (in == null) throw new CudaException("the GPU kernels " + PTX_RESOURCE + " are missing from the class path");
            byte[] bytes = in.readAllBytes();
            return Arrays.copyOf(bytes, bytes.length + 1);
        } catch (IOException e) {
            throw new CudaException("cannot read the GPU kernels " + PTX_RESOURCE + ": " + e.getMessage());
        }
    }
}

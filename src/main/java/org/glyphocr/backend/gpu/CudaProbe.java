package org.glyphocr.backend.gpu;

import java.util.Locale;
import jcuda.driver.CUdevice;
import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;

/**
 * Finds out once whether this machine can run the GPU backend, and if not, says what is missing
 * (driver, device, library) and how to fix it. Loading JCuda's natives needs the NVIDIA driver's
 * {@code libcuda.so.1}; without it the load fails, and that failure is what most machines without a
 * GPU report here.
 */
final class CudaProbe {
    /** Driver version (CUDA's {@code 1000·major + 10·minor}) whose JIT compiler reads PTX from CUDA 13. */
    static final int MIN_DRIVER_VERSION = 13000;

    /**
     * What the probe found.
     *
     * @param unavailableReason {@code null} when the backend can run, else one sentence for the user
     * @param devices CUDA devices the driver reports
     * @param deviceName the first device's name, or empty
     * @param driverVersion the driver's CUDA version, e.g. 13000 for 13.0; 0 if unknown
     */
    record Result(String unavailableReason, int devices, String deviceName, int driverVersion) {
        static Result unavailable(String reason) {
            return new Result(reason, 0, "", 0);
        }
    }

    /** The probe runs at most once per class loader: loading natives and starting the driver are not repeatable. */
    private static final class Once {
        static final Result RESULT = probe();
    }

    private CudaProbe() {
    }

    static Result result() {
        return Once.RESULT;
    }

    private static Result probe() {
        try {
            int status = JCudaDriver.cuInit(0);
            if (status == CUresult.CUDA_ERROR_NO_DEVICE) {
                return Result.unavailable("the NVIDIA driver is installed but found no CUDA device (cuInit: CUDA_ERROR_NO_DEVICE);"
                        + " check that the card is visible to this process (nvidia-smi, CUDA_VISIBLE_DEVICES, container --gpus), or use --backend cpu");
            }
            if (status != CUresult.CUDA_SUCCESS) {
                return Result.unavailable("the CUDA driver did not start (cuInit: " + CUresult.stringFor(status)
                        + "); check the NVIDIA driver installation with nvidia-smi, or use --backend cpu");
            }
            int[] count = new int[1];
            Cuda.check(JCudaDriver.cuDeviceGetCount(count), "cuDeviceGetCount");
            if (count[0] == 0) {
                return Result.unavailable("the CUDA driver reports no device; check nvidia-smi and CUDA_VISIBLE_DEVICES, or use --backend cpu");
            }
            int[] version = new int[1];
            Cuda.check(JCudaDriver.cuDriverGetVersion(version), "cuDriverGetVersion");
            CUdevice device = new CUdevice();
            Cuda.check(JCudaDriver.cuDeviceGet(device, 0), "cuDeviceGet");
            String deviceName = Cuda.deviceName(device);
            if (version[0] < MIN_DRIVER_VERSION) {
                return new Result("the NVIDIA driver supports CUDA " + cudaVersion(version[0]) + ", but the backend's kernels need CUDA "
                        + cudaVersion(MIN_DRIVER_VERSION) + " (driver R580 or later); update the driver, or use --backend cpu",
                        count[0], deviceName, version[0]);
            }
            return new Result(null, count[0], deviceName, version[0]);
        } catch (LinkageError | CudaException e) {
            return Result.unavailable(explainLoadFailure(e));
        }
    }

    /** {@code 13000} as {@code 13.0}. */
    static String cudaVersion(int version) {
        return (version / 1000) + "." + (version % 1000) / 10;
    }

    /**
     * One sentence for a failure to load or start JCuda, naming what is missing. JCuda reports a
     * failed native load as a long message with nested stack traces; the part that matters is the
     * system library the dynamic linker could not find.
     */
    static String explainLoadFailure(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) all.append(t.getMessage()).append('\n');
        String text = all.toString();
        if (text.contains("libcuda.so")) {
            return "the NVIDIA driver's library libcuda.so.1 was not found (no NVIDIA driver on this machine, or not on the"
                    + " library path); install the NVIDIA driver (R580 or later) to use the GPU, or use --backend cpu";
        }
        if (e instanceof NoClassDefFoundError && text.contains("jcuda")) {
            return "JCuda is not on the class path (" + firstLine(text) + "); add org.jcuda:jcuda 12.6.0 to the"
                    + " application, or use --backend cpu";
        }
        String platform = System.getProperty("os.name") + " " + System.getProperty("os.arch");
        return "JCuda's native library could not be loaded on " + platform.toLowerCase(Locale.ROOT)
                + " (" + firstLine(text) + "); JCuda 12.6 ships natives for Linux x86-64, or use --backend cpu";
    }

    /** The first line of a multi-line message, such as the JVM's report of a failed native load. */
    static String firstLine(String text) {
        int end = text.indexOf('\n');
        return (end < 0 ? text : text.substring(0, end)).strip();
    }
}

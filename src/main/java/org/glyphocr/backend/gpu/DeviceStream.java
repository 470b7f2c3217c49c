package org.glyphocr.backend.gpu;

import jcuda.Pointer;
import jcuda.Sizeof;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUfunction;
import jcuda.driver.CUstream;
import jcuda.driver.JCudaDriver;
import jcuda.jcublas.JCublas2;
import jcuda.jcublas.cublasHandle;
import jcuda.jcublas.cublasOperation;
import jcuda.runtime.cudaStream_t;
import org.glyphocr.nn.Activation;
import org.glyphocr.nn.Loss;

/**
 * The operations a network needs, queued on one CUDA stream of one device: row-major matrix
 * products (cuBLAS or the project's {@code sgemm_tiled}), the kernels of {@code mlp.cu}, copies and
 * allocation. Calls return once the work is queued; {@link #synchronize()} waits for it. One thread
 * at a time, with the device's context current ({@link GpuDevice#makeCurrent()}).
 */
final class DeviceStream implements AutoCloseable {
    private static final int THREADS = 256;
    /** Grid-stride kernels need no more blocks than this to fill any current GPU. */
    private static final int MAX_BLOCKS = 4096;
    /** Blocks of {@code sum_squares}, and so partial sums to add on the host. */
    static final int SQUARE_BLOCKS = 256;

    private final GpuDevice device;
    final CUstream stream = new CUstream();
    private final cublasHandle blas;
    private final CUfunction sgemm;
    private final CUfunction biasActivate;
    private final CUfunction biasSoftmax;
    private final CUfunction outputDelta;
    private final CUfunction activationBackward;
    private final CUfunction columnSums;
    private final CUfunction addScaled;
    private final CUfunction momentumStep;
    private final CUfunction sumSquares;
    private final CUdeviceptr squarePartials;
    private final double[] squarePartialsHost = new double[SQUARE_BLOCKS];
    private boolean closed;

    DeviceStream(GpuDevice device) {
        this.device = device;
        device.makeCurrent();
        Cuda.check(JCudaDriver.cuStreamCreate(stream, 0), "cuStreamCreate");
        if (device.cublasUnavailableReason == null) {
            blas = new cublasHandle();
            Cuda.checkBlas(JCublas2.cublasCreate(blas), "cublasCreate");
            Cuda.checkBlas(JCublas2.cublasSetStream(blas, new cudaStream_t(stream)), "cublasSetStream");
        } else {
            blas = null;
        }
        sgemm = device.function("sgemm_tiled");
        biasActivate = device.function("bias_activate");
        biasSoftmax = device.function("bias_softmax");
        outputDelta = device.function("output_delta");
        activationBackward = device.function("activation_backward");
        columnSums = device.function("column_sums");
        addScaled = device.function("add_scaled");
        momentumStep = device.function("momentum_step");
        sumSquares = device.function("sum_squares");
        squarePartials = allocate((long) SQUARE_BLOCKS * Sizeof.DOUBLE);
    }

    GpuDevice device() {
        return device;
    }

    /** Device memory of {@code bytes} bytes, not initialised. */
    CUdeviceptr allocate(long bytes) {
        CUdeviceptr p = new CUdeviceptr();
        Cuda.check(JCudaDriver.cuMemAlloc(p, Math.max(bytes, 4)), "cuMemAlloc(" + bytes + " bytes)");
        return p;
    }

    CUdeviceptr allocateFloats(long count) {
        return allocate(count * Sizeof.FLOAT);
    }

    static void free(CUdeviceptr p) {
        if (p != null) JCudaDriver.cuMemFree(p);
    }

    /**
     * Copies to the device, after the work queued before it (the stream blocks on the legacy
     * default stream that the synchronous copy uses). Synchronous, because a Java array is pinned
     * only for the duration of the call; overlapping uploads with compute needs pinned host
     * buffers, which is still to do.
     */
    void upload(float[] host, int count, CUdeviceptr device) {
        Cuda.check(JCudaDriver.cuMemcpyHtoD(device, Pointer.to(host), (long) count * Sizeof.FLOAT), "cuMemcpyHtoD");
    }

    void upload(int[] host, int count, CUdeviceptr device) {
        Cuda.check(JCudaDriver.cuMemcpyHtoD(device, Pointer.to(host), (long) count * Sizeof.INT), "cuMemcpyHtoD");
    }

    /**
     * Copies to the host once everything queued before is done. Synchronous: a Java array is only
     * pinned for the duration of the call, so the copy must finish within it.
     */
    void download(CUdeviceptr device, float[] host, int count) {
        synchronize();
        Cuda.check(JCudaDriver.cuMemcpyDtoH(Pointer.to(host), device, (long) count * Sizeof.FLOAT), "cuMemcpyDtoH");
    }

    void download(CUdeviceptr device, double[] host, int count) {
        synchronize();
        Cuda.check(JCudaDriver.cuMemcpyDtoH(Pointer.to(host), device, (long) count * Sizeof.DOUBLE), "cuMemcpyDtoH");
    }

    void download(CUdeviceptr device, int[] host, int count) {
        synchronize();
        Cuda.check(JCudaDriver.cuMemcpyDtoH(Pointer.to(host), device, (long) count * Sizeof.INT), "cuMemcpyDtoH");
    }

    void zero(CUdeviceptr p, long floats) {
        Cuda.check(JCudaDriver.cuMemsetD32Async(p, 0, floats, stream), "cuMemsetD32Async");
    }

    void synchronize() {
        Cuda.check(JCudaDriver.cuStreamSynchronize(stream), "cuStreamSynchronize");
    }

    /**
     * Row-major {@code C = op(A)·op(B)}: {@code op(A)} is {@code m × k}, {@code op(B)} {@code k × n}.
     * With {@code transA}, {@code A} is stored {@code k × m}; likewise {@code B}.
     */
    void gemm(boolean transA, boolean transB, int m, int n, int k, CUdeviceptr a, CUdeviceptr b, CUdeviceptr c) {
        int lda = transA ? m : k;
        int ldb = transB ? k : n;
        if (blas != null) {
            // Column-major cuBLAS sees each row-major matrix transposed: C^T = op(B)^T · op(A)^T.
            Cuda.checkBlas(JCublas2.cublasSgemm(blas,
                    transB ? cublasOperation.CUBLAS_OP_T : cublasOperation.CUBLAS_OP_N,
                    transA ? cublasOperation.CUBLAS_OP_T : cublasOperation.CUBLAS_OP_N,
                    n, m, k, Pointer.to(new float[] {1f}), b, ldb, a, lda, Pointer.to(new float[] {0f}), c, n), "cublasSgemm");
            return;
        }
        launch(sgemm, ceilDiv(n, 64), ceilDiv(m, 64), 16, 16, Pointer.to(
                ints(transA ? 1 : 0), ints(transB ? 1 : 0), ints(m), ints(n), ints(k), floats(1f),
                Pointer.to(a), ints(lda), Pointer.to(b), ints(ldb), floats(0f), Pointer.to(c), ints(n)));
    }

    /** {@code z = f(z + bias)} row by row, softmax included. */
    void biasAndActivate(CUdeviceptr z, CUdeviceptr bias, int rows, int cols, Activation activation) {
        if (activation == Activation.SOFTMAX) {
            launch(biasSoftmax, ceilDiv(rows, THREADS), 1, THREADS, 1,
                    Pointer.to(Pointer.to(z), Pointer.to(bias), ints(rows), ints(cols)));
            return;
        }
        launch(biasActivate, blocks((long) rows * cols), 1, THREADS, 1,
                Pointer.to(Pointer.to(z), Pointer.to(bias), ints(rows), ints(cols), ints(code(activation))));
    }

    /** Output deltas, per-sample losses and correctness flags (see {@code output_delta} in mlp.cu). */
    void outputDelta(CUdeviceptr outputs, CUdeviceptr targets, int rows, int units, Loss loss, Activation activation,
                     float scale, CUdeviceptr delta, CUdeviceptr sampleLoss, CUdeviceptr correct) {
        launch(outputDelta, ceilDiv(rows, THREADS), 1, THREADS, 1, Pointer.to(
                Pointer.to(outputs), Pointer.to(targets), ints(rows), ints(units), ints(loss == Loss.CROSS_ENTROPY ? 0 : 1),
                ints(code(activation)), floats(scale), Pointer.to(delta), Pointer.to(sampleLoss), Pointer.to(correct)));
    }

    void multiplyByDerivative(CUdeviceptr activations, CUdeviceptr delta, int n, Activation activation) {
        launch(activationBackward, blocks(n), 1, THREADS, 1,
                Pointer.to(Pointer.to(activations), Pointer.to(delta), ints(n), ints(code(activation))));
    }

    void columnSums(CUdeviceptr m, int rows, int cols, CUdeviceptr out) {
        launch(columnSums, ceilDiv(cols, THREADS), 1, THREADS, 1,
                Pointer.to(Pointer.to(m), ints(rows), ints(cols), Pointer.to(out)));
    }

    void addScaled(CUdeviceptr g, float lambda, CUdeviceptr w, int n) {
        launch(addScaled, blocks(n), 1, THREADS, 1, Pointer.to(Pointer.to(g), floats(lambda), Pointer.to(w), ints(n)));
    }

    void momentumStep(CUdeviceptr w, CUdeviceptr g, CUdeviceptr v, int n, float lr, float mu, boolean nesterov) {
        launch(momentumStep, blocks(n), 1, THREADS, 1, Pointer.to(
                Pointer.to(w), Pointer.to(g), Pointer.to(v), ints(n), floats(lr), floats(mu), ints(nesterov ? 1 : 0)));
    }

    /** {@code Σ v²} over {@code n} values, in double; waits for the result. */
    double sumOfSquares(CUdeviceptr v, int n) {
        launch(sumSquares, SQUARE_BLOCKS, 1, THREADS, 1, Pointer.to(Pointer.to(v), ints(n), Pointer.to(squarePartials)));
        download(squarePartials, squarePartialsHost, SQUARE_BLOCKS);
        double s = 0;
        for (double p : squarePartialsHost) s += p;
        return s;
    }

    private void launch(CUfunction f, int gridX, int gridY, int blockX, int blockY, Pointer parameters) {
        Cuda.check(JCudaDriver.cuLaunchKernel(f, gridX, gridY, 1, blockX, blockY, 1, 0, stream, parameters, null), "cuLaunchKernel");
    }

    private static int blocks(long n) {
        return (int) Math.max(1, Math.min(MAX_BLOCKS, (n + THREADS - 1) / THREADS));
    }

    private static int ceilDiv(int a, int b) {
        return Math.max(1, (a + b - 1) / b);
    }

    private static Pointer ints(int v) {
        return Pointer.to(new int[] {v});
    }

    private static Pointer floats(float v) {
        return Pointer.to(new float[] {v});
    }

    /** The activation codes of mlp.cu. */
    static int code(Activation activation) {
        return switch (activation) {
            case SIGMOID -> 0;
            case TANH -> 1;
            case RELU -> 2;
            case SOFTMAX -> 3;
        };
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        device.makeCurrent();
        free(squarePartials);
        if (blas != null) JCublas2.cublasDestroy(blas);
        JCudaDriver.cuStreamDestroy(stream);
    }
}

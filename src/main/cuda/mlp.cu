// Device kernels of glyph-ocr's GPU backend (org.glyphocr.backend.gpu).
//
// Every matrix is row-major float32, as on the CPU backend. The host launches these through the
// CUDA driver API from the PTX that src/main/cuda/build-ptx.sh makes; edit this file, then run that
// script, and commit both (GpuKernelsSourceTest checks that the PTX was built from this source).
//
// Activation codes (org.glyphocr.nn.Activation): 0 sigmoid, 1 tanh, 2 relu, 3 softmax.
// Loss codes (org.glyphocr.nn.Loss): 0 cross-entropy, 1 sum of squares.

#define SIGMOID 0
#define TANH 1
#define RELU 2
#define SOFTMAX 3
#define CROSS_ENTROPY 0

// Keeps the logarithm finite when an output saturates at exactly 0 or 1 (Loss.LOG_FLOOR).
#define LOG_FLOOR 1e-12

// Square tile of the matrix-product kernel; each thread computes TILE_WORK x TILE_WORK outputs.
#define TILE 64
#define TILE_K 16
#define TILE_WORK 4

extern "C" {

// C = alpha * op(A) * op(B) + beta * C, row-major: op(A) is M x K, op(B) is K x N, C is M x N.
// transA: A is stored K x M (lda >= M); else M x K (lda >= K). Likewise transB.
// The project's own SGEMM, used where cuBLAS 12 cannot be loaded. Blocks of 16 x 16 threads compute
// 64 x 64 tiles of C from 64 x 16 and 16 x 64 panels of A and B staged in shared memory.
__global__ void sgemm_tiled(int transA, int transB, int M, int N, int K, float alpha,
                            const float* __restrict__ A, int lda, const float* __restrict__ B, int ldb,
                            float beta, float* __restrict__ C, int ldc) {
    __shared__ float As[TILE_K][TILE + 1];
    __shared__ float Bs[TILE_K][TILE + 1];
    const int tx = threadIdx.x;  // 0..15, along N
    const int ty = threadIdx.y;  // 0..15, along M
    const int row0 = blockIdx.y * TILE;
    const int col0 = blockIdx.x * TILE;
    const int tid = ty * 16 + tx;
    float acc[TILE_WORK][TILE_WORK];
    for (int i = 0; i < TILE_WORK; i++)
        for (int j = 0; j < TILE_WORK; j++) acc[i][j] = 0.0f;

    for (int k0 = 0; k0 < K; k0 += TILE_K) {
        // 256 threads load 64 x 16 values of each panel, 4 each.
        for (int e = tid; e < TILE * TILE_K; e += 256) {
            int m = e / TILE_K;  // 0..63
            int k = e % TILE_K;  // 0..15
            int gm = row0 + m;
            int gk = k0 + k;
            float a = 0.0f;
            if (gm < M && gk < K) a = transA ? A[(size_t) gk * lda + gm] : A[(size_t) gm * lda + gk];
            As[k][m] = a;
            int n = e / TILE_K;
            int gn = col0 + n;
            float b = 0.0f;
            if (gn < N && gk < K) b = transB ? B[(size_t) gn * ldb + gk] : B[(size_t) gk * ldb + gn];
            Bs[k][n] = b;
        }
        __syncthreads();
        for (int k = 0; k < TILE_K; k++) {
            float a[TILE_WORK];
            float b[TILE_WORK];
            for (int i = 0; i < TILE_WORK; i++) a[i] = As[k][ty + 16 * i];
            for (int j = 0; j < TILE_WORK; j++) b[j] = Bs[k][tx + 16 * j];
            for (int i = 0; i < TILE_WORK; i++)
                for (int j = 0; j < TILE_WORK; j++) acc[i][j] = fmaf(a[i], b[j], acc[i][j]);
        }
        __syncthreads();
    }
    for (int i = 0; i < TILE_WORK; i++) {
        int gm = row0 + ty + 16 * i;
        if (gm >= M) continue;
        for (int j = 0; j < TILE_WORK; j++) {
            int gn = col0 + tx + 16 * j;
            if (gn >= N) continue;
            float* c = &C[(size_t) gm * ldc + gn];
            *c = beta == 0.0f ? alpha * acc[i][j] : alpha * acc[i][j] + beta * *c;
        }
    }
}

// z[r][j] = f(z[r][j] + bias[j]) for an element-wise activation (not softmax).
__global__ void bias_activate(float* z, const float* __restrict__ bias, int rows, int cols, int activation) {
    size_t n = (size_t) rows * cols;
    for (size_t i = blockIdx.x * (size_t) blockDim.x + threadIdx.x; i < n; i += (size_t) gridDim.x * blockDim.x) {
        float v = z[i] + bias[i % cols];
        switch (activation) {
            case SIGMOID: v = 1.0f / (1.0f + expf(-v)); break;
            case TANH: v = tanhf(v); break;
            case RELU: v = fmaxf(v, 0.0f); break;
            default: break;
        }
        z[i] = v;
    }
}

// z[r] = softmax(z[r] + bias), one thread per row (outputs are classes: tens to hundreds).
__global__ void bias_softmax(float* z, const float* __restrict__ bias, int rows, int cols) {
    int r = blockIdx.x * blockDim.x + threadIdx.x;
    if (r >= rows) return;
    float* row = z + (size_t) r * cols;
    float max = -INFINITY;
    for (int j = 0; j < cols; j++) {
        float v = row[j] + bias[j];
        row[j] = v;
        max = fmaxf(max, v);
    }
    double sum = 0.0;
    for (int j = 0; j < cols; j++) {
        float e = expf(row[j] - max);
        row[j] = e;
        sum += e;
    }
    float scale = (float) (1.0 / sum);
    for (int j = 0; j < cols; j++) row[j] *= scale;
}

__device__ double target_value(int units, int j, int target) {
    if (units == 1) return target;
    return j == target ? 1.0 : 0.0;
}

__device__ double derivative_from_output(int activation, double a) {
    switch (activation) {
        case SIGMOID: return a * (1 - a);
        case TANH: return 1 - a * a;
        case RELU: return a > 0 ? 1 : 0;
        default: return 1;
    }
}

// For each sample (one thread per row): its loss, whether its most probable class is the target,
// and the output deltas scale * dL/dz, as org.glyphocr.nn.Loss defines them.
__global__ void output_delta(const float* __restrict__ out, const int* __restrict__ targets, int rows, int units,
                             int loss, int activation, float scale, float* __restrict__ delta,
                             double* __restrict__ sample_loss, int* __restrict__ correct) {
    int r = blockIdx.x * blockDim.x + threadIdx.x;
    if (r >= rows) return;
    const float* p = out + (size_t) r * units;
    float* d = delta + (size_t) r * units;
    int target = targets[r];
    double total = 0.0;
    for (int j = 0; j < units; j++) {
        double pj = p[j];
        double y = target_value(units, j, target);
        if (loss != CROSS_ENTROPY) {
            total += 0.5 * (pj - y) * (pj - y);
        } else if (activation == SOFTMAX) {
            if (y > 0) total += -y * log(fmax(pj, LOG_FLOOR));
        } else {
            total += -(y * log(fmax(pj, LOG_FLOOR)) + (1 - y) * log(fmax(1 - pj, LOG_FLOOR)));
        }
    }
    sample_loss[r] = total;
    int best = 0;
    if (units == 1) {
        best = p[0] >= 0.5f ? 1 : 0;
    } else {
        for (int j = 1; j < units; j++) if (p[j] > p[best]) best = j;
    }
    correct[r] = best == target ? 1 : 0;
    if (loss == CROSS_ENTROPY) {
        // Softmax with cross-entropy and sigmoid with binary cross-entropy share this gradient.
        for (int j = 0; j < units; j++) d[j] = scale * (p[j] - (float) target_value(units, j, target));
    } else if (activation == SOFTMAX) {
        double dot = 0.0;
        for (int j = 0; j < units; j++) dot += (p[j] - target_value(units, j, target)) * (double) p[j];
        for (int j = 0; j < units; j++) {
            double g = p[j] - target_value(units, j, target);
            d[j] = (float) (scale * p[j] * (g - dot));
        }
    } else {
        for (int j = 0; j < units; j++) {
            double g = p[j] - target_value(units, j, target);
            d[j] = (float) (scale * g * derivative_from_output(activation, p[j]));
        }
    }
}

// delta *= f'(z), given the activations a = f(z).
__global__ void activation_backward(const float* __restrict__ a, float* delta, int n, int activation) {
    for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += gridDim.x * blockDim.x) {
        float v = a[i];
        float d;
        switch (activation) {
            case SIGMOID: d = v * (1.0f - v); break;
            case TANH: d = 1.0f - v * v; break;
            case RELU: d = v > 0.0f ? 1.0f : 0.0f; break;
            default: d = 1.0f; break;
        }
        delta[i] *= d;
    }
}

// out[j] = sum over rows of m[r][j], one thread per column, rows in order.
__global__ void column_sums(const float* __restrict__ m, int rows, int cols, float* __restrict__ out) {
    int j = blockIdx.x * blockDim.x + threadIdx.x;
    if (j >= cols) return;
    float s = 0.0f;
    for (int r = 0; r < rows; r++) s += m[(size_t) r * cols + j];
    out[j] = s;
}

// g += lambda * w: the L2 term of the weights' gradient.
__global__ void add_scaled(float* g, float lambda, const float* __restrict__ w, int n) {
    for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += gridDim.x * blockDim.x) g[i] += lambda * w[i];
}

// v = mu v + g; w -= lr v (classical) or w -= lr (g + mu v) (Nesterov), as StepSettings defines.
__global__ void momentum_step(float* w, const float* __restrict__ g, float* v, int n, float lr, float mu, int nesterov) {
    for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += gridDim.x * blockDim.x) {
        float vi = mu * v[i] + g[i];
        v[i] = vi;
        w[i] -= nesterov ? lr * (g[i] + mu * vi) : lr * vi;
    }
}

// partials[blockIdx.x] = sum of v[i]^2 over this block's grid-stride share, in double.
// Launched with 256 threads per block.
__global__ void sum_squares(const float* __restrict__ v, int n, double* __restrict__ partials) {
    __shared__ double shared[256];
    double s = 0.0;
    for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += gridDim.x * blockDim.x) {
        double x = v[i];
        s += x * x;
    }
    shared[threadIdx.x] = s;
    __syncthreads();
    for (int stride = blockDim.x / 2; stride > 0; stride >>= 1) {
        if (threadIdx.x < stride) shared[threadIdx.x] += shared[threadIdx.x + stride];
        __syncthreads();
    }
    if (threadIdx.x == 0) partials[blockIdx.x] = shared[0];
}

}  // extern "C"

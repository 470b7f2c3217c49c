/*
 * Test-only stand-in for libcublas.so.12, never shipped: JCublas 12.6's natives need that library,
 * but a machine with only CUDA 13 has libcublas.so.13. This library defines the version node
 * libcublas.so.12 (see cublas12-forwarder.map) with the few cuBLAS calls the GPU backend makes, and
 * forwards each to libcublas.so.13, whose signatures for these calls are unchanged. JCublas's other
 * functions stay undefined; the JVM loads natives with lazy binding, so only calling one would fail.
 *
 * Built by build-cublas12-forwarder.sh. If libcublas.so.13 cannot be opened, every call returns
 * CUBLAS_STATUS_NOT_INITIALIZED, so a machine without it still shows that the forwarder loaded.
 */
#include <dlfcn.h>
#include <stddef.h>

#define CUBLAS_STATUS_NOT_INITIALIZED 1

static void *target(const char *name) {
    static void *library;
    if (library == NULL) library = dlopen("libcublas.so.13", RTLD_NOW | RTLD_LOCAL);
    return library == NULL ? NULL : dlsym(library, name);
}

typedef int (*create_fn)(void **);
typedef int (*destroy_fn)(void *);
typedef int (*set_stream_fn)(void *, void *);
typedef int (*sgemm_fn)(void *, int, int, int, int, int, const float *, const float *, int, const float *, int,
                        const float *, float *, int);

int cublasCreate_v2(void **handle) {
    create_fn f = (create_fn) target("cublasCreate_v2");
    return f == NULL ? CUBLAS_STATUS_NOT_INITIALIZED : f(handle);
}

int cublasDestroy_v2(void *handle) {
    destroy_fn f = (destroy_fn) target("cublasDestroy_v2");
    return f == NULL ? CUBLAS_STATUS_NOT_INITIALIZED : f(handle);
}

int cublasSetStream_v2(void *handle, void *stream) {
    set_stream_fn f = (set_stream_fn) target("cublasSetStream_v2");
    return f == NULL ? CUBLAS_STATUS_NOT_INITIALIZED : f(handle, stream);
}

int cublasSgemm_v2(void *handle, int transa, int transb, int m, int n, int k, const float *alpha, const float *a,
                   int lda, const float *b, int ldb, const float *beta, float *c, int ldc) {
    sgemm_fn f = (sgemm_fn) target("cublasSgemm_v2");
    return f == NULL ? CUBLAS_STATUS_NOT_INITIALIZED : f(handle, transa, transb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
}

/**
 * The GPU backend: JCuda and cuBLAS, with the project's CUDA kernels. Found by
 * {@link org.glyphocr.backend.Backends} through {@link java.util.ServiceLoader}; nothing outside
 * this package refers to it.
 */
package org.glyphocr.backend.gpu;

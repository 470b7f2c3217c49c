package org.glyphocr.backend.cpu;

import java.util.logging.Logger;

/**
 * Row-major float32 matrix products: {@code C = A·B}, {@code C = Aᵀ·B} and {@code C = A·Bᵀ}, the three
 * a dense layer needs. Two implementations compute exactly the same bits and differ only in speed:
 * {@link VectorGemm}, cache-blocked SIMD with the JDK's Vector API, used whenever the
 * {@code jdk.incubator.vector} module is present (run Java with
 * {@code --add-modules jdk.incubator.vector}); and {@link FloatGemm}, plain Java that HotSpot
 * vectorises by itself, everywhere else.
 *
 * <h2>Results</h2>
 * Element {@code c[i][j]} is always the same float: starting from 0, each product
 * {@code a[i][q]·b[q][j]} for {@code q = 0, 1, …} is added with one fused multiply-add
 * ({@code Math.fma}, rounded once), in order of {@code q}. The order depends only on the depth,
 * never on the blocking, the vector width, the orientation or whether {@code B} was packed in
 * advance, and Java's float arithmetic is the same on every machine, so the same inputs give the
 * same bits everywhere, with either implementation.
 *
 * <p>An instance is a workspace: it owns its packing buffers, grows them on first use and then
 * allocates nothing. It is not thread-safe; give each thread its own. Output arrays must not
 * overlap the inputs.
 */
abstract class Gemm {
    private static final Logger LOG = Logger.getLogger(Gemm.class.getName());
    private static final String VECTOR_MODULE = "jdk.incubator.vector";
    /** Whether the Vector API can run here ({@link VectorGemm}, {@link VectorMath}); decided once. */
    static final boolean SIMD = vectorAvailable();

    /** Weights packed once for repeated {@link #mult(int, float[], Packed, float[])} calls. Immutable. */
    interface Packed {
        /** Rows of the packed matrix {@code B}. */
        int k();

        /** Columns of the packed matrix {@code B}. */
        int n();
    }

    /** A new workspace of the fastest implementation available in this JVM. */
    static Gemm create() {
        return SIMD ? new VectorGemm() : new FloatGemm();
    }

    /** What {@link #create()} gives, for backend descriptions and benchmarks. */
    static String kernelName() {
        return SIMD ? VectorGemm.describe() : "Java GEMM, scalar (add --add-modules " + VECTOR_MODULE + " for SIMD)";
    }

    private static boolean vectorAvailable() {
        if (Boolean.getBoolean("glyphocr.scalarGemm")) return false;
        if (ModuleLayer.boot().findModule(VECTOR_MODULE).isEmpty()) {
            LOG.fine(() -> VECTOR_MODULE + " is not in the boot layer; matrix products use the scalar kernel");
            return false;
        }
        try {
            // Instantiated by name, so that this class links where the module is absent.
            Class.forName(Gemm.class.getPackageName() + ".VectorGemm").getDeclaredConstructor().newInstance();
            return true;
        } catch (ReflectiveOperationException | LinkageError e) {
            LOG.warning(() -> VECTOR_MODULE + " is present but the SIMD kernel could not start (" + e + "); using the scalar kernel");
            return false;
        }
    }

    /** Whether this is the Vector API implementation, whose companion {@link VectorMath} may then run too. */
    abstract boolean simd();

    /** Packs {@code B}, row-major {@code k × n}, for this implementation; {@code b} is copied. */
    abstract Packed pack(int k, int n, float[] b);

    /**
     * {@code C = A·B}.
     *
     * @param a row-major {@code m × k}; not modified
     * @param b row-major {@code k × n}; not modified
     * @param c row-major {@code m × n}; modified
     */
    abstract void mult(int m, int k, int n, float[] a, float[] b, float[] c);

    /**
     * {@code C = A·B} with {@code B} packed in advance by this implementation; the same bits as
     * {@link #mult(int, int, int, float[], float[], float[])}.
     *
     * @param a row-major {@code m × b.k()}; not modified
     * @param c row-major {@code m × b.n()}; modified
     */
    abstract void mult(int m, float[] a, Packed b, float[] c);

    /**
     * {@code C = Aᵀ·B}, as for weight gradients ({@code A} the layer's inputs, {@code B} its deltas).
     *
     * @param a row-major {@code m × k}; not modified
     * @param b row-major {@code m × n}; not modified
     * @param c row-major {@code k × n}; modified
     */
    abstract void multTransA(int m, int k, int n, float[] a, float[] b, float[] c);

    /**
     * {@code C = A·Bᵀ}, as for back-propagated deltas ({@code A} the deltas, {@code B} the weights).
     *
     * @param a row-major {@code m × n}; not modified
     * @param b row-major {@code k × n}; not modified
     * @param c row-major {@code m × k}; modified
     */
    abstract void multTransB(int m, int n, int k, float[] a, float[] b, float[] c);

    static void checkShape(String name, float[] x, int rows, int cols) {
        if (rows < 0 || cols < 0) throw new IllegalArgumentException(name + " must have non-negative dimensions, was " + rows + " × " + cols);
        if (x.length < (long) rows * cols) {
            throw new IllegalArgumentException(name + " holds " + x.length + " values, needs " + rows + " × " + cols);
        }
    }
}

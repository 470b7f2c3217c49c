package org.glyphocr.backend;

/**
 * Makes one kind of {@link Backend}; found through {@link java.util.ServiceLoader} so that optional
 * backends (the GPU) plug in by being on the class path, and nobody imports them.
 */
public interface BackendProvider {
    /** The backend's name, as {@link Backend#name()}. */
    String name();

    /** Preference when the choice is automatic: higher wins among available providers. */
    int rank();

    /**
     * Whether this machine can run the backend: {@code null} if it can, else one sentence saying
     * what is missing and how to fix it. Must be cheap and must not throw.
     */
    String unavailableReason();

    /**
     * Whether {@code auto} selection should use this backend for {@code architecture}: a GPU, say,
     * only gains on networks large enough to repay its per-step overhead. Default: always.
     */
    default boolean suits(org.glyphocr.nn.Architecture architecture) {
        return true;
    }

    /**
     * Creates the backend.
     *
     * @throws BackendUnavailableException when it cannot run here after all
     */
    Backend create() throws BackendUnavailableException;
}

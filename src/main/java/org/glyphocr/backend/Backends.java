package org.glyphocr.backend;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;

/**
 * Finds backends by name and rank.
 *
 * <pre>{@code
 * Backend cpu = Backends.named("cpu");
 * Backend best = Backends.best();          // the highest-ranked backend this machine can run
 * }</pre>
 */
public final class Backends {
    private Backends() {
    }

    /** Every provider on the class path, highest rank first. */
    public static List<BackendProvider> providers() {
        List<BackendProvider> list = new ArrayList<>();
        ServiceLoader.load(BackendProvider.class, Backends.class.getClassLoader()).forEach(list::add);
        list.sort(Comparator.comparingInt(BackendProvider::rank).reversed().thenComparing(BackendProvider::name));
        return list;
    }

    /**
     * The highest-ranked backend that can run here. The CPU backend always can.
     *
     * @throws IllegalStateException if not even the CPU backend is on the class path
     */
    public static Backend best() {
        for (BackendProvider p : providers()) {
            if (p.unavailableReason() != null) continue;
            try {
                return p.create();
            } catch (BackendUnavailableException e) {
                System.getLogger(Backends.class.getName()).log(System.Logger.Level.INFO,
                        "{0} backend skipped: {1}", p.name(), e.getMessage());
            }
        }
        throw new IllegalStateException("no backend can run on this machine; the cpu backend is missing from the class path");
    }

    /**
     * The backend of this name: {@code cpu}, {@code gpu} (when on the class path), or {@code auto}
     * for {@link #best()}.
     *
     * @throws BackendUnavailableException naming what is missing, if that backend cannot run here
     */
    public static Backend named(String name) throws BackendUnavailableException {
        String wanted = name.toLowerCase(Locale.ROOT);
        if (wanted.equals("auto")) return best();
        List<String> known = new ArrayList<>();
        for (BackendProvider p : providers()) {
            known.add(p.name());
            if (!p.name().equals(wanted)) continue;
            String reason = p.unavailableReason();
            if (reason != null) throw new BackendUnavailableException(wanted + " backend unavailable: " + reason);
            return p.create();
        }
        if (wanted.equals("gpu")) {
            throw new BackendUnavailableException("gpu backend unavailable: this build has no GPU backend on the class path; use --backend cpu");
        }
        throw new BackendUnavailableException("unknown backend '" + name + "'; available: auto, " + String.join(", ", known));
    }
}

package org.glyphocr.backend;

import org.glyphocr.nn.Architecture;

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
 * Backend best = Backends.best();                 // the highest-ranked backend this machine can run
 * Backend forNet = Backends.best(architecture);   // ... that also suits this network (what --backend auto does)
 * }</pre>
 *
 * <p>Automatic selection tells why it passed over a higher-ranked backend that suits the network but
 * cannot run here, in an {@code INFO} message on the {@link System.Logger} named after this class;
 * the chosen backend's {@link Backend#description()} says how it runs.
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
        return best(null);
    }

    /**
     * The highest-ranked backend that can run here and {@link BackendProvider#suits suits}
     * {@code architecture} (any, if it is {@code null}). The CPU backend always qualifies.
     *
     * @throws IllegalStateException if not even the CPU backend is on the class path
     */
    public static Backend best(Architecture architecture) {
        for (BackendProvider p : providers()) {
            // Size first: a network too small for a backend never makes it probe the hardware.
            if (architecture != null && !p.suits(architecture)) continue;
            String reason = p.unavailableReason();
            if (reason != null) {
                logSkipped(p.name() + " backend not used: " + reason);
                continue;
            }
            try {
                return p.create();
            } catch (BackendUnavailableException e) {
                logSkipped(p.name() + " backend not used: " + e.getMessage());
            }
        }
        throw new IllegalStateException("no backend can run on this machine; the cpu backend is missing from the class path");
    }

    private static void logSkipped(String message) {
        System.getLogger(Backends.class.getName()).log(System.Logger.Level.INFO, message);
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

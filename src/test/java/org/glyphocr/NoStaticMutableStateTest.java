package org.glyphocr;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No static mutable state anywhere in the library, so that recognizers and trainers in one JVM
 * (threads of a server, tests in parallel) cannot influence each other: every static field of every
 * class under {@code target/classes} is final and of a type whose instances cannot change, or, for
 * collections, holds an unmodifiable one; arrays only as private lookup tables. The few thread-safe holders of the JVM's own state (the
 * CUDA probe, the GPU device, the installed fonts) are listed below with the reason.
 */
class NoStaticMutableStateTest {
    /** Types whose instances cannot change, or which are documented thread-safe and configured once. */
    private static final Set<String> SAFE_TYPES = Set.of(
            "java.lang.String", "java.awt.Color", "java.awt.BasicStroke", "java.awt.Stroke", "java.util.regex.Pattern",
            "java.nio.ByteOrder", "java.util.Locale", "java.time.Duration",
            "jdk.incubator.vector.VectorSpecies",
            "com.fasterxml.jackson.databind.ObjectMapper", // thread-safe once configured; these are configured in their initialiser
            "com.fasterxml.jackson.core.JsonFactory", // likewise (each ObjectMapper holds one); ModelReader's is never configured
            "java.util.logging.Logger");
    /** Holders that exist to share one thing the JVM has once, each read-only after its initialiser. */
    private static final Set<String> SHARED_HOLDERS = Set.of(
            "org.glyphocr.backend.gpu.CudaProbe$Once", "org.glyphocr.backend.gpu.GpuDevice$First",
            "org.glyphocr.backend.gpu.GpuDevice$Cublas", "org.glyphocr.report.TextFonts$Installed");

    @Test
    void everyStaticFieldIsAConstant() throws Exception {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Class<?> c : libraryClasses()) {
            if (SHARED_HOLDERS.contains(c.getName())) continue;
            for (Field f : c.getDeclaredFields()) {
                int m = f.getModifiers();
                if (!Modifier.isStatic(m) || f.isSynthetic()) continue;
                checked++;
                String where = c.getName() + "." + f.getName();
                if (!Modifier.isFinal(m)) {
                    problems.add(where + " is not final");
                    continue;
                }
                Class<?> type = f.getType();
                if (type.isPrimitive() || type.isEnum() || type.isRecord() || SAFE_TYPES.contains(type.getName())
                        || Number.class.isAssignableFrom(type) && type.getName().startsWith("java.lang.")) {
                    continue;
                }
                if (type.isArray()) {
                    // A private array is a lookup table that its class fills in its initialiser and only reads.
                    if (!Modifier.isPrivate(m)) problems.add(where + " is an array that other classes can change");
                } else if (Collection.class.isAssignableFrom(type) || Map.class.isAssignableFrom(type)) {
                    f.setAccessible(true);
                    String held = f.get(null).getClass().getName();
                    if (!held.startsWith("java.util.ImmutableCollections") && !held.startsWith("java.util.Collections$Unmodifiable")) {
                        problems.add(where + " holds a modifiable " + held);
                    }
                } else if (!isImmutableLibraryType(type)) {
                    problems.add(where + " is a " + type.getName() + ", not known to be immutable");
                }
            }
        }
        assertTrue(checked > 50, "checked only " + checked + " static fields");
        assertEquals(List.of(), problems);
    }

    /** The library's own immutable value types and stateless singletons. */
    private static boolean isImmutableLibraryType(Class<?> type) {
        return Set.of("org.glyphocr.image.Preprocessor", "org.glyphocr.image.DecodeLimits", "org.glyphocr.image.ImageDecoder",
                "org.glyphocr.image.PreprocessSettings", "org.glyphocr.augment.AugmentSettings", "org.glyphocr.synth.SynthSettings",
                "org.glyphocr.train.TrainingListener", "org.glyphocr.Recognition", "org.glyphocr.augment.Distortion")
                .contains(type.getName());
    }

    private static List<Class<?>> libraryClasses() throws IOException, ClassNotFoundException {
        Path root = Path.of("target/classes");
        List<Class<?>> classes = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = root.relativize(p).toString().replace('/', '.').replace('\\', '.').replaceAll("\\.class$", "");
                if (name.startsWith("org.glyphocr.cli.")) continue; // the command line is an application, not the library
                classes.add(Class.forName(name, false, NoStaticMutableStateTest.class.getClassLoader()));
            }
        }
        return classes;
    }
}

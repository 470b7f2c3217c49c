package org.glyphocr.data;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The files of a dataset folder, grouped by label, without reading any image.
 *
 * <p>The convention: one subfolder per class, whose name is the label; unless the folder holds a
 * {@code labels.tsv} with a line {@code subfolder<TAB>label} for each class, which then gives the
 * labels (so that {@code a} and {@code A} can live on case-insensitive file systems). Blank lines
 * and lines starting with {@code #} are ignored. Image files are recognised by extension
 * ({@link #IMAGE_EXTENSIONS}); other files (READMEs, {@code .DS_Store}) and hidden entries are
 * ignored. Classes are ordered as in {@code labels.tsv}, otherwise by label; files by name.
 *
 * @param root the dataset folder
 * @param classes label to files, in class order
 */
public record DatasetFolder(Path root, Map<String, List<Path>> classes) {
    /** File name extensions read as images (lower case). */
    public static final Set<String> IMAGE_EXTENSIONS = Set.of("png", "bmp", "gif", "tif", "tiff", "pnm", "pbm", "pgm", "ppm", "jpg", "jpeg");
    /** The optional label file's name. */
    public static final String LABELS_FILE = "labels.tsv";

    public DatasetFolder {
        classes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(classes));
    }

    /**
     * Lists a dataset folder.
     *
     * @throws DatasetFormatException if the folder is missing, has no class with images, or its
     *     {@code labels.tsv} is malformed
     */
    public static DatasetFolder scan(Path root) throws IOException {
        if (!Files.exists(root)) throw new DatasetFormatException(root + ": dataset folder not found");
        if (!Files.isDirectory(root)) throw new DatasetFormatException(root + ": not a folder; a dataset is a folder with one subfolder per class");
        Map<String, String> labelBySubfolder = Files.isRegularFile(root.resolve(LABELS_FILE))
                ? readLabels(root.resolve(LABELS_FILE)) : null;
        List<Path> subfolders = new ArrayList<>();
        try (Stream<Path> s = Files.list(root)) {
            s.filter(Files::isDirectory).filter(p -> !isHidden(p)).sorted().forEach(subfolders::add);
        }
        Map<String, List<Path>> classes = new LinkedHashMap<>();
        if (labelBySubfolder != null) {
            for (Path sub : subfolders) {
                String name = sub.getFileName().toString();
                if (!labelBySubfolder.containsKey(name)) {
                    throw new DatasetFormatException(root.resolve(LABELS_FILE) + ": subfolder '" + name + "' has no line; add '"
                            + name + "<TAB>label'");
                }
            }
            for (Map.Entry<String, String> e : labelBySubfolder.entrySet()) {
                Path sub = root.resolve(e.getKey());
                if (!Files.isDirectory(sub)) {
                    throw new DatasetFormatException(root.resolve(LABELS_FILE) + ": subfolder '" + e.getKey() + "' does not exist");
                }
                classes.put(e.getValue(), imageFiles(sub));
            }
        } else {
            for (Path sub : subfolders) classes.put(sub.getFileName().toString(), imageFiles(sub));
            List<String> sorted = new ArrayList<>(classes.keySet());
            sorted.sort(null);
            Map<String, List<Path>> ordered = new LinkedHashMap<>();
            for (String label : sorted) ordered.put(label, classes.get(label));
            classes = ordered;
        }
        classes.values().removeIf(List::isEmpty);
        if (classes.isEmpty()) {
            throw new DatasetFormatException(root + ": no images found; a dataset is a folder with one subfolder of images per class");
        }
        return new DatasetFolder(root, classes);
    }

    /** Total number of image files. */
    public int fileCount() {
        return classes.values().stream().mapToInt(List::size).sum();
    }

    private static boolean isHidden(Path p) {
        return p.getFileName().toString().startsWith(".");
    }

    private static List<Path> imageFiles(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(Files::isRegularFile).filter(p -> !isHidden(p)).filter(DatasetFolder::hasImageExtension).sorted().toList();
        }
    }

    static boolean hasImageExtension(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && IMAGE_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /** Parses {@code labels.tsv}: subfolder to label, in file order. */
    static Map<String, String> readLabels(Path file) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new DatasetFormatException(file + ": not valid UTF-8 text", e);
        } catch (NoSuchFileException e) {
            throw new DatasetFormatException(file + ": file not found", e);
        }
        Map<String, String> labels = new LinkedHashMap<>();
        Map<String, Integer> lineOfLabel = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (i == 0 && line.startsWith("\uFEFF")) line = line.substring(1);
            if (line.endsWith("\r")) line = line.substring(0, line.length() - 1);
            if (line.isBlank() || line.startsWith("#")) continue;
            int lineNo = i + 1;
            String[] parts = line.split("\t", -1);
            if (parts.length != 2) {
                throw new DatasetFormatException(file + " line " + lineNo + ": expected 'subfolder<TAB>label', got '" + line + "'");
            }
            String sub = parts[0];
            String label = parts[1];
            if (sub.isEmpty() || label.isEmpty()) {
                throw new DatasetFormatException(file + " line " + lineNo + ": " + (sub.isEmpty() ? "subfolder" : "label") + " is empty");
            }
            if (sub.contains("/") || sub.contains("\\") || sub.equals("..") || sub.equals(".")) {
                throw new DatasetFormatException(file + " line " + lineNo + ": subfolder '" + sub + "' must be a plain folder name");
            }
            if (labels.containsKey(sub)) {
                throw new DatasetFormatException(file + " line " + lineNo + ": subfolder '" + sub + "' is listed twice");
            }
            Integer earlier = lineOfLabel.put(label, lineNo);
            if (earlier != null) {
                throw new DatasetFormatException(file + " line " + lineNo + ": label '" + label + "' is already given on line " + earlier);
            }
            labels.put(sub, label);
        }
        if (labels.isEmpty()) throw new DatasetFormatException(file + ": no 'subfolder<TAB>label' lines");
        return labels;
    }
}

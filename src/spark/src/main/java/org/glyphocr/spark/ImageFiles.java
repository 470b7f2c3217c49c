package org.glyphocr.spark;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The files under Hadoop paths, globs and folders, found as Spark's file sources find them. */
final class ImageFiles {
    private ImageFiles() {
    }

    /**
     * Every file that the given paths name or hold, folders walked recursively; names starting with
     * {@code .} or {@code _} below a given path are skipped (Spark's convention: {@code _SUCCESS},
     * {@code .part.crc}, half-copied files).
     *
     * @return qualified paths, e.g. {@code file:/data/glyphs/a.png} or {@code hdfs://nn/glyphs/a.png}
     * @throws FileNotFoundException if a path or glob matches nothing
     */
    static List<String> list(Configuration conf, String... paths) throws IOException {
        List<String> files = new ArrayList<>();
        for (String given : paths) {
            Path pattern = new Path(given);
            FileSystem fs = pattern.getFileSystem(conf);
            FileStatus[] matches = fs.globStatus(pattern);
            if (matches == null || matches.length == 0) throw new FileNotFoundException(given + ": no such file or folder");
            Arrays.sort(matches);
            for (FileStatus match : matches) {
                if (match.isDirectory()) addFolder(fs, match.getPath(), files);
                else files.add(match.getPath().toString());
            }
        }
        return files;
    }

    /**
     * A folder's files, its subfolders' after them, each in the order of their names. Walked with
     * {@code listStatus}, not {@code listFiles}: on the local file system, {@code listFiles} reads
     * every file's permissions by running {@code ls} once per file (700 files a second).
     */
    private static void addFolder(FileSystem fs, Path folder, List<String> files) throws IOException {
        FileStatus[] entries = fs.listStatus(folder);
        Arrays.sort(entries);
        List<Path> subfolders = new ArrayList<>();
        for (FileStatus entry : entries) {
            String name = entry.getPath().getName();
            if (name.startsWith(".") || name.startsWith("_")) continue;
            if (entry.isDirectory()) subfolders.add(entry.getPath());
            else files.add(entry.getPath().toString());
        }
        for (Path sub : subfolders) addFolder(fs, sub, files);
    }
}

package org.concretelab.ui.settings;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A most-recent-first list of files (or folders) kept in the settings; entries that no longer exist as such are
 * dropped.
 */
public final class RecentFiles {
    private final AppSettings settings;
    private final String key;
    private final int max;
    private final Predicate<Path> exists;

    /** Recent regular files. */
    public RecentFiles(AppSettings settings, String key, int max) {
        this(settings, key, max, Files::isRegularFile);
    }

    /** Recent paths that pass {@code exists} (e.g. {@code Files::isDirectory} for folders). */
    public RecentFiles(AppSettings settings, String key, int max, Predicate<Path> exists) {
        this.settings = settings;
        this.key = key;
        this.max = max;
        this.exists = exists;
    }

    /** The entries that still exist, most recent first (at most {@code max}). */
    public List<Path> list() {
        List<Path> out = new ArrayList<>();
        for (String s : settings.getList(key)) {
            try {
                Path p = Path.of(s);
                if (exists.test(p) && !out.contains(p) && out.size() < max) {
                    out.add(p);
                }
            } catch (InvalidPathException e) {
                // not a path on this system: drop it
            }
        }
        return out;
    }

    /** Puts {@code file} first. */
    public void add(Path file) {
        Path p = file.toAbsolutePath().normalize();
        List<Path> files = list();
        files.remove(p);
        files.add(0, p);
        store(files);
    }

    public void remove(Path file) {
        List<Path> files = list();
        files.remove(file.toAbsolutePath().normalize());
        store(files);
    }

    private void store(List<Path> files) {
        settings.putList(key, files.subList(0, Math.min(max, files.size())).stream().map(Path::toString).toList());
    }
}

package org.concretelab.ui.settings;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A most-recent-first list of files kept in the settings; files that no longer exist are dropped. */
public final class RecentFiles {
    private final AppSettings settings;
    private final String key;
    private final int max;

    public RecentFiles(AppSettings settings, String key, int max) {
        this.settings = settings;
        this.key = key;
        this.max = max;
    }

    /** The files that still exist, most recent first (at most {@code max}). */
    public List<Path> list() {
        List<Path> out = new ArrayList<>();
        for (String s : settings.getList(key)) {
            try {
                Path p = Path.of(s);
                if (Files.isRegularFile(p) && !out.contains(p) && out.size() < max) {
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

package org.concretelab.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.ReadOnlyFileSystemException;
import java.util.Locale;

/** Turns an I/O failure into the few words a user can act on: permission denied, no space left, … */
public final class IoProblems {

    private IoProblems() {
    }

    /** Why {@code e} (or the first I/O exception among its causes) happened, in plain words. */
    public static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof AccessDeniedException || t instanceof ReadOnlyFileSystemException) {
                return "permission denied";
            }
            if (t instanceof java.nio.file.FileAlreadyExistsException f) {
                return f.getFile() + " exists and is not a folder";
            }
            if (t instanceof NoSuchFileException n) {
                return "no such file or folder " + n.getFile();
            }
            String m = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if (m.contains("no space left") || m.contains("disk quota")) {
                return "no space left on the device";
            }
            if (m.contains("not a directory")) {
                return "a part of the path is a file, not a folder";
            }
            if (m.contains("read-only file system") || m.contains("permission denied")) {
                return "permission denied";
            }
            if (t instanceof FileSystemException f && f.getReason() != null) {
                return f.getReason();
            }
            if (t instanceof IOException || t instanceof UncheckedIOException) {
                if (t.getCause() == null && t.getMessage() != null) {
                    return t.getMessage();
                }
            }
        }
        return String.valueOf(e.getMessage());
    }
}

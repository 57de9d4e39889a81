package org.concretelab.train;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Atomic file writes: the content goes to a temp file beside the target, is forced to disk, then renamed over the
 * target, so a crash or a power cut leaves the previous file whole (never an empty or half-written one). Used by
 * checkpoints and by the reference model files.
 */
public final class AtomicFiles {

    /** Writes a file's content to the stream it is given (buffered; flushed and forced by {@link #write}). */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    /**
     * Writes {@code content} to {@code file} atomically, creating its folder. The file is an ordinary one others may
     * read (rw-r--r--), not owner-only like a temp file. On failure the temp file is removed and the exception passes
     * to the caller, which says what could not be written.
     */
    public static void write(Path file, Content content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            shareable(tmp);
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
                content.writeTo(out);
                out.flush();
                channel.force(true); // on disk before the rename, so a power cut cannot leave an empty file
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: a stray .tmp file is harmless, removed by the next run in this folder
                }
            }
        }
    }

    /**
     * Removes the temp files a killed {@link #write} of {@code file} left beside it ({@code <name><digits>.tmp}) that were
     * last modified before this process started, so never one a write running now (here or elsewhere) still fills.
     * Returns the names removed; a file that cannot be removed stays (it is harmless).
     */
    public static java.util.List<String> removeLeftovers(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        String name = file.getFileName().toString();
        java.util.regex.Pattern ours = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(name) + "-?\\d+\\.tmp");
        java.time.Instant start = java.time.Instant.ofEpochMilli(
                java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime());
        java.util.List<String> removed = new java.util.ArrayList<>();
        if (dir == null || !Files.isDirectory(dir)) {
            return removed;
        }
        try (java.nio.file.DirectoryStream<Path> files = Files.newDirectoryStream(dir, name + "*.tmp")) {
            for (Path p : files) {
                try {
                    if (ours.matcher(p.getFileName().toString()).matches()
                            && Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                            && Files.getLastModifiedTime(p).toInstant().isBefore(start) && Files.deleteIfExists(p)) {
                        removed.add(p.getFileName().toString());
                    }
                } catch (IOException stays) {
                    // not ours to fight over: it stays
                }
            }
        } catch (IOException unreadable) {
            // the write itself will say what is wrong with the folder
        }
        return removed;
    }

    /** Temp files are owner-only; the written file is an ordinary file others may read (rw-r--r--), like the CSV logs. */
    private static void shareable(Path tmp) throws IOException {
        if (tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
        }
    }
}

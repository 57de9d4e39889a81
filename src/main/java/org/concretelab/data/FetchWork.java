package org.concretelab.data;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A fetch's temp folder ({@code <prefix><digits>} in the temp directory), locked while the fetch runs, deleted when it
 * ends; and the clean-up of the folders killed fetches left. Shared by every dataset's fetcher.
 */
final class FetchWork implements AutoCloseable {
    private static final String LOCK = ".fetch.lock";

    private final Path dir;
    private final FileChannel held;

    private FetchWork(Path dir, FileChannel held) {
        this.dir = dir;
        this.held = held;
    }

    /** A new locked work folder named {@code prefix<digits>}. */
    static FetchWork start(String prefix) throws IOException {
        Path dir = Files.createTempDirectory(prefix);
        FileChannel held = null;
        try {
            held = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            held.lock(); // says "in use" to another fetch's clean-up; the OS drops it if this process is killed
            return new FetchWork(dir, held);
        } catch (IOException | RuntimeException e) {
            if (held != null) {
                held.close();
            }
            deleteQuietly(dir);
            throw e;
        }
    }

    Path dir() {
        return dir;
    }

    @Override
    public void close() {
        try {
            held.close();
        } catch (IOException ignored) {
            // released with the process anyway
        }
        deleteQuietly(dir);
    }

    /**
     * Removes the work folders ({@code <prefix><digits>}) that killed fetches left in {@code tmp}: only a folder of that
     * name, not a link, last modified before {@code before} (this process's start) and whose lock no fetch holds. A
     * folder without a lock (from a version that took none) is judged by its age alone. Returns the folders removed.
     */
    static List<Path> removeStale(Path tmp, Instant before, String prefix) {
        List<Path> removed = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(tmp, prefix + "*")) {
            for (Path d : dirs) {
                try {
                    if (d.getFileName().toString().matches(java.util.regex.Pattern.quote(prefix) + "\\d+")
                            && Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)
                            && Files.getLastModifiedTime(d, LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(before)
                            && !inUse(d)) {
                        deleteQuietly(d);
                        if (!Files.exists(d, LinkOption.NOFOLLOW_LINKS)) {
                            removed.add(d);
                        }
                    }
                } catch (IOException skip) {
                    // not readable as ours: left alone
                }
            }
        } catch (IOException unreadable) {
            // no temp folder to clean: the fetch itself will say what is wrong
        }
        return removed;
    }

    /** {@link #removeStale} in the JVM's temp directory, for folders older than this process. */
    static List<Path> removeStale(String prefix) {
        return removeStale(Path.of(System.getProperty("java.io.tmpdir")), processStart(), prefix);
    }

    /** Whether a fetch holds {@code work}'s lock (a folder without a lock file is not in use). */
    private static boolean inUse(Path work) throws IOException {
        Path lock = work.resolve(LOCK);
        if (!Files.isRegularFile(lock, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (FileChannel c = FileChannel.open(lock, StandardOpenOption.WRITE)) {
            FileLock l = c.tryLock();
            if (l == null) {
                return true;
            }
            l.release();
            return false;
        } catch (OverlappingFileLockException thisProcess) {
            return true;
        }
    }

    static Instant processStart() {
        return Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
    }

    static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp folder is harmless
        }
    }
}

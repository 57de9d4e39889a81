package org.concretelab.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Properties;

/**
 * Remembers the SHA-256 of files already hashed, keyed by real path, with the size, modification time and
 * file key (inode) seen then: a launch re-hashes only files that changed, so verifying MNIST's 55 MB on
 * every start costs a few {@code stat}s. The record is a small properties file; when it cannot be written
 * (read-only home, ...) every check simply hashes again.
 */
public final class ChecksumCache {
    private final Path store;
    private int hashed;

    /** A cache kept in {@code store} (a properties file, created on first use). */
    public ChecksumCache(Path store) {
        this.store = store;
    }

    /**
     * The user's cache: {@code <explorer.cacheDir>} if that system property is set (the tests point it into
     * {@code target}), else {@code $XDG_CACHE_HOME/concrete-explorer} or {@code ~/.cache/concrete-explorer}.
     */
    public static ChecksumCache standard() {
        String dir = System.getProperty("explorer.cacheDir");
        if (dir == null || dir.isBlank()) {
            String xdg = System.getenv("XDG_CACHE_HOME");
            Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
            dir = base.resolve("concrete-explorer").toString();
        }
        return new ChecksumCache(Path.of(dir, "verified-files.properties"));
    }

    /** The file's SHA-256: remembered when its size, mtime and file key are unchanged, else hashed and remembered. */
    public synchronized String sha256(Path file) throws IOException {
        String key = file.toRealPath().toString();
        String stamp = stamp(file);
        Properties records = read();
        String record = records.getProperty(key);
        if (record != null && record.startsWith(stamp + " ")) {
            return record.substring(stamp.length() + 1);
        }
        return hashAndRecord(file, key, stamp, records);
    }

    /** Hashes the file even if it is remembered (the {@code data} command's full check), and remembers it. */
    public synchronized String rehash(Path file) throws IOException {
        return hashAndRecord(file, file.toRealPath().toString(), stamp(file), read());
    }

    /** How many files this cache had to hash (for tests: an unchanged file is not hashed again). */
    public synchronized int hashed() {
        return hashed;
    }

    private String hashAndRecord(Path file, String key, String stamp, Properties records) throws IOException {
        String sha = MnistFiles.sha256(file);
        hashed++;
        if (!stamp.equals(stamp(file))) {
            return sha; // changed while being hashed: do not vouch for it
        }
        records.setProperty(key, stamp + " " + sha);
        write(records);
        return sha;
    }

    private static String stamp(Path file) throws IOException {
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
        Object fileKey = a.fileKey();
        return a.size() + "/" + a.lastModifiedTime().toInstant() + "/" + (fileKey == null ? "-" : fileKey.toString().replace(' ', '_'));
    }

    private Properties read() {
        Properties p = new Properties();
        if (Files.isRegularFile(store)) {
            try (InputStream in = Files.newInputStream(store)) {
                p.load(in);
            } catch (IOException | IllegalArgumentException e) {
                // an unreadable or garbled record only means hashing again
            }
        }
        return p;
    }

    private void write(Properties records) {
        Path tmp = null;
        try {
            Files.createDirectories(store.toAbsolutePath().getParent());
            tmp = Files.createTempFile(store.toAbsolutePath().getParent(), "verified", ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                records.store(out, "Concrete Explorer: SHA-256 of verified data files (size/mtime/inode, hash)");
            }
            Files.move(tmp, store, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            tmp = null;
        } catch (IOException | UnsupportedOperationException e) {
            // caching is an optimisation: without it every launch hashes again, nothing else changes
        } finally {
            if (tmp != null) {
                tmp.toFile().delete();
            }
        }
    }
}

package org.concretelab.train;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Zip bombs: checkpoints whose entries inflate far beyond what their header's model needs (here 256 MiB from ~250 kB)
 * are refused while streaming, allocating a few MB at most, by load (eval, the app) and by header (the Results tab).
 */
public class CheckpointBombTest {
    /** Inflated size of a bomb entry: far beyond any checkpoint of CheckpointsTest's model (a few hundred kB). */
    static final long BOMB = 256L << 20;
    /** What a refusal may allocate: well under the bomb, so reading the entry whole fails this test. */
    private static final long ALLOWED = 32L << 20;

    @TempDir
    Path dir;

    /** A real checkpoint's entries, with {@code bombed} replaced by BOMB zero bytes, preceded by {@code first} if given. */
    public static Path bomb(Path file, String bombed, String first) throws IOException {
        Path good = file.resolveSibling("good-" + file.getFileName());
        Checkpoints.save(good, CheckpointsTest.checkpoint());
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(good))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                if (e.getName().equals("checkpoint.json")) {
                    in.transferTo(json);
                }
            }
        }
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.setLevel(Deflater.BEST_COMPRESSION);
            if (first != null) {
                zeros(zip, first);
            }
            if (bombed.equals("checkpoint.json")) {
                zeros(zip, "checkpoint.json");
            } else {
                zip.putNextEntry(new ZipEntry("checkpoint.json"));
                json.writeTo(zip);
                zeros(zip, bombed);
            }
        }
        return file;
    }

    private static void zeros(ZipOutputStream zip, String name) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        byte[] spaces = new byte[1 << 16];
        java.util.Arrays.fill(spaces, (byte) ' '); // JSON whitespace: read whole, it would even parse
        for (long n = 0; n < BOMB; n += spaces.length) {
            zip.write(spaces);
        }
        zip.closeEntry();
    }

    /** The bytes this thread allocates while {@code r} runs. */
    public static long allocated(Runnable r) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        r.run();
        return threads.getCurrentThreadAllocatedBytes() - before;
    }

    private static void refusedCheaply(Path f, boolean headerOnly, String expected) {
        String[] message = new String[1];
        long start = System.nanoTime();
        long bytes = allocated(() -> message[0] = assertThrows(CheckpointException.class,
                () -> { if (headerOnly) { Checkpoints.header(f); } else { Checkpoints.load(f); } }).getMessage());
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(message[0].contains(f.toString()) && message[0].contains(expected), message[0]);
        assertTrue(bytes < ALLOWED, "refused after allocating " + (bytes >> 20) + " MB: " + message[0]);
        assertTrue(seconds < 5, "refused after " + seconds + " s");
    }

    @Test
    void anArraysEntryInflatingBeyondItsModelIsRefusedWhileStreaming() throws IOException {
        refusedCheaply(bomb(dir.resolve("arrays.ckpt"), "arrays.bin", null), false, "beyond the arrays of its header");
    }

    @Test
    void aHeaderEntryInflatingBeyondItsCapIsRefusedByLoadAndByHeader() throws IOException {
        Path f = bomb(dir.resolve("header.ckpt"), "checkpoint.json", null);
        refusedCheaply(f, false, "checkpoint.json inflates beyond");
        refusedCheaply(f, true, "checkpoint.json inflates beyond");
    }

    @Test
    void anEntryOfAnotherNameIsNeverInflatedWhole() throws IOException {
        Path f = bomb(dir.resolve("other.ckpt"), "arrays.bin", "notes.txt");
        refusedCheaply(f, false, "entry notes.txt inflates beyond");
        refusedCheaply(f, true, "does not start with checkpoint.json");
    }
}

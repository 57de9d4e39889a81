package org.concretelab.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crafted reference model files: a preprocessor.bin of serialized Java objects (a HashSet nesting bomb, which would keep
 * DL4J's ObjectInputStream hashing for ever) and an entry that inflates far beyond its network's size are refused,
 * quickly and by name, before DL4J reads anything.
 */
class HostileReferenceFilesTest {
    private static final ReferenceFiles.Record RECORD = new ReferenceFiles.Record(ReferenceFiles.FORMAT, 1, 0, 0, 100, 1e-3, 1,
            0, "dynamic", 2, 4, Double.NaN, 0, 0);

    @TempDir
    Path dir;

    /** A real reference file (a tiny network) with {@code extra} added or replacing an entry of the same name. */
    private Path withEntry(String name, byte[] extra, boolean deflateHard) throws IOException {
        Path good = dir.resolve("good.zip");
        ReferenceFiles.save(good, GaussianVaeNetwork.build(2, 4, 1e-3, 1), RECORD);
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(good))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        entries.put(name, extra);
        Path f = dir.resolve("hostile-" + name + ".zip");
        try (OutputStream out = Files.newOutputStream(f); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.setLevel(deflateHard ? Deflater.BEST_COMPRESSION : Deflater.DEFAULT_COMPRESSION);
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
            }
        }
        return f;
    }

    /** Sets nested 100 deep, two per level: deserializing it hashes 2^100 times. */
    private static byte[] hashSetBomb() throws IOException {
        Set<Object> root = new HashSet<>();
        Set<Object> s1 = root;
        Set<Object> s2 = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            Set<Object> t1 = new HashSet<>();
            Set<Object> t2 = new HashSet<>();
            t1.add("x");
            s1.add(t1);
            s1.add(t2);
            s2.add(t1);
            s2.add(t2);
            s1 = t1;
            s2 = t2;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(root);
        }
        return bytes.toByteArray();
    }

    @Test
    void aPreprocessorOfSerializedObjectsIsRefusedUnread() throws IOException {
        Path f = withEntry("preprocessor.bin", hashSetBomb(), false);
        String m = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> assertThrows(ReferenceFileException.class, () -> ReferenceFiles.load(f)).getMessage());
        assertTrue(m.contains(f.toString()) && m.contains("preprocessor.bin") && m.contains("refused unread"), m);
    }

    @Test
    void anArrayEntryInflatingFarBeyondItsNetworkIsRefusedWhileStreaming() throws IOException {
        byte[] zeros = new byte[64 << 20]; // the tiny network's parameters are a few kB
        Path f = withEntry("coefficients.bin", zeros, true);
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        String m = assertThrows(ReferenceFileException.class, () -> ReferenceFiles.load(f)).getMessage();
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(m.contains(f.toString()) && m.contains("coefficients.bin inflates beyond"), m);
        assertTrue(allocated < 16L << 20, "refused after allocating " + (allocated >> 20) + " MB");
    }

    @Test
    void theFileReferenceTrainWritesStillLoads() throws IOException {
        Path f = dir.resolve("ok.zip");
        ReferenceFiles.save(f, GaussianVaeNetwork.build(2, 4, 1e-3, 1), RECORD);
        assertEquals(GaussianVaeNetwork.build(2, 4, 1e-3, 1).params(), ReferenceFiles.load(f).network().params());
    }
}

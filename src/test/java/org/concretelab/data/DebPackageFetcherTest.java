package org.concretelab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.ar.ArArchiveEntry;
import org.apache.commons.compress.archivers.ar.ArArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A .deb as Debian builds it (ar, data.tar.xz, gzip-compressed files) is unpacked; what cannot be is said plainly. */
class DebPackageFetcherTest {
    private static final String FOLDER = FashionMnistDataset.PACKAGE_DIR;

    @TempDir
    Path dir;

    @Test
    void theFourFilesComeOutOfTheDataArchiveUncompressed() throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String name : MnistFiles.names()) {
            files.put(name, ("contents of " + name).getBytes(StandardCharsets.UTF_8));
        }
        Path deb = deb("data.tar.xz", files, "./" + FOLDER);
        Path out = Files.createDirectories(dir.resolve("out"));
        DebPackageFetcher.unpack(deb, FOLDER, MnistFiles.names(), out);
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            assertArrayEquals(e.getValue(), Files.readAllBytes(out.resolve(e.getKey())), e.getKey());
        }
        try (var listing = Files.list(out)) {
            assertFalse(listing.anyMatch(p -> p.toString().endsWith(".tmp")), "no temp file left");
        }
    }

    @Test
    void aPackageWithoutTheFilesIsNotTheOneExpected() throws IOException {
        Path deb = deb("data.tar.xz", Map.of(MnistFiles.TRAIN_IMAGES, new byte[] {1}), "./" + FOLDER);
        DataFileException e = assertThrows(DataFileException.class,
                () -> DebPackageFetcher.unpack(deb, FOLDER, MnistFiles.names(), Files.createDirectories(dir.resolve("o"))));
        assertTrue(e.getMessage().contains(MnistFiles.TEST_LABELS) && e.getMessage().contains("not the package expected"),
                e.getMessage());
    }

    /** A member that unpacks past the bound (a gzip bomb) is refused and leaves no file behind. */
    @Test
    void aFileUnpackingPastTheBoundIsRefusedAndRemoved() throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String name : MnistFiles.names()) {
            files.put(name, new byte[4096]); // zeros: a few dozen bytes gzipped
        }
        Path deb = deb("data.tar.xz", files, "./" + FOLDER);
        Path out = Files.createDirectories(dir.resolve("bounded"));
        DataFileException e = assertThrows(DataFileException.class,
                () -> DebPackageFetcher.unpack(deb, FOLDER, MnistFiles.names(), out, 1000));
        assertTrue(e.getMessage().contains("more than 1000 bytes"), e.getMessage());
        try (var listing = Files.list(out)) {
            assertFalse(listing.findAny().isPresent(), "nothing left behind");
        }
    }

    @Test
    void aZstdDataArchiveIsRefusedWithWhatToDo() throws IOException {
        Path deb = dir.resolve("z.deb");
        try (ArArchiveOutputStream ar = new ArArchiveOutputStream(Files.newOutputStream(deb))) {
            member(ar, "debian-binary", "2.0\n".getBytes(StandardCharsets.US_ASCII));
            member(ar, "data.tar.zst", new byte[] {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd});
        }
        DataFileException e = assertThrows(DataFileException.class,
                () -> DebPackageFetcher.unpack(deb, FOLDER, MnistFiles.names(), dir));
        assertTrue(e.getMessage().contains("data.tar.zst") && e.getMessage().contains("dpkg-deb -x"), e.getMessage());
    }

    @Test
    void withoutAptTheFetchSaysWhereToCopyWhichFiles() {
        Path target = dir.resolve("fashion");
        DebPackageFetcher f = new DebPackageFetcher(Datasets.FASHION_MNIST, FashionMnistDataset.PACKAGE, FOLDER,
                "fashion-test", List.of("no-such-apt-get-here", "download", FashionMnistDataset.PACKAGE));
        DataFileException e = assertThrows(DataFileException.class,
                () -> f.ensure(target, new PrintStream(new ByteArrayOutputStream(), true)));
        String m = e.getMessage();
        assertTrue(m.contains("needs apt") && m.contains("github.com/zalandoresearch/fashion-mnist") && m.contains("gunzip")
                && m.contains("t10k-labels-idx1-ubyte.gz") && m.contains(target.toAbsolutePath().toString()), m);
    }

    @Test
    void aKilledFetchsWorkFolderIsRemovedByTheNextOneAndNothingElse() throws IOException {
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        Path stale = Files.createDirectories(tmp.resolve("fashion-apt123"));
        Files.write(stale.resolve("dataset-fashion-mnist.deb"), new byte[] {1, 2});
        Path notOurs = Files.createDirectories(tmp.resolve("fashion-apt-notes"));
        java.time.Instant later = java.time.Instant.now().plusSeconds(60);
        assertTrue(FetchWork.removeStale(tmp, later, "fashion-apt").contains(stale));
        assertFalse(Files.exists(stale));
        assertTrue(Files.exists(notOurs), "a folder not of our naming stays");
        try (FetchWork running = FetchWork.start("fashion-apt")) {
            Path held = running.dir();
            assertFalse(FetchWork.removeStale(held.getParent(), later, "fashion-apt").contains(held), "a running fetch's stays");
            assertTrue(Files.exists(held));
        }
    }

    /** A .deb: debian-binary, control.tar.xz (empty) and a data archive holding {@code files} gzipped under {@code folder}. */
    private Path deb(String dataMember, Map<String, byte[]> files, String folder) throws IOException {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new XZCompressorOutputStream(data))) {
            TarArchiveEntry d = new TarArchiveEntry(folder);
            tar.putArchiveEntry(d);
            tar.closeArchiveEntry();
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                byte[] gz = gzip(e.getValue());
                TarArchiveEntry t = new TarArchiveEntry(folder + e.getKey() + ".gz");
                t.setSize(gz.length);
                tar.putArchiveEntry(t);
                tar.write(gz);
                tar.closeArchiveEntry();
            }
        }
        ByteArrayOutputStream control = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new XZCompressorOutputStream(control))) {
            tar.finish();
        }
        Path deb = dir.resolve("p.deb");
        try (ArArchiveOutputStream ar = new ArArchiveOutputStream(Files.newOutputStream(deb))) {
            member(ar, "debian-binary", "2.0\n".getBytes(StandardCharsets.US_ASCII));
            member(ar, "control.tar.xz", control.toByteArray());
            member(ar, dataMember, data.toByteArray());
        }
        return deb;
    }

    private static void member(ArArchiveOutputStream ar, String name, byte[] bytes) throws IOException {
        ar.putArchiveEntry(new ArArchiveEntry(name, bytes.length));
        ar.write(bytes);
        ar.closeArchiveEntry();
    }

    private static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(b)) {
            gz.write(raw);
        }
        return b.toByteArray();
    }
}

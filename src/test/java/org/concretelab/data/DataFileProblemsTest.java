package org.concretelab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 11: damaged headers, unreadable files and changed pixels each get a message that says what to do. */
class DataFileProblemsTest {
    @TempDir
    Path dir;

    private static byte[] header(int magic, int... ints) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(out);
        d.writeInt(magic);
        for (int i : ints) {
            d.writeInt(i);
        }
        d.write(new byte[2 * 784]);
        return out.toByteArray();
    }

    @Test
    void imageCountByteAlteredIsADamagedHeaderNotAnOverflow() throws IOException {
        // 10,000 images with the count's top byte set to 0x01 or 0x7f: count × 784 overflows an int
        for (int count : new int[] {0x01002710, 0x7f002710}) {
            Path f = dir.resolve("t10k-images-idx3-ubyte");
            Files.write(f, header(0x803, count, 28, 28));
            DataFileException e = assertThrows(DataFileException.class, () -> IdxReader.readImages(f));
            String m = e.getMessage();
            assertTrue(m.contains(f.toString()) && m.contains("header") && m.contains("says " + count + " images")
                    && m.contains("holds only " + 2 * 784) && m.contains("delete it") && m.contains("data --fetch"), m);
        }
    }

    @Test
    void labelCountByteAlteredAllocatesNothingAndIsReported() throws IOException {
        Path f = dir.resolve("labels");
        Files.write(f, header(0x801, 0x7f00000a));
        String m = assertThrows(DataFileException.class, () -> IdxReader.readLabels(f)).getMessage();
        assertTrue(m.contains("header") && m.contains("data --fetch"), m);
    }

    @Test
    void aFolderInPlaceOfAFileIsNotCalledMissing() throws IOException {
        Path f = Files.createDirectory(dir.resolve(MnistFiles.TEST_LABELS));
        String m = assertThrows(DataFileException.class, () -> IdxReader.readLabels(f)).getMessage();
        assertTrue(m.contains("is a folder") && !m.contains("missing"), m);
        List<MnistFiles.FileStatus> status = MnistFiles.verify(dir, new ChecksumCache(dir.resolve("cache")));
        MnistFiles.FileStatus labels = status.get(MnistFiles.names().indexOf(MnistFiles.TEST_LABELS));
        assertEquals(MnistFiles.Condition.UNREADABLE, labels.condition());
        assertTrue(labels.describe().contains("is a folder"), labels.describe());
    }

    @Test
    void permissionDeniedSaysSoAndNeverAdvisesDeleting() {
        // the mapping every reader uses, testable as root (where chmod 000 does not stop reads)
        Path f = dir.resolve(MnistFiles.TRAIN_IMAGES);
        String m = MnistFiles.readProblem(f, new AccessDeniedException(f.toString())).getMessage();
        assertTrue(m.contains("cannot read " + f + ": permission denied") && m.contains("chmod"), m);
        assertFalse(m.toLowerCase().contains("delete") || m.contains("missing") || m.contains("damaged"), m);
    }

    @Test
    void unreadableFileIsReportedAsPermissionDeniedWhenNotRoot() throws IOException {
        Assumptions.assumeFalse("root".equals(System.getProperty("user.name")), "root reads files whatever their mode");
        Path f = dir.resolve(MnistFiles.TRAIN_LABELS);
        Files.write(f, header(0x801, 2));
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("---------"));
        String m = assertThrows(DataFileException.class, () -> IdxReader.readLabels(f)).getMessage();
        assertTrue(m.contains("permission denied") && !m.toLowerCase().contains("delete"), m);
        MnistFiles.FileStatus s = MnistFiles.verify(dir, new ChecksumCache(dir.resolve("cache"))).get(1);
        assertEquals(MnistFiles.Condition.UNREADABLE, s.condition(), s.describe());
    }

    @Test
    void unchangedFileIsHashedOnceAChangedOneAgain() throws IOException {
        Path f = dir.resolve("file");
        Files.write(f, new byte[] {1, 2, 3});
        ChecksumCache cache = new ChecksumCache(dir.resolve("cache/verified.properties"));
        String first = cache.sha256(f);
        assertEquals(first, new ChecksumCache(dir.resolve("cache/verified.properties")).sha256(f)); // a new process
        assertEquals(first, cache.sha256(f));
        assertEquals(1, cache.hashed());
        Files.write(f, new byte[] {1, 2, 4}); // same size; a write moves the mtime
        Files.setLastModifiedTime(f, FileTime.fromMillis(Files.getLastModifiedTime(f).toMillis() + 2000));
        assertFalse(first.equals(cache.sha256(f)));
        assertEquals(2, cache.hashed());
    }

    @Test
    void changedPixelsAreRefusedWhenLoadingNotOnlyByTheDataCommand() throws IOException {
        Path copy = Files.createDirectory(dir.resolve("mnist"));
        for (String name : MnistFiles.names()) {
            Files.copy(MnistFiles.defaultDir().resolve(name), copy.resolve(name));
        }
        ChecksumCache cache = new ChecksumCache(dir.resolve("cache/verified.properties"));
        MnistSplits.load(copy, cache);
        assertEquals(4, cache.hashed());
        MnistSplits.load(copy, cache); // a second launch hashes nothing
        assertEquals(4, cache.hashed());
        Path images = copy.resolve(MnistFiles.TEST_IMAGES);
        FileTime before = Files.getLastModifiedTime(images);
        byte[] bytes = Files.readAllBytes(images);
        bytes[5000] ^= 0x01; // one pixel, header intact: only the checksum can tell
        Files.write(images, bytes);
        Files.setLastModifiedTime(images, FileTime.fromMillis(before.toMillis() + 2000));
        String m = assertThrows(DataFileException.class, () -> MnistSplits.load(copy, cache)).getMessage();
        assertTrue(m.contains(images.toString()) && m.contains("SHA-256") && m.contains("data --fetch"), m);
    }
}

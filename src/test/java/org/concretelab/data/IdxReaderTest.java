package org.concretelab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Small, deliberately broken IDX files, each answered with a message naming the file and the fault. */
class IdxReaderTest {
    @TempDir
    Path dir;

    private static byte[] images(int magic, int count, int rows, int cols, int bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(out);
        d.writeInt(magic);
        d.writeInt(count);
        d.writeInt(rows);
        d.writeInt(cols);
        for (int i = 0; i < bytes; i++) {
            d.writeByte(i % 256);
        }
        return out.toByteArray();
    }

    private static byte[] labels(int count, int written) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(out);
        d.writeInt(0x801);
        d.writeInt(count);
        for (int i = 0; i < written; i++) {
            d.writeByte(i % 10);
        }
        return out.toByteArray();
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path f = dir.resolve(name);
        Files.write(f, bytes);
        return f;
    }

    @Test
    void readsRawAndGzipAlike() throws IOException {
        byte[] raw = images(0x803, 2, 28, 28, 2 * 784);
        Path plain = write("a", raw);
        Path gz = dir.resolve("a.gz");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(gz))) {
            o.write(raw);
        }
        IdxReader.Images a = IdxReader.readImages(plain);
        IdxReader.Images b = IdxReader.readImages(gz);
        assertEquals(2, a.count());
        assertArrayEquals(a.pixels(), b.pixels());
        assertEquals(7, IdxReader.readLabels(write("l", labels(10, 10)))[7]);
    }

    @Test
    void wrongMagicNumberIsNamed() throws IOException {
        Path f = write("bad-magic", images(0x801, 1, 28, 28, 784));
        DataFileException e = assertThrows(DataFileException.class, () -> IdxReader.readImages(f));
        assertTrue(e.getMessage().contains("bad-magic") && e.getMessage().contains("magic number 0x801"), e.getMessage());
        Path l = write("labels-as-images", images(0x803, 1, 28, 28, 784));
        assertTrue(assertThrows(DataFileException.class, () -> IdxReader.readLabels(l)).getMessage().contains("not an IDX label file"));
    }

    @Test
    void truncatedFileSaysHowMuchIsThere() throws IOException {
        Path f = write("short", images(0x803, 3, 28, 28, 784 + 100));
        DataFileException e = assertThrows(DataFileException.class, () -> IdxReader.readImages(f));
        assertTrue(e.getMessage().contains("truncated") && e.getMessage().contains("884 of 2352"), e.getMessage());
        Path header = write("header-only", new byte[] {0, 0, 8, 3, 0});
        assertTrue(assertThrows(DataFileException.class, () -> IdxReader.readImages(header)).getMessage().contains("truncated"));
        Path lab = write("short-labels", labels(10, 4));
        assertTrue(assertThrows(DataFileException.class, () -> IdxReader.readLabels(lab)).getMessage().contains("truncated"));
    }

    @Test
    void wrongDimensionsAreRefused() throws IOException {
        Path f = write("small", images(0x803, 1, 14, 14, 196));
        DataFileException e = assertThrows(DataFileException.class, () -> IdxReader.readImages(f));
        assertTrue(e.getMessage().contains("14×14") && e.getMessage().contains("28×28"), e.getMessage());
    }

    @Test
    void countMismatchBetweenImagesAndLabelsIsRefused() throws IOException {
        Files.write(dir.resolve(MnistFiles.TRAIN_IMAGES), images(0x803, 3, 28, 28, 3 * 784));
        Files.write(dir.resolve(MnistFiles.TRAIN_LABELS), labels(2, 2));
        Files.write(dir.resolve(MnistFiles.TEST_IMAGES), images(0x803, 2, 28, 28, 2 * 784));
        Files.write(dir.resolve(MnistFiles.TEST_LABELS), labels(2, 2));
        DataFileException e = assertThrows(DataFileException.class, () -> MnistSplits.load(dir));
        assertTrue(e.getMessage().contains("3 images but") && e.getMessage().contains("2 labels"), e.getMessage());
    }

    @Test
    void missingFileAndFolderSayWhatToDo() {
        DataFileException e = assertThrows(DataFileException.class, () -> IdxReader.readImages(dir.resolve("nope")));
        assertTrue(e.getMessage().contains("missing") && e.getMessage().contains("data --fetch"), e.getMessage());
        assertTrue(assertThrows(DataFileException.class, () -> MnistSplits.load(dir.resolve("absent")))
                .getMessage().contains("does not exist"));
    }

    @Test
    void checksumMismatchIsReported() throws IOException {
        for (String name : MnistFiles.names()) {
            Files.write(dir.resolve(name), new byte[] {1, 2, 3});
        }
        assertTrue(MnistFiles.verify(dir).stream().noneMatch(MnistFiles.FileStatus::checksumOk));
        assertTrue(MnistFiles.verify(dir).get(0).describe().contains("MISMATCH"));
        assertEquals(false, MnistFiles.complete(dir));
    }
}

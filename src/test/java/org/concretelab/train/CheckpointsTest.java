package org.concretelab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.concretelab.data.Binarization;
import org.concretelab.model.Architecture;
import org.concretelab.model.LatentKind;
import org.concretelab.model.ModelSpec;
import org.concretelab.model.ModelState;
import org.concretelab.model.VaeModel;
import org.concretelab.model.VaeModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints round-trip exactly, are replaced atomically, and refuse bad files with clear messages. */
class CheckpointsTest {
    static final ModelSpec SPEC = new ModelSpec(Architecture.NONLINEAR_TWO, LatentKind.CATEGORICAL, 6, 4, 3, 16,
            0.6, 0.4, 5, 2.5e-3);

    @TempDir
    Path dir;

    static TrainingCheckpoint checkpoint(ModelSpec spec, long seed, Path out) {
        VaeModel m = VaeModels.create(spec, seed);
        float[] x = new float[4 * 784];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i * 31 + seed) % 7 == 0 ? 1f : 0f;
        }
        m.trainStep(x, 4, seed); // non-zero Adam moments and step count
        TrainingOptions o = new TrainingOptions(spec, 37, 9, -1234567890123L * seed, Binarization.FIXED, 777, 55, 12, out);
        return new TrainingCheckpoint(o, m.state(), 4321, 3, 17);
    }

    static void assertSameState(ModelState a, ModelState b) {
        assertEquals(a.spec(), b.spec());
        assertEquals(a.step(), b.step());
        assertEquals(List.copyOf(a.arrays().keySet()), List.copyOf(b.arrays().keySet()));
        for (Map.Entry<String, ModelState.NamedArray> e : a.arrays().entrySet()) {
            ModelState.NamedArray other = b.arrays().get(e.getKey());
            assertArrayEquals(e.getValue().shape(), other.shape(), e.getKey());
            assertArrayEquals(e.getValue().values(), other.values(), e.getKey()); // exact float equality
        }
    }

    @Test
    void roundTripKeepsEveryValueExactly() {
        TrainingCheckpoint cp = checkpoint(SPEC, 7, dir.resolve("run"));
        Path f = dir.resolve("sub/last.ckpt");
        Checkpoints.save(f, cp);
        TrainingCheckpoint back = Checkpoints.load(f);
        assertEquals(cp.options(), back.options());
        assertEquals(cp.step(), back.step());
        assertEquals(cp.epoch(), back.epoch());
        assertEquals(cp.batchInEpoch(), back.batchInEpoch());
        assertSameState(cp.model(), back.model());
        // the restored state drives a real model
        VaeModels.restore(back.model());
        assertEquals(cp.options(), Checkpoints.load(f, SPEC).options()); // the matching spec is accepted
    }

    @Test
    void optionsWithoutOutputDirRoundTrip() {
        TrainingCheckpoint cp = checkpoint(ModelSpec.defaults(), 2, null);
        Path f = dir.resolve("a.ckpt");
        Checkpoints.save(f, cp);
        assertEquals(cp.options(), Checkpoints.load(f).options());
    }

    @Test
    void aFailedWriteLeavesTheOldFileIntactAndNoTemporaryFile() throws IOException {
        Path f = dir.resolve("last.ckpt");
        TrainingCheckpoint old = checkpoint(SPEC, 1, null);
        Checkpoints.save(f, old);
        byte[] before = Files.readAllBytes(f);
        TrainingCheckpoint next = checkpoint(SPEC, 2, null);
        CheckpointException e = assertThrows(CheckpointException.class,
                () -> Checkpoints.save(f, next, out -> new FailAfter(out, 5000)));
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("disk full"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(f));
        assertSameState(old.model(), Checkpoints.load(f).model());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(f), files.toList(), "temporary file left behind");
        }
        // and a successful save replaces it
        Checkpoints.save(f, next);
        assertSameState(next.model(), Checkpoints.load(f).model());
    }

    @Test
    void missingFileIsNamed() {
        Path f = dir.resolve("nope.ckpt");
        CheckpointException e = assertThrows(CheckpointException.class, () -> Checkpoints.load(f));
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void truncatedFilesAreReportedAsTruncatedOrDamaged() throws IOException {
        Path f = dir.resolve("last.ckpt");
        Checkpoints.save(f, checkpoint(SPEC, 3, null));
        byte[] all = Files.readAllBytes(f);
        for (int len : new int[] {all.length - 1, all.length / 2, 200, 40}) {
            Path cut = dir.resolve("cut" + len + ".ckpt");
            Files.write(cut, java.util.Arrays.copyOf(all, len));
            CheckpointException e = assertThrows(CheckpointException.class, () -> Checkpoints.load(cut), "length " + len);
            assertTrue(e.getMessage().contains(cut.toString()), e.getMessage());
            assertTrue(e.getMessage().contains("truncated") || e.getMessage().contains("damaged"),
                    "length " + len + ": " + e.getMessage());
        }
    }

    @Test
    void aFlippedByteInTheWeightsIsCaughtByTheChecksum() throws IOException {
        Path f = dir.resolve("last.ckpt");
        Checkpoints.save(f, checkpoint(SPEC, 4, null));
        byte[] all = Files.readAllBytes(f);
        all[all.length / 2] ^= 0x10; // the stored float data fills most of the file
        Files.write(f, all);
        CheckpointException e = assertThrows(CheckpointException.class, () -> Checkpoints.load(f));
        assertTrue(e.getMessage().contains("damaged") && e.getMessage().contains(f.toString()), e.getMessage());
    }

    @Test
    void foreignFilesAreNotCheckpoints() throws IOException {
        Path text = dir.resolve("notes.ckpt");
        Files.writeString(text, "hello, this is not a checkpoint\n");
        Path empty = dir.resolve("empty.ckpt");
        Files.write(empty, new byte[0]);
        Path otherZip = dir.resolve("other.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(otherZip))) {
            z.putNextEntry(new ZipEntry("readme.txt"));
            z.write("x".getBytes(StandardCharsets.UTF_8));
        }
        Path otherJson = dir.resolve("json.ckpt");
        writeHeaderOnly(otherJson, "{\"format\":\"something-else\",\"version\":1}");
        for (Path f : List.of(text, empty, otherZip, otherJson)) {
            CheckpointException e = assertThrows(CheckpointException.class, () -> Checkpoints.load(f));
            assertTrue(e.getMessage().contains("not a Concrete Explorer checkpoint") && e.getMessage().contains(f.toString()),
                    e.getMessage());
        }
        CheckpointException e = assertThrows(CheckpointException.class, () -> Checkpoints.load(dir));
        assertTrue(e.getMessage().contains("folder"), e.getMessage());
    }

    @Test
    void anotherFormatVersionIsNamed() throws IOException {
        Path f = dir.resolve("future.ckpt");
        writeHeaderOnly(f, "{\"format\":\"" + Checkpoints.FORMAT + "\",\"version\":99}");
        CheckpointException e = assertThrows(CheckpointException.class, () -> Checkpoints.load(f));
        assertTrue(e.getMessage().contains("version 99") && e.getMessage().contains("version 1"), e.getMessage());
    }

    @Test
    void aBadHeaderIsDamagedNotACrash() throws IOException {
        Path f = dir.resolve("bad.ckpt");
        writeHeaderOnly(f, "{\"format\":\"" + Checkpoints.FORMAT + "\",\"version\":1,\"dataBytes\":0,\"dataCrc32\":0}");
        CheckpointException e = assertThrows(CheckpointException.class, () -> Checkpoints.load(f));
        assertTrue(e.getMessage().contains("truncated") || e.getMessage().contains("damaged"), e.getMessage());
    }

    @Test
    void anotherArchitectureIsRefusedWhenASpecIsExpected() {
        Path f = dir.resolve("last.ckpt");
        Checkpoints.save(f, checkpoint(SPEC, 5, null));
        CheckpointException e = assertThrows(CheckpointException.class, () -> Checkpoints.load(f, ModelSpec.defaults()));
        assertTrue(e.getMessage().contains("another model") && e.getMessage().contains("200H~200H~784V")
                && e.getMessage().contains("200H~784V binary"), e.getMessage());
    }

    @Test
    void loadsFromAStream() throws IOException {
        Path f = dir.resolve("last.ckpt");
        TrainingCheckpoint cp = checkpoint(SPEC, 6, null);
        Checkpoints.save(f, cp);
        TrainingCheckpoint back = Checkpoints.load(new ByteArrayInputStream(Files.readAllBytes(f)), "classpath:model.ckpt");
        assertSameState(cp.model(), back.model());
        CheckpointException e = assertThrows(CheckpointException.class,
                () -> Checkpoints.load(new ByteArrayInputStream(new byte[10]), "classpath:model.ckpt"));
        assertTrue(e.getMessage().contains("classpath:model.ckpt"), e.getMessage());
    }

    private static void writeHeaderOnly(Path f, String json) throws IOException {
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(f))) {
            z.putNextEntry(new ZipEntry(Checkpoints.HEADER));
            z.write(json.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A disk that fills up after {@code limit} bytes. */
    static final class FailAfter extends FilterOutputStream {
        private long left;

        FailAfter(OutputStream out, long limit) {
            super(out);
            this.left = limit;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len > left) {
                out.write(b, off, (int) left);
                left = 0;
                throw new IOException("disk full");
            }
            out.write(b, off, len);
            left -= len;
        }
    }
}

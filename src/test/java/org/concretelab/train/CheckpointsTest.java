package org.concretelab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.stream.Stream;
import org.concretelab.data.Binarization;
import org.concretelab.model.Architecture;
import org.concretelab.model.LatentKind;
import org.concretelab.model.ModelSpec;
import org.concretelab.model.VaeModel;
import org.concretelab.model.VaeModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointsTest {
    static final ModelSpec SPEC = new ModelSpec(Architecture.NONLINEAR_ONE, LatentKind.BINARY, 8, 2, 0, 16, 2.0 / 3, 0.5, 1, 1e-3);
    static final TrainingOptions OPTIONS = new TrainingOptions(SPEC, 10, 2, 3, Binarization.DYNAMIC, 100, 20, 5, null, 0);

    @TempDir
    Path dir;

    static TrainingCheckpoint checkpoint() {
        VaeModel m = VaeModels.create(SPEC, 3);
        m.trainStep(new float[10 * 784], 10, 1);
        return new TrainingCheckpoint(OPTIONS, m.state(), 1, 0, 1);
    }

    @Test
    void roundTripKeepsEverything() {
        TrainingCheckpoint cp = checkpoint();
        Path f = dir.resolve("a.ckpt");
        Checkpoints.save(f, cp);
        TrainingCheckpoint back = Checkpoints.load(f);
        assertEquals(cp.options(), back.options());
        assertEquals(cp.step(), back.step());
        assertEquals(cp.batchInEpoch(), back.batchInEpoch());
        assertEquals(cp.model().step(), back.model().step());
        assertEquals(cp.model().arrays().keySet(), back.model().arrays().keySet());
        cp.model().arrays().forEach((name, a) -> assertArrayEquals(a.values(), back.model().arrays().get(name).values(), name));
        assertTrue(back.resumable());
    }

    @Test
    void aCornerModelRoundTripsAndDecodesAsBefore() {
        ModelSpec corners = new ModelSpec(Architecture.NONLINEAR_TWO, LatentKind.CORNERS, 6, 8, 2, 16, 2.0 / 3, 0.4, 1, 1e-3);
        TrainingOptions o = new TrainingOptions(corners, 10, 2, 3, Binarization.DYNAMIC, 100, 20, 5, null, 0);
        VaeModel m = VaeModels.create(corners, 3);
        m.trainStep(new float[10 * 784], 10, 1);
        Path f = dir.resolve("corners.ckpt");
        Checkpoints.save(f, new TrainingCheckpoint(o, m.state(), 1, 0, 1));
        TrainingCheckpoint back = Checkpoints.load(f);
        assertEquals(o, back.options());
        assertEquals(LatentKind.CORNERS, back.options().spec().latentKind());
        VaeModel restored = VaeModels.restore(back.model());
        float[] code = m.samplePrior(5);
        assertEquals(6 * 3 + 2, code.length);
        assertArrayEquals(m.decode(code), restored.decode(code));
        assertArrayEquals(m.encodeMode(new float[784]), restored.encodeMode(new float[784]));
    }

    @Test
    void checkpointIsAnOrdinaryReadableFileNotAnOwnerOnlyTempFile() throws IOException {
        Path f = dir.resolve("shared.ckpt");
        Checkpoints.save(f, checkpoint());
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
    }

    @Test
    void modelOnlyCheckpointIsSmallerAndStillLoads() throws IOException {
        Path full = dir.resolve("full.ckpt");
        Path small = dir.resolve("small.ckpt");
        Checkpoints.save(full, checkpoint());
        Checkpoints.save(small, checkpoint(), false);
        assertTrue(Files.size(small) < Files.size(full) / 2);
        TrainingCheckpoint cp = Checkpoints.load(small);
        assertFalse(cp.resumable());
        assertEquals(784, VaeModels.restore(cp.model()).decode(new float[8]).length);
    }

    @Test
    void damagedTruncatedAndForeignFilesGiveClearErrors() throws IOException {
        Path f = dir.resolve("a.ckpt");
        Checkpoints.save(f, checkpoint());
        byte[] bytes = Files.readAllBytes(f);
        byte[] flipped = bytes.clone();
        flipped[bytes.length / 2] ^= 0x5a;
        Path damaged = dir.resolve("damaged.ckpt");
        Files.write(damaged, flipped);
        String m1 = assertThrows(CheckpointException.class, () -> Checkpoints.load(damaged)).getMessage();
        assertTrue(m1.contains("damaged.ckpt") && (m1.contains("damaged") || m1.contains("truncated")), m1);
        Path truncated = dir.resolve("truncated.ckpt");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 3));
        String m2 = assertThrows(CheckpointException.class, () -> Checkpoints.load(truncated)).getMessage();
        assertTrue(m2.contains("truncated.ckpt"), m2);
        Path text = dir.resolve("notes.ckpt");
        Files.writeString(text, "hello");
        String m3 = assertThrows(CheckpointException.class, () -> Checkpoints.load(text)).getMessage();
        assertTrue(m3.contains("not a Concrete Explorer checkpoint"), m3);
        String m4 = assertThrows(CheckpointException.class, () -> Checkpoints.load(dir.resolve("absent.ckpt"))).getMessage();
        assertTrue(m4.contains("does not exist"), m4);
    }

    @Test
    void checkpointOfAnotherArchitectureIsRefusedByTheModel() {
        Path f = dir.resolve("a.ckpt");
        Checkpoints.save(f, checkpoint());
        ModelSpec linear = new ModelSpec(Architecture.LINEAR_ONE, LatentKind.BINARY, 8, 2, 0, 16, 2.0 / 3, 0.5, 1, 1e-3);
        VaeModel other = VaeModels.create(linear, 1);
        String m = assertThrows(IllegalArgumentException.class, () -> other.load(Checkpoints.load(f).model())).getMessage();
        assertTrue(m.contains("another model"), m);
    }

    @Test
    void aFailedWriteLeavesTheOldFileIntactAndNoTempFiles() throws IOException {
        Path f = dir.resolve("a.ckpt");
        Checkpoints.save(f, checkpoint());
        byte[] before = Files.readAllBytes(f);
        // Saving into a path whose parent is a regular file fails mid-way; nothing may change.
        Path blocker = dir.resolve("file");
        Files.writeString(blocker, "x");
        assertThrows(CheckpointException.class, () -> Checkpoints.save(blocker.resolve("b.ckpt"), checkpoint()));
        assertArrayEquals(before, Files.readAllBytes(f));
        try (Stream<Path> files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.toString().endsWith(".tmp")));
        }
    }

    /** The shipped model was written as format version 1 (a straight-through flag, no estimator or task names). */
    @org.junit.jupiter.api.Test
    void aVersionOneCheckpointLoadsAsTheConcreteEstimatorOnDensityEstimation() throws Exception {
        java.nio.file.Path shipped = java.nio.file.Path.of("assets/models/default.ckpt");
        try (var zip = new java.util.zip.ZipFile(shipped.toFile())) {
            String header = new String(zip.getInputStream(zip.getEntry("checkpoint.json")).readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8);
            org.junit.jupiter.api.Assertions.assertTrue(header.contains("\"version\":1"), header);
        }
        TrainingCheckpoint cp = Checkpoints.load(shipped);
        org.junit.jupiter.api.Assertions.assertEquals("concrete", cp.options().spec().estimator());
        org.junit.jupiter.api.Assertions.assertEquals("density", cp.options().spec().task());
        org.concretelab.model.VaeModels.restore(cp.model()); // and it builds
    }
}

package org.concretelab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A checkpoint's header alone: the options and counters load would give, without reading the arrays. */
class CheckpointHeaderTest {
    @TempDir
    Path dir;

    @Test
    void theHeaderHoldsWhatLoadReads() {
        TrainingCheckpoint cp = CheckpointsTest.checkpoint();
        Path f = dir.resolve("a.ckpt");
        Checkpoints.save(f, cp);
        Checkpoints.Header h = Checkpoints.header(f);
        assertEquals(cp.options(), h.options());
        assertEquals(cp.step(), h.step());
        assertEquals(cp.epoch(), h.epoch());
        assertEquals(Checkpoints.load(f).options(), h.options());
    }

    @Test
    void whatIsNoCheckpointIsSaidByName() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.ckpt"), "not a zip");
        CheckpointException e = assertThrows(CheckpointException.class, () -> Checkpoints.header(text));
        assertTrue(e.getMessage().contains("notes.ckpt"), e.getMessage());
        CheckpointException missing = assertThrows(CheckpointException.class, () -> Checkpoints.header(dir.resolve("none.ckpt")));
        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
    }
}

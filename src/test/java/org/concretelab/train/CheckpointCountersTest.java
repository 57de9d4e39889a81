package org.concretelab.train;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 26: a header with counters no run writes (step −5, epoch −3) is refused, not trained on as "epoch 0/2". */
class CheckpointCountersTest {
    private static final Gson GSON = new Gson();

    @TempDir
    Path dir;

    private Path edited(Consumer<JsonObject> edit) throws IOException {
        Path good = dir.resolve("good.ckpt");
        Checkpoints.save(good, CheckpointsTest.checkpoint());
        Path f = dir.resolve("edited.ckpt");
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(good));
             OutputStream raw = Files.newOutputStream(f); ZipOutputStream out = new ZipOutputStream(raw)) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                byte[] b = in.readAllBytes();
                if (e.getName().equals("checkpoint.json")) {
                    JsonObject json = GSON.fromJson(new String(b, StandardCharsets.UTF_8), JsonObject.class);
                    edit.accept(json);
                    b = GSON.toJson(json).getBytes(StandardCharsets.UTF_8);
                }
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(b);
            }
        }
        return f;
    }

    private static void refusedByLoadAndHeader(Path f, String says) {
        for (Runnable read : new Runnable[] {() -> Checkpoints.load(f), () -> Checkpoints.header(f)}) {
            CheckpointException e = assertThrows(CheckpointException.class, read::run);
            assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains(says), e.getMessage());
        }
    }

    @Test
    void negativeOrImpossibleCountersAreDamage() throws IOException {
        refusedByLoadAndHeader(edited(j -> j.addProperty("step", -5)), "step -5");
        refusedByLoadAndHeader(edited(j -> j.addProperty("epoch", -3)), "epoch -3");
        refusedByLoadAndHeader(edited(j -> j.addProperty("batchInEpoch", -1)), "batch -1");
        refusedByLoadAndHeader(edited(j -> j.addProperty("epoch", 7)), "step 1, epoch 7"); // more epochs than steps
        Checkpoints.load(edited(j -> { })); // the untouched copy reads
    }
}

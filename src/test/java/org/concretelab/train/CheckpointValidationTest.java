package org.concretelab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.concretelab.model.ModelState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 11 item 4: a checkpoint whose header and arrays disagree, or that holds NaN, is a clear CheckpointException. */
class CheckpointValidationTest {
    private static final Gson GSON = new Gson();

    @TempDir
    Path dir;

    /** A saved checkpoint rewritten with {@code edit} applied to its header and {@code bytes} to its arrays. */
    private Path edited(String name, Consumer<JsonObject> edit, Consumer<byte[]> bytes) throws IOException {
        Path good = dir.resolve("good.ckpt");
        Checkpoints.save(good, CheckpointsTest.checkpoint());
        JsonObject json = null;
        byte[] arrays = null;
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(good))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                byte[] b = zip.readAllBytes();
                if (e.getName().equals("checkpoint.json")) {
                    json = GSON.fromJson(new String(b, StandardCharsets.UTF_8), JsonObject.class);
                } else {
                    arrays = b;
                }
            }
        }
        edit.accept(json);
        bytes.accept(arrays);
        Path f = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(f); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("checkpoint.json"));
            zip.write(GSON.toJson(json).getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("arrays.bin"));
            zip.write(arrays);
        }
        return f;
    }

    private static JsonArray shape(JsonObject json, int index) {
        return json.getAsJsonArray("arrays").get(index).getAsJsonObject().getAsJsonArray("shape");
    }

    private static String refused(Path f) {
        return assertThrows(CheckpointException.class, () -> Checkpoints.load(f)).getMessage();
    }

    @Test
    void negativeShapeIsDamageNotNegativeArraySize() throws IOException {
        Path f = edited("neg.ckpt", j -> shape(j, 0).set(0, GSON.toJsonTree(-784)), b -> { });
        String m = refused(f);
        assertTrue(m.contains("neg.ckpt") && m.contains("damaged") && m.contains("encoder1.0.W") && m.contains("[-784, 16]"), m);
    }

    @Test
    void shapeThatDisagreesWithTheHeadersModelIsRefusedEvenWithTheRightSize() throws IOException {
        Path f = edited("transposed.ckpt", j -> {
            JsonArray s = shape(j, 0);
            JsonArray t = new JsonArray();
            t.add(s.get(1));
            t.add(s.get(0));
            j.getAsJsonArray("arrays").get(0).getAsJsonObject().add("shape", t);
        }, b -> { });
        String m = refused(f);
        assertTrue(m.contains("[16, 784]") && m.contains("needs [784, 16]"), m);
    }

    @Test
    void missingHeaderFieldIsNamed() throws IOException {
        for (String field : new String[] {"step", "optimizerStep"}) {
            String m = refused(edited("nofield.ckpt", j -> j.remove(field), b -> { }));
            assertEquals("checkpoint " + dir.resolve("nofield.ckpt") + " is damaged: header field '" + field
                    + "' is missing; use another checkpoint, e.g. previous.ckpt beside it", m);
        }
        String m = refused(edited("nospec.ckpt", j -> j.getAsJsonObject("options").getAsJsonObject("spec")
                .remove("hiddenUnits"), b -> { }));
        assertTrue(m.contains("header field 'hiddenUnits' is missing") && !m.contains("NullPointer") && !m.contains("null"), m);
    }

    @Test
    void missingParameterOrExtraBytesAreDamage() throws IOException {
        String m = refused(edited("short.ckpt", j -> j.getAsJsonArray("arrays").remove(
                j.getAsJsonArray("arrays").size() - 1), b -> { }));
        assertTrue(m.contains("damaged"), m);
    }

    @Test
    void nonFiniteParametersOrMomentsAreRefusedOnLoadAndOnSave() throws IOException {
        Path nan = edited("nan.ckpt", j -> { }, b -> ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putFloat(40, Float.NaN));
        String m = refused(nan);
        assertTrue(m.contains("nan.ckpt") && m.contains("non-finite") && m.contains("encoder1.0.W"), m);

        TrainingCheckpoint cp = CheckpointsTest.checkpoint();
        Map<String, ModelState.NamedArray> arrays = new LinkedHashMap<>(cp.model().arrays());
        ModelState.NamedArray adam = arrays.get("decoder.0.b#adam");
        float[] v = adam.values().clone();
        v[0] = Float.POSITIVE_INFINITY;
        arrays.put("decoder.0.b#adam", new ModelState.NamedArray(adam.shape(), v));
        TrainingCheckpoint bad = new TrainingCheckpoint(cp.options(), new ModelState(cp.model().spec(), 1, arrays), 1, 0, 1);
        Path out = dir.resolve("inf.ckpt");
        assertTrue(assertThrows(CheckpointException.class, () -> Checkpoints.save(out, bad)).getMessage().contains("non-finite"));
        assertFalse(Files.exists(out));
    }

    @Test
    void momentsForOnlySomeParametersAreRefused() {
        TrainingCheckpoint cp = CheckpointsTest.checkpoint();
        Map<String, ModelState.NamedArray> arrays = new LinkedHashMap<>(cp.model().arrays());
        arrays.remove("decoder.0.b#adam");
        TrainingCheckpoint bad = new TrainingCheckpoint(cp.options(), new ModelState(cp.model().spec(), 1, arrays), 1, 0, 1);
        String m = assertThrows(CheckpointException.class, () -> Checkpoints.save(dir.resolve("x.ckpt"), bad)).getMessage();
        assertTrue(m.contains("Adam"), m);
    }
}

package org.concretelab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.concretelab.data.Binarization;
import org.concretelab.model.Architecture;
import org.concretelab.model.Centring;
import org.concretelab.model.LatentKind;
import org.concretelab.model.ModelSpec;
import org.concretelab.model.ModelState;
import org.concretelab.model.VaeModel;
import org.concretelab.model.VaeModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run's protocol and its EMA centring (with the moving averages) survive a checkpoint; older checkpoints read as off. */
class ProtocolCheckpointTest {
    @TempDir
    Path dir;

    @Test
    void theProtocolTheCentringAndItsAveragesRoundTrip() {
        ModelSpec spec = twoLayers(1e-4, Centring.INFERENCE);
        TrainingOptions options = options(spec, Protocol.PAPER);
        float[] batch = stripes(3);
        VaeModel m = trained(spec, batch, 2);
        ModelState state = m.state();
        float[] z1 = state.arrays().get("centring.z0").values(); // q(z2 | z1)'s input
        assertTrue(state.arrays().containsKey("centring.x"), "q(z1 | x)'s input: the image");
        assertTrue(java.util.Arrays.stream(toDouble(z1)).anyMatch(v -> v != 0), "two steps moved the averages");
        Path f = dir.resolve("c.ckpt");
        Checkpoints.save(f, new TrainingCheckpoint(options, state, 2, 0, 2));
        TrainingCheckpoint back = Checkpoints.load(f);
        assertEquals(Protocol.PAPER, back.options().protocol());
        assertEquals(Centring.INFERENCE, back.options().spec().centring());
        assertEquals(Protocol.PAPER, Checkpoints.header(f).options().protocol());
        assertArrayEquals(z1, back.model().arrays().get("centring.z0").values(), 0f);
        VaeModel restored = VaeModels.restore(back.model());
        assertArrayEquals(z1, restored.state().arrays().get("centring.z0").values(), 0f);
        assertEquals(m.relaxedElbo(batch, 10, 5), restored.relaxedElbo(batch, 10, 5), 0, "the same model, averages included");
        // a model-only export (no Adam moments) keeps the averages: they are model state, not optimiser state
        Path exported = dir.resolve("e.ckpt");
        Checkpoints.save(exported, new TrainingCheckpoint(options, state, 2, 0, 2), false);
        assertArrayEquals(z1, Checkpoints.load(exported).model().arrays().get("centring.z0").values(), 0f);
    }

    /**
     * A version-2 file's centring flag meant what builds then did (every network reading a stochastic layer centred
     * it): it reads as {@link Centring#EVERY_READER} and computes what it computed, not as the paper's centring.
     */
    @Test
    void aVersionTwoCentredCheckpointKeepsItsOwnCentring() throws Exception {
        ModelSpec spec = twoLayers(1e-3, Centring.EVERY_READER);
        TrainingOptions options = options(spec, Protocol.PROJECT);
        float[] batch = stripes(5);
        VaeModel m = trained(spec, batch, 1);
        Path f = dir.resolve("v2.ckpt");
        Checkpoints.save(f, new TrainingCheckpoint(options, m.state(), 1, 0, 1));
        Path v2 = dir.resolve("written-by-a-version-2-build.ckpt");
        rewriteHeader(f, v2, json -> {
            assertTrue(json.contains("\"centring\":\"every-reader\""), json);
            return json.replace("\"version\":3", "\"version\":2").replace("\"centring\":\"every-reader\"", "\"centring\":true");
        });
        TrainingCheckpoint back = Checkpoints.load(v2);
        assertEquals(Centring.EVERY_READER, back.options().spec().centring());
        assertEquals(m.relaxedElbo(batch, 10, 5), VaeModels.restore(back.model()).relaxedElbo(batch, 10, 5), 0);
    }

    private static ModelSpec twoLayers(double rate, Centring centring) {
        return new ModelSpec(Architecture.NONLINEAR_TWO, LatentKind.BINARY, 8, 2, 0, 16, 2.0 / 3, 0.5, 1, rate, "concrete",
                "density", centring);
    }

    private static TrainingOptions options(ModelSpec spec, Protocol protocol) {
        return new TrainingOptions(spec, 10, 2, 3, Binarization.DYNAMIC, 100, 20, 5, null, 0, 0, 0, protocol);
    }

    /** 10 images with every {@code every}-th pixel on. */
    private static float[] stripes(int every) {
        float[] batch = new float[10 * 784];
        for (int i = 0; i < batch.length; i += every) {
            batch[i] = 1f;
        }
        return batch;
    }

    /** A model of {@code spec} after {@code steps} training steps on {@code batch} (noise seeds 1, 2, …). */
    private static VaeModel trained(ModelSpec spec, float[] batch, int steps) {
        VaeModel m = VaeModels.create(spec, 3);
        for (int s = 1; s <= steps; s++) {
            m.trainStep(batch, 10, s);
        }
        return m;
    }

    /** Copies a checkpoint with its checkpoint.json passed through {@code edit} (the arrays as they are). */
    private static void rewriteHeader(Path from, Path to, java.util.function.UnaryOperator<String> edit) throws Exception {
        try (var in = new java.util.zip.ZipInputStream(java.nio.file.Files.newInputStream(from));
             var out = new java.util.zip.ZipOutputStream(java.nio.file.Files.newOutputStream(to))) {
            for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                byte[] bytes = in.readAllBytes();
                if (e.getName().equals("checkpoint.json")) {
                    bytes = edit.apply(new String(bytes, java.nio.charset.StandardCharsets.UTF_8))
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
                }
                out.putNextEntry(new java.util.zip.ZipEntry(e.getName()));
                out.write(bytes);
                out.closeEntry();
            }
        }
    }

    @Test
    void aCheckpointFromBeforeTheProtocolReadsAsTheProjectsWithoutCentring() {
        TrainingCheckpoint old = Checkpoints.load(Path.of("assets/models/default.ckpt"));
        assertEquals(Protocol.PROJECT, old.options().protocol());
        assertEquals(Centring.OFF, old.options().spec().centring());
        assertFalse(old.model().arrays().containsKey("centring.z0"));
        VaeModels.restore(old.model()); // and it loads as ever
    }

    private static double[] toDouble(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }
}

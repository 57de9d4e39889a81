package org.concretelab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.concretelab.data.Binarization;
import org.concretelab.model.Architecture;
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
        ModelSpec spec = new ModelSpec(Architecture.NONLINEAR_TWO, LatentKind.BINARY, 8, 2, 0, 16, 2.0 / 3, 0.5, 1, 1e-4,
                "concrete", "density", true);
        TrainingOptions options = new TrainingOptions(spec, 10, 2, 3, Binarization.DYNAMIC, 100, 20, 5, null, 0, 0, 0,
                Protocol.PAPER);
        VaeModel m = VaeModels.create(spec, 3);
        float[] batch = new float[10 * 784];
        for (int i = 0; i < batch.length; i += 3) {
            batch[i] = 1f;
        }
        m.trainStep(batch, 10, 1);
        m.trainStep(batch, 10, 2);
        ModelState state = m.state();
        float[] z1 = state.arrays().get("centring.z1").values();
        assertTrue(java.util.Arrays.stream(toDouble(z1)).anyMatch(v -> v != 0), "two steps moved the averages");
        Path f = dir.resolve("c.ckpt");
        Checkpoints.save(f, new TrainingCheckpoint(options, state, 2, 0, 2));
        TrainingCheckpoint back = Checkpoints.load(f);
        assertEquals(Protocol.PAPER, back.options().protocol());
        assertTrue(back.options().spec().centring());
        assertEquals(Protocol.PAPER, Checkpoints.header(f).options().protocol());
        assertArrayEquals(z1, back.model().arrays().get("centring.z1").values(), 0f);
        VaeModel restored = VaeModels.restore(back.model());
        assertArrayEquals(z1, restored.state().arrays().get("centring.z1").values(), 0f);
        assertEquals(m.relaxedElbo(batch, 10, 5), restored.relaxedElbo(batch, 10, 5), 0, "the same model, averages included");
        // a model-only export (no Adam moments) keeps the averages: they are model state, not optimiser state
        Path exported = dir.resolve("e.ckpt");
        Checkpoints.save(exported, new TrainingCheckpoint(options, state, 2, 0, 2), false);
        assertArrayEquals(z1, Checkpoints.load(exported).model().arrays().get("centring.z1").values(), 0f);
    }

    @Test
    void aCheckpointFromBeforeTheProtocolReadsAsTheProjectsWithoutCentring() {
        TrainingCheckpoint old = Checkpoints.load(Path.of("assets/models/default.ckpt"));
        assertEquals(Protocol.PROJECT, old.options().protocol());
        assertFalse(old.options().spec().centring());
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

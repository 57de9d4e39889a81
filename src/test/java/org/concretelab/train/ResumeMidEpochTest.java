package org.concretelab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.concretelab.data.Binarization;
import org.concretelab.data.MnistFiles;
import org.concretelab.data.MnistSplits;
import org.concretelab.model.Architecture;
import org.concretelab.model.LatentKind;
import org.concretelab.model.ModelSpec;
import org.concretelab.model.ModelState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stop in the middle of an epoch, reload the checkpoint from disk, continue: every minibatch objective,
 * every validation score and every parameter equal an uninterrupted run's, also with the learning-rate
 * decay and temperature annealing schedules on and a multi-sample categorical model.
 */
class ResumeMidEpochTest {
    static final ModelSpec SPEC = new ModelSpec(Architecture.NONLINEAR_ONE, LatentKind.CATEGORICAL, 8, 4, 0, 24,
            1.0, 2.0 / 3, 2, 2e-3);

    @TempDir
    Path dir;

    private static TrainingOptions options(Path out) {
        // 200 images, batch 20: 10 steps per epoch, 2 epochs; lr 2e-3 → 2e-4, temperatures × 1 → × 0.5
        return new TrainingOptions(SPEC, 20, 2, 11, Binarization.DYNAMIC, 200, 40, 3, out, 2e-4, 0.5);
    }

    private static List<TrainingEvent> run(Trainer t, long stopAfter) throws InterruptedException {
        List<TrainingEvent> events = new CopyOnWriteArrayList<>();
        t.addListener(events::add);
        t.addListener(e -> { // on the trainer thread, right after that step: the stop lands exactly there
            if (stopAfter > 0 && e instanceof TrainingEvent.Step s && s.step() == stopAfter) {
                t.stop();
            }
        });
        t.start();
        assertTrue(t.awaitTermination(60, TimeUnit.SECONDS));
        return events;
    }

    private static <T extends TrainingEvent> List<T> only(List<TrainingEvent> events, Class<T> type) {
        List<T> out = new ArrayList<>();
        for (TrainingEvent e : events) {
            if (type.isInstance(e)) {
                out.add(type.cast(e));
            }
        }
        return out;
    }

    @Test
    void stopMidEpochReloadAndContinueEqualsAnUninterruptedRun() throws Exception {
        MnistSplits data = MnistSplits.load(MnistFiles.defaultDir());
        Trainer whole = new Trainer(options(null), data);
        List<TrainingEvent> wholeEvents = run(whole, 0);
        assertEquals(20, whole.step());

        Path out = dir.resolve("parts");
        Trainer first = new Trainer(options(out), data);
        List<TrainingEvent> firstEvents = run(first, 13); // epoch 1, batch 3
        TrainingCheckpoint cp = Checkpoints.load(out.resolve("last.ckpt"));
        assertEquals(13, cp.step());
        assertEquals(1, cp.epoch());
        assertEquals(3, cp.batchInEpoch());
        Trainer second = Trainer.resume(cp, data, out);
        List<TrainingEvent> secondEvents = run(second, 0);
        assertEquals(TrainerState.FINISHED, second.state());

        List<Double> joined = new ArrayList<>();
        for (TrainingEvent.Step s : only(firstEvents, TrainingEvent.Step.class)) {
            joined.add(s.relaxedElbo());
        }
        for (TrainingEvent.Step s : only(secondEvents, TrainingEvent.Step.class)) {
            joined.add(s.relaxedElbo());
        }
        List<Double> expected = only(wholeEvents, TrainingEvent.Step.class).stream().map(TrainingEvent.Step::relaxedElbo).toList();
        assertEquals(expected, joined, "every minibatch objective, exactly");
        List<TrainingEvent.Epoch> epochs = new ArrayList<>(only(firstEvents, TrainingEvent.Epoch.class));
        epochs.addAll(only(secondEvents, TrainingEvent.Epoch.class));
        assertEquals(only(wholeEvents, TrainingEvent.Epoch.class), epochs, "the same validation scores");
        ModelState a = whole.snapshot();
        ModelState b = second.snapshot();
        assertEquals(a.arrays().keySet(), b.arrays().keySet());
        for (String name : a.arrays().keySet()) {
            assertArrayEquals(a.arrays().get(name).values(), b.arrays().get(name).values(), name);
        }
        assertEquals(whole.model().learningRate(), second.model().learningRate());
        assertArrayEquals(whole.model().temperatures(), second.model().temperatures());
    }
}

package org.concretelab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.concretelab.data.Binarization;
import org.concretelab.model.Architecture;
import org.concretelab.model.LatentKind;
import org.concretelab.model.ModelSpec;
import org.concretelab.model.VaeModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With the real VAE: stop mid-epoch, save, resume, and end exactly where an uninterrupted run ends. */
class ResumeTest {
    static final ModelSpec SPEC = new ModelSpec(Architecture.NONLINEAR_ONE, LatentKind.BINARY, 10, 2, 0, 24,
            2.0 / 3, 0.5, 2, 3e-3);

    @TempDir
    Path dir;

    private static Trainer fresh(Path out) {
        TrainingOptions o = new TrainingOptions(SPEC, 40, 3, 5, Binarization.DYNAMIC, 200, 80, 4, out);
        return new Trainer(o, VaeModels.create(SPEC, o.seed()), new SyntheticBatches(200, 40, 5),
                new SyntheticBatches(80, Trainer.EVAL_BATCH, 6), 0, 0, 0, out);
    }

    private static List<TrainingEvent> run(Trainer t, long stopAfter) throws InterruptedException {
        List<TrainingEvent> events = new CopyOnWriteArrayList<>();
        t.addListener(events::add);
        if (stopAfter > 0) { // called on the trainer thread right after that step: stops exactly there
            t.addListener(e -> {
                if (e instanceof TrainingEvent.Step s && s.step() == stopAfter) {
                    t.stop();
                }
            });
        }
        t.start();
        assertTrue(t.awaitTermination(60, TimeUnit.SECONDS));
        return events;
    }

    private static List<Double> losses(List<TrainingEvent> events) {
        return events.stream().filter(TrainingEvent.Step.class::isInstance).map(e -> ((TrainingEvent.Step) e).relaxedElbo())
                .toList();
    }

    @Test
    void stopSaveResumeMatchesAnUninterruptedRunBitForBit() throws Exception {
        Trainer whole = fresh(dir.resolve("whole"));
        List<TrainingEvent> wholeEvents = run(whole, 0);
        assertEquals(TrainerState.FINISHED, whole.state());
        assertEquals(15, whole.step());

        Path out = dir.resolve("parts");
        Trainer first = fresh(out);
        List<TrainingEvent> firstEvents = run(first, 7); // epoch 1, batch 2 of 5
        assertEquals(TrainerState.STOPPED, first.state());
        TrainingCheckpoint cp = Checkpoints.load(out.resolve(Trainer.LAST));
        assertEquals(7, cp.step());
        assertEquals(1, cp.epoch());
        assertEquals(2, cp.batchInEpoch());

        Trainer second = Trainer.resume(cp, new SyntheticBatches(200, 40, 5), new SyntheticBatches(80, Trainer.EVAL_BATCH, 6),
                out);
        List<TrainingEvent> secondEvents = run(second, 0);
        assertEquals(TrainerState.FINISHED, second.state());
        assertEquals(15, second.step());

        List<Double> joined = new java.util.ArrayList<>(losses(firstEvents));
        joined.addAll(losses(secondEvents));
        assertEquals(losses(wholeEvents), joined, "every minibatch loss, exactly");
        CheckpointsTest.assertSameState(whole.snapshot(), second.snapshot());
        CheckpointsTest.assertSameState(Checkpoints.load(dir.resolve("whole").resolve(Trainer.LAST)).model(),
                Checkpoints.load(out.resolve(Trainer.LAST)).model());
        List<TrainingEvent.Epoch> a = wholeEvents.stream().filter(TrainingEvent.Epoch.class::isInstance)
                .map(TrainingEvent.Epoch.class::cast).toList();
        List<TrainingEvent.Epoch> b = new java.util.ArrayList<>();
        for (TrainingEvent e : firstEvents) {
            if (e instanceof TrainingEvent.Epoch ep) {
                b.add(ep);
            }
        }
        for (TrainingEvent e : secondEvents) {
            if (e instanceof TrainingEvent.Epoch ep) {
                b.add(ep);
            }
        }
        assertEquals(a, b, "the same validation scores after every epoch");
    }
}

package org.concretelab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.concretelab.data.Binarization;
import org.concretelab.model.Architecture;
import org.concretelab.model.LatentKind;
import org.concretelab.model.ModelSpec;
import org.concretelab.model.ModelState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trainer's mechanics with a fast stand-in model: events, logs, checkpoints, control, failures. */
class TrainerTest {
    static final ModelSpec SPEC = new ModelSpec(Architecture.NONLINEAR_ONE, LatentKind.BINARY, 8, 2, 0, 16,
            2.0 / 3, 0.5, 1, 1e-3);

    @TempDir
    Path dir;

    /** 200 images in batches of 50 (4 steps per epoch), 100 validation images. */
    private Trainer trainer(ModelSpec spec, FakeModel model, int epochs, Path out) {
        TrainingOptions o = new TrainingOptions(spec, 50, epochs, 11, Binarization.DYNAMIC, 200, 100, 5, out);
        return new Trainer(o, model, new SyntheticBatches(200, 50, 11), new SyntheticBatches(100, Trainer.EVAL_BATCH, 99),
                0, 0, 0, out);
    }

    private static List<TrainingEvent> record(Trainer t) {
        List<TrainingEvent> events = new CopyOnWriteArrayList<>();
        t.addListener(events::add);
        return events;
    }

    private static <T extends TrainingEvent> List<T> only(List<TrainingEvent> events, Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static List<TrainerState> states(List<TrainingEvent> events) {
        return only(events, TrainingEvent.StateChanged.class).stream().map(TrainingEvent.StateChanged::state).toList();
    }

    private static void awaitEnd(Trainer t) throws InterruptedException {
        assertTrue(t.awaitTermination(30, TimeUnit.SECONDS), "trainer did not end; state " + t.state());
    }

    private static void awaitState(Trainer t, TrainerState s) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (t.state() != s) {
            assertTrue(System.nanoTime() < end, "state " + s + " not reached; is " + t.state());
            Thread.sleep(2);
        }
    }

    @Test
    void aRunPublishesOrderedEventsAndWritesLogsAndCheckpoints() throws Exception {
        Path out = dir.resolve("run");
        Trainer t = trainer(SPEC, new FakeModel(SPEC, 1), 2, out);
        List<TrainingEvent> events = record(t);
        assertEquals(TrainerState.NEW, t.state());
        t.start();
        awaitEnd(t);
        assertEquals(TrainerState.FINISHED, t.state());
        assertEquals(List.of(TrainerState.RUNNING, TrainerState.FINISHED), states(events));

        List<TrainingEvent.Step> steps = only(events, TrainingEvent.Step.class);
        assertEquals(8, steps.size());
        for (int i = 0; i < 8; i++) {
            TrainingEvent.Step s = steps.get(i);
            assertEquals(i + 1, s.step());
            assertEquals(i / 4, s.epoch());
            assertEquals((i % 4 + 1) / 4.0, s.epochFraction(), 1e-12);
            assertTrue(Double.isFinite(s.relaxedElbo()) && s.relaxedElbo() < 0, "a log-likelihood: " + s.relaxedElbo());
            assertTrue(s.examplesPerSecond() > 0, "rate " + s.examplesPerSecond());
            assertTrue(s.etaSeconds() >= 0, "eta " + s.etaSeconds());
        }
        assertEquals(steps.get(0).relaxedElbo(), steps.get(0).runningMean(), 1e-9, "bias-corrected EMA starts at the first loss");
        // after the last step only the last epoch's validation remains, estimated from the first one's time
        assertTrue(steps.get(7).etaSeconds() < 5, "eta " + steps.get(7).etaSeconds());

        List<TrainingEvent.Epoch> epochs = only(events, TrainingEvent.Epoch.class);
        assertEquals(List.of(0, 1), epochs.stream().map(TrainingEvent.Epoch::epoch).toList());
        assertEquals(List.of(4L, 8L), epochs.stream().map(TrainingEvent.Epoch::step).toList());
        assertTrue(epochs.get(1).validationRelaxedElbo() > epochs.get(0).validationRelaxedElbo(), "the stand-in learns");
        // events of one epoch come in order: its 4 steps, then Epoch, then CheckpointSaved
        int firstEpoch = events.indexOf(epochs.get(0));
        assertEquals(4L, ((TrainingEvent.Step) events.get(firstEpoch - 1)).step());
        TrainingEvent.CheckpointSaved saved = assertInstanceOf(TrainingEvent.CheckpointSaved.class, events.get(firstEpoch + 1));
        assertEquals(out.resolve(Trainer.LAST), saved.path());

        TrainingCheckpoint last = Checkpoints.load(out.resolve(Trainer.LAST));
        assertEquals(8, last.step());
        assertEquals(2, last.epoch());
        assertEquals(0, last.batchInEpoch());
        assertEquals(t.options(), last.options());
        assertEquals(4, Checkpoints.load(out.resolve(Trainer.PREVIOUS)).step());
        assertEquals(out.resolve(Trainer.LAST), t.lastGoodCheckpoint());

        List<String> training = Files.readAllLines(out.resolve(RunLog.TRAINING));
        assertEquals(RunLog.TRAINING_HEADER, training.get(0));
        assertEquals(9, training.size());
        assertTrue(training.get(8).startsWith("8,1,"), training.get(8));
        List<String> epochLines = Files.readAllLines(out.resolve(RunLog.EPOCHS));
        assertEquals(RunLog.EPOCHS_HEADER, epochLines.get(0));
        assertEquals(3, epochLines.size());
        assertTrue(epochLines.get(2).startsWith("1,8,"), epochLines.get(2));
        try (var files = Files.list(out)) {
            assertEquals(4, files.count(), "no temporary files left: " + Files.list(out).toList());
        }
    }

    @Test
    void pauseResumeAndStopActAtStepBoundaries() throws Exception {
        FakeModel model = new FakeModel(SPEC, 2);
        model.delayMillis = 3;
        Path out = dir.resolve("run");
        Trainer t = trainer(SPEC, model, 10_000, out);
        List<TrainingEvent> events = record(t);
        t.start();
        assertThrows(IllegalStateException.class, t::start);
        while (t.step() < 3) {
            Thread.sleep(1);
        }
        t.pause();
        awaitState(t, TrainerState.PAUSED);
        long pausedAt = t.step();
        Thread.sleep(60);
        assertEquals(pausedAt, t.step(), "no step while paused");
        ModelState snap = t.snapshot();
        assertEquals(pausedAt, snap.step(), "the snapshot is taken between steps");
        Path manual = t.saveCheckpoint(dir.resolve("manual.ckpt"));
        assertEquals(pausedAt, Checkpoints.load(manual).step());

        t.resume();
        awaitState(t, TrainerState.RUNNING);
        while (t.step() < pausedAt + 3) {
            Thread.sleep(1);
        }
        t.stop();
        awaitEnd(t);
        assertEquals(TrainerState.STOPPED, t.state());
        assertEquals(List.of(TrainerState.RUNNING, TrainerState.PAUSED, TrainerState.RUNNING, TrainerState.STOPPED),
                states(events));
        long stoppedAt = t.step();
        assertEquals(stoppedAt, only(events, TrainingEvent.Step.class).size(), "one Step event per step");
        TrainingCheckpoint last = Checkpoints.load(out.resolve(Trainer.LAST));
        assertEquals(stoppedAt, last.step(), "a final checkpoint at stop");
        // position of the next batch (a stop right after an epoch's last step leaves batchInEpoch = 4, validation pending)
        assertEquals(stoppedAt, 4L * last.epoch() + last.batchInEpoch());
        assertTrue(last.batchInEpoch() >= 0 && last.batchInEpoch() <= 4, "batchInEpoch " + last.batchInEpoch());
        assertArrayEquals(t.snapshot().arrays().get("theta").values(), last.model().arrays().get("theta").values());
    }

    @Test
    void stopWhilePausedEndsTheRun() throws Exception {
        FakeModel model = new FakeModel(SPEC, 2);
        model.delayMillis = 2;
        Trainer t = trainer(SPEC, model, 10_000, null);
        t.start();
        t.pause();
        awaitState(t, TrainerState.PAUSED);
        t.stop();
        awaitEnd(t);
        assertEquals(TrainerState.STOPPED, t.state());
    }

    @Test
    void stopBeforeStartEndsAtOnce() throws Exception {
        Trainer t = trainer(SPEC, new FakeModel(SPEC, 1), 1, null);
        t.stop();
        awaitEnd(t);
        assertEquals(TrainerState.STOPPED, t.state());
        assertThrows(IllegalStateException.class, t::start);
    }

    @Test
    void aThrowingListenerDoesNotStopTraining() throws Exception {
        Trainer t = trainer(SPEC, new FakeModel(SPEC, 1), 2, null);
        t.addListener(e -> {
            throw new IllegalStateException("listener bug");
        });
        List<TrainingEvent> events = record(t);
        t.start();
        awaitEnd(t);
        assertEquals(TrainerState.FINISHED, t.state());
        assertEquals(8, only(events, TrainingEvent.Step.class).size());
    }

    @Test
    void aNanLossFailsWithAdviceAndKeepsTheLastGoodCheckpoint() throws Exception {
        ModelSpec cold = new ModelSpec(Architecture.NONLINEAR_ONE, LatentKind.BINARY, 8, 2, 0, 16, 0.01, 0.5, 1, 1e-3);
        FakeModel model = new FakeModel(cold, 3);
        model.nanAtStep = 7; // epoch 0 ends (and is checkpointed) at step 4
        Path out = dir.resolve("run");
        Trainer t = trainer(cold, model, 5, out);
        List<TrainingEvent> events = record(t);
        t.start();
        awaitEnd(t);
        assertEquals(TrainerState.FAILED, t.state());
        assertEquals(TrainerState.FAILED, states(events).get(states(events).size() - 1));
        List<TrainingEvent.Failed> failed = only(events, TrainingEvent.Failed.class);
        assertEquals(1, failed.size());
        TrainingEvent.Failed f = failed.get(0);
        assertEquals(7, f.step());
        assertTrue(f.problem().contains("NaN") && f.problem().contains("step 7"), f.problem());
        assertTrue(f.advice().contains("λ1=0.01") && f.advice().contains("raise it"), f.advice());
        assertEquals(out.resolve(Trainer.LAST), f.lastGood());
        assertEquals(6, t.step(), "the failed step is not counted");
        assertEquals(6, only(events, TrainingEvent.Step.class).size());

        TrainingCheckpoint good = Checkpoints.load(f.lastGood());
        assertEquals(4, good.step());
        assertNull(Trainer.nonFinite(good.model()));
        assertFalse(Files.exists(out.resolve(Trainer.PREVIOUS)), "only one checkpoint was written");
        // saving the broken state by hand is refused too
        CheckpointException e = assertThrows(CheckpointException.class, () -> t.saveCheckpoint(dir.resolve("bad.ckpt")));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("bad.ckpt")));
    }

    @Test
    void nonFiniteParametersAreNotCheckpointed() throws Exception {
        FakeModel model = new FakeModel(SPEC, 3);
        Path out = dir.resolve("run");
        Trainer t = trainer(SPEC, model, 3, out);
        List<TrainingEvent> events = record(t);
        // a model whose loss stays finite while its weights turn NaN: caught when the epoch is scored
        t.addListener(e -> {
            if (e instanceof TrainingEvent.Step s && s.step() == 6) {
                model.load(new ModelState(SPEC, 6, java.util.Map.of("theta",
                        new ModelState.NamedArray(new long[] {784}, filled(Float.POSITIVE_INFINITY)))));
            }
        });
        t.start();
        awaitEnd(t);
        assertEquals(TrainerState.FAILED, t.state());
        TrainingEvent.Failed f = only(events, TrainingEvent.Failed.class).get(0);
        assertNotNull(f.lastGood());
        assertEquals(4, Checkpoints.load(f.lastGood()).step());
    }

    private static float[] filled(float v) {
        float[] a = new float[784];
        java.util.Arrays.fill(a, v);
        return a;
    }

    @Test
    void adviceNamesTheLikelyCause() {
        assertTrue(Trainer.advice(new ModelSpec(Architecture.LINEAR_ONE, LatentKind.BINARY, 8, 2, 0, 8, 0.5, 0.05, 1, 1e-3))
                .contains("λ2=0.05"));
        assertTrue(Trainer.advice(new ModelSpec(Architecture.LINEAR_ONE, LatentKind.BINARY, 8, 2, 0, 8, 0.5, 0.5, 1, 0.05))
                .contains("learning rate 0.05"));
    }

    @Test
    void csvLogsAppendAcrossRuns() throws IOException, InterruptedException {
        Path out = dir.resolve("run");
        for (int run = 0; run < 2; run++) {
            Trainer t = trainer(SPEC, new FakeModel(SPEC, 1), 1, out);
            t.start();
            awaitEnd(t);
        }
        List<String> lines = Files.readAllLines(out.resolve(RunLog.TRAINING));
        assertEquals(1 + 8, lines.size(), "one header, then 4 steps per run");
    }
}

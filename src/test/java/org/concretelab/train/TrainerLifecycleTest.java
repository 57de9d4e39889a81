package org.concretelab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.concretelab.data.Binarization;
import org.concretelab.data.MnistFiles;
import org.concretelab.data.MnistSplits;
import org.concretelab.model.VaeModel;
import org.concretelab.model.VaeModels;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Edges of the trainer's life cycle: requests that race with its end, stop before start, failure after resume. */
class TrainerLifecycleTest {
    static MnistSplits data;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() {
        data = MnistSplits.load(MnistFiles.defaultDir());
    }

    /**
     * A checkpoint request made while the trainer writes its final checkpoint (state still RUNNING) must
     * be served, not queued forever: a UI thread waiting on it would freeze.
     */
    @Test
    void aCheckpointRequestRacingWithTheEndOfTheRunIsServed() throws Exception {
        Trainer t = new Trainer(TrainerTest.options(TrainerTest.SPEC, 1, dir.resolve("run")), data);
        AtomicReference<CompletableFuture<Path>> request = new AtomicReference<>();
        t.addListener(e -> {
            // the run's only checkpoint: the end of its only epoch, just before FINISHED
            if (e instanceof TrainingEvent.CheckpointSaved && request.get() == null) {
                request.set(CompletableFuture.supplyAsync(() -> t.saveCheckpoint(dir.resolve("manual.ckpt"))));
                sleep(300); // the other thread queues its request while this one still runs
            }
        });
        t.start();
        assertTrue(t.awaitTermination(60, TimeUnit.SECONDS));
        assertEquals(TrainerState.FINISHED, t.state());
        Path saved = request.get().get(10, TimeUnit.SECONDS); // hung forever before the fix
        assertEquals(t.step(), Checkpoints.load(saved).step());
    }

    @Test
    void aStopRequestRacingWithAStopIsServedToo() throws Exception {
        Trainer t = new Trainer(TrainerTest.options(TrainerTest.SPEC, 50, dir.resolve("run")), data);
        AtomicReference<CompletableFuture<TrainingCheckpoint>> request = new AtomicReference<>();
        t.addListener(e -> {
            if (e instanceof TrainingEvent.Step s && s.step() == 3) {
                t.stop();
            }
            if (e instanceof TrainingEvent.CheckpointSaved && request.get() == null) { // the checkpoint written at stop
                request.set(CompletableFuture.supplyAsync(t::checkpoint));
                sleep(300);
            }
        });
        t.start();
        assertTrue(t.awaitTermination(60, TimeUnit.SECONDS));
        assertEquals(TrainerState.STOPPED, t.state());
        assertEquals(3, request.get().get(10, TimeUnit.SECONDS).step());
    }

    @Test
    void stopBeforeStartEndsTheTrainer() throws Exception {
        Trainer t = new Trainer(TrainerTest.options(TrainerTest.SPEC, 1, null), data);
        List<TrainingEvent> events = new CopyOnWriteArrayList<>();
        t.addListener(events::add);
        t.stop();
        assertTrue(t.awaitTermination(1, TimeUnit.SECONDS), "awaitTermination must not wait for a run that never starts");
        assertEquals(TrainerState.STOPPED, t.state());
        assertEquals(List.of(new TrainingEvent.StateChanged(TrainerState.STOPPED, "stopped before it started")), events);
        assertThrows(IllegalStateException.class, t::start);
    }

    /** A run that fails before writing its own checkpoint still points at the good one in its folder. */
    @Test
    void aFailureBeforeTheFirstCheckpointNamesTheOneAlreadyInTheFolder() throws Exception {
        Path out = dir.resolve("run");
        Trainer first = new Trainer(TrainerTest.options(TrainerTest.SPEC, 1, out), data);
        first.start();
        assertTrue(first.awaitTermination(60, TimeUnit.SECONDS));
        TrainingCheckpoint cp = Checkpoints.load(out.resolve("last.ckpt"));

        VaeModel real = VaeModels.restore(cp.model());
        VaeModel diverging = (VaeModel) java.lang.reflect.Proxy.newProxyInstance(VaeModel.class.getClassLoader(),
                new Class<?>[] {VaeModel.class}, (proxy, method, args) -> method.getName().equals("trainStep")
                        ? Double.NaN : method.invoke(real, args));
        // the folder holds a run, so the failing run continues it (a fresh run there is refused)
        Trainer second = Trainer.resume(cp.options().withOutput(out, 3), cp, out.resolve("last.ckpt"), data, diverging);
        List<TrainingEvent.Failed> failures = new CopyOnWriteArrayList<>();
        second.addListener(e -> {
            if (e instanceof TrainingEvent.Failed f) {
                failures.add(f);
            }
        });
        second.start();
        assertTrue(second.awaitTermination(60, TimeUnit.SECONDS));
        assertEquals(TrainerState.FAILED, second.state());
        assertEquals(out.resolve("last.ckpt"), failures.get(0).lastGood());
        assertTrue(failures.get(0).advice().contains(out.resolve("last.ckpt").toString()), failures.get(0).advice());
        assertEquals(cp.step(), Checkpoints.load(out.resolve("last.ckpt")).step(), "the good checkpoint is untouched");
    }

    /** Listeners hear every event, the first included, on the trainer thread (never on the caller's). */
    @Test
    void everyEventArrivesOnTheTrainerThread() throws Exception {
        Trainer t = new Trainer(TrainerTest.options(TrainerTest.SPEC, 1, dir.resolve("run")), data);
        List<String> threads = new CopyOnWriteArrayList<>();
        List<TrainingEvent> events = new CopyOnWriteArrayList<>();
        t.addListener(e -> {
            threads.add(Thread.currentThread().getName());
            events.add(e);
        });
        t.start();
        assertEquals(TrainerState.RUNNING, t.state(), "RUNNING as soon as start() returns");
        assertTrue(t.awaitTermination(60, TimeUnit.SECONDS));
        assertEquals(new TrainingEvent.StateChanged(TrainerState.RUNNING, "training " + TrainerTest.SPEC.describe()),
                events.get(0));
        assertTrue(threads.stream().allMatch("trainer"::equals), threads.toString());
    }

    /** The ETA counts the validation each remaining epoch will need, not only the remaining steps. */
    @Test
    void theEtaIncludesTheRemainingValidations() throws Exception {
        // 10 quick steps per epoch, then 200 validation images with k = 100: scoring dominates each epoch
        TrainingOptions o = new TrainingOptions(TrainerTest.SPEC, 20, 3, 7, Binarization.DYNAMIC, 200, 200, 100, null, 0);
        Trainer t = new Trainer(o, data);
        List<long[]> marks = new CopyOnWriteArrayList<>(); // {kind, nanoTime}: 0 = last step of epoch 0, 1 = its Epoch event
        List<Double> etaAfterFirstEpoch = new CopyOnWriteArrayList<>();
        t.addListener(e -> {
            if (e instanceof TrainingEvent.Step s && s.step() == 10) {
                marks.add(new long[] {0, System.nanoTime()});
            } else if (e instanceof TrainingEvent.Epoch ep && ep.epoch() == 0) {
                marks.add(new long[] {1, System.nanoTime()});
            } else if (e instanceof TrainingEvent.Step s && s.step() == 12) {
                etaAfterFirstEpoch.add(s.etaSeconds());
            }
        });
        t.start();
        assertTrue(t.awaitTermination(120, TimeUnit.SECONDS));
        double validation = (marks.get(1)[1] - marks.get(0)[1]) / 1e9;
        // two validations (and 18 quick steps) remain at step 12: expect about 2 × validation; the bounds allow
        // for timing noise on a shared 2-core machine, and the upper one catches a throughput polluted by scoring time
        double eta = etaAfterFirstEpoch.get(0);
        assertTrue(eta >= validation && eta <= 3 * validation + 2, "ETA " + eta + " s, one validation " + validation + " s");
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

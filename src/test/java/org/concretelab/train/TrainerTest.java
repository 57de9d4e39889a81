package org.concretelab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
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
import org.concretelab.model.VaeModel;
import org.concretelab.model.VaeModels;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trainer on a small slice of real MNIST with a small real model. */
class TrainerTest {
    static final ModelSpec SPEC = new ModelSpec(Architecture.NONLINEAR_ONE, LatentKind.BINARY, 16, 2, 0, 32, 2.0 / 3, 0.5, 1, 1e-3);
    static MnistSplits data;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() {
        data = MnistSplits.load(MnistFiles.defaultDir());
    }

    static TrainingOptions options(ModelSpec spec, int epochs, Path out) {
        return new TrainingOptions(spec, 20, epochs, 7, Binarization.DYNAMIC, 200, 40, 5, out, 0);
    }

    /** The app's runs start on one thread and take their cores after a warm-up: the same steps as a run on them all. */
    @Test
    void aRunWarmedUpOnOneThreadTakesItsThreadsAfterwardsAndTrainsTheSameSteps(@TempDir Path other) throws Exception {
        Trainer plain = new Trainer(options(SPEC, 3, dir), data);
        plain.model().setThreads(2);
        plain.start();
        assertTrue(plain.awaitTermination(60, TimeUnit.SECONDS));
        Trainer warmed = new Trainer(options(SPEC, 3, other), data);
        warmed.warmUpOnOneThread(java.time.Duration.ofMillis(30), 2);
        assertEquals(1, warmed.model().threads(), "one thread first");
        int[] stepsOnOne = new int[1];
        warmed.addListener(e -> { // on the training thread: 2 ms a step, so the 30 steps outlast the warm-up on any machine
            if (e instanceof TrainingEvent.Step) {
                stepsOnOne[0] += warmed.model().threads() == 1 ? 1 : 0;
                try {
                    Thread.sleep(2);
                } catch (InterruptedException x) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        warmed.start();
        assertTrue(warmed.awaitTermination(60, TimeUnit.SECONDS));
        assertEquals(2, warmed.model().threads(), "its threads after the warm-up");
        assertTrue(stepsOnOne[0] > 0 && stepsOnOne[0] < 30, stepsOnOne[0] + " of 30 steps on one thread");
        assertEquals(objectives(dir), objectives(other), "step for step the same objectives");
    }

    /** training.csv's step, epoch and objective columns (its speed column differs from run to run). */
    private static List<String> objectives(Path run) throws java.io.IOException {
        return Files.readAllLines(run.resolve("training.csv")).stream()
                .map(l -> String.join(",", java.util.Arrays.asList(l.split(",")).subList(0, 4))).toList();
    }

    @Test
    void runsToTheEndWithEventsLogsAndCheckpoint() throws Exception {
        Trainer t = new Trainer(options(SPEC, 2, dir), data);
        List<TrainingEvent> events = new CopyOnWriteArrayList<>();
        t.addListener(events::add);
        t.addListener(e -> {
            throw new IllegalStateException("a faulty listener must not stop training");
        });
        t.start();
        assertTrue(t.awaitTermination(60, TimeUnit.SECONDS));
        assertEquals(TrainerState.FINISHED, t.state());
        assertEquals(20, t.step());
        assertEquals(20, events.stream().filter(e -> e instanceof TrainingEvent.Step).count());
        assertEquals(2, events.stream().filter(e -> e instanceof TrainingEvent.Epoch).count());
        TrainingEvent.Epoch last = (TrainingEvent.Epoch) events.stream().filter(e -> e instanceof TrainingEvent.Epoch)
                .reduce((a, b) -> b).orElseThrow();
        assertTrue(last.validationNll() > 0 && last.validationNll() < 800, "NLL " + last.validationNll());
        List<String> steps = Files.readAllLines(dir.resolve("training.csv"));
        List<String> epochs = Files.readAllLines(dir.resolve("epochs.csv"));
        assertEquals(RunLog.runHeader(t.options()), epochs.get(0), "epochs.csv opens with the run header");
        epochs = epochs.subList(1, epochs.size());
        assertEquals(21, steps.size());
        assertEquals(3, epochs.size());
        // both logs count epochs from 1: step 10 ends epoch 1, which is epochs.csv's first row
        assertEquals("10,1", steps.get(10).substring(0, 4));
        assertEquals("11,2", steps.get(11).substring(0, 4));
        assertEquals("1,10,", epochs.get(1).substring(0, 5));
        assertEquals("2,20,", epochs.get(2).substring(0, 5));
        TrainingCheckpoint cp = Checkpoints.load(dir.resolve("last.ckpt"));
        assertEquals(20, cp.step());
        assertEquals(2, cp.epoch());
    }

    @Test
    void validationSplitOverTwoThreadsScoresWhatOneThreadScores() throws Exception {
        // 1,000 images = two chunks, one per thread; annealed temperatures, which the second thread's copy must share
        TrainingOptions o = new TrainingOptions(SPEC, 20, 1, 7, Binarization.DYNAMIC, 200, 1000, 3, null, 1e-3, 0.5);
        Trainer t = new Trainer(o, data);
        t.model().setThreads(2);
        List<TrainingEvent.Epoch> epochs = new CopyOnWriteArrayList<>();
        t.addListener(e -> {
            if (e instanceof TrainingEvent.Epoch ep) {
                epochs.add(ep);
            }
        });
        t.start();
        assertTrue(t.awaitTermination(60, TimeUnit.SECONDS));
        float[] images = org.concretelab.data.MinibatchIterator.fixedBinarized(data.validation().limit(1000),
                Trainer.EVALUATION_SEED);
        java.util.Map<String, Double> oneThread = org.concretelab.metrics.Metrics.score(t.model(),
                org.concretelab.metrics.Metrics.standard(), images, 1000, 500, 3,
                from -> Trainer.noiseSeed(Trainer.EVALUATION_SEED, from), done -> { });
        assertEquals(1, epochs.size());
        oneThread.forEach((name, value) -> assertEquals(value, epochs.get(0).scores().get(name), name));
    }

    @Test
    void learningRateAndTemperaturesFollowTheirSchedules() throws Exception {
        TrainingOptions o = new TrainingOptions(SPEC, 20, 2, 7, Binarization.DYNAMIC, 200, 40, 5, null, 1e-4, 0.5);
        assertEquals(1.0, o.temperatureFactorAt(0, 20));
        assertEquals(0.5, o.temperatureFactorAt(19, 20), 1e-12);
        assertEquals(1e-4, o.learningRateAt(19, 20), 1e-15);
        Trainer t = new Trainer(o, data);
        t.start();
        assertTrue(t.awaitTermination(60, TimeUnit.SECONDS));
        double[] temps = t.model().temperatures();
        assertEquals(SPEC.lambdaPosterior() * 0.5, temps[0], 1e-12);
        assertEquals(SPEC.lambdaPrior() * 0.5, temps[1], 1e-12);
        assertEquals(1e-4, t.model().learningRate(), 1e-15);
    }

    @Test
    void pauseResumeAndStopTakeEffectBetweenSteps() throws Exception {
        Trainer t = new Trainer(options(SPEC, 1000, dir), data);
        List<TrainerState> states = new CopyOnWriteArrayList<>();
        t.addListener(e -> {
            if (e instanceof TrainingEvent.StateChanged s) {
                states.add(s.state());
            }
        });
        t.start();
        waitFor(() -> t.step() > 3);
        t.pause();
        waitFor(() -> t.state() == TrainerState.PAUSED);
        long paused = t.step();
        Thread.sleep(300);
        assertEquals(paused, t.step(), "no steps while paused");
        Path saved = t.saveCheckpoint(dir.resolve("while-paused.ckpt"));
        assertEquals(paused, Checkpoints.load(saved).step());
        t.resume();
        waitFor(() -> t.step() > paused + 3);
        t.stop();
        assertTrue(t.awaitTermination(30, TimeUnit.SECONDS));
        assertEquals(TrainerState.STOPPED, t.state());
        assertEquals(List.of(TrainerState.RUNNING, TrainerState.PAUSED, TrainerState.RUNNING, TrainerState.STOPPED), states);
        assertEquals(t.step(), Checkpoints.load(dir.resolve("last.ckpt")).step(), "stop writes the final checkpoint");
    }

    @Test
    void resumeContinuesBitForBit() throws Exception {
        // 2 epochs straight ...
        Trainer straight = new Trainer(options(SPEC, 2, null), data);
        straight.start();
        assertTrue(straight.awaitTermination(60, TimeUnit.SECONDS));
        // ... equal 1 epoch, checkpoint to disk, resume in a fresh trainer for the second epoch.
        Trainer first = new Trainer(options(SPEC, 1, dir), data);
        first.start();
        assertTrue(first.awaitTermination(60, TimeUnit.SECONDS));
        Trainer second = Trainer.resume(Checkpoints.load(dir.resolve("last.ckpt")), data, null, 2);
        second.start();
        assertTrue(second.awaitTermination(60, TimeUnit.SECONDS));
        assertEquals(straight.step(), second.step());
        ModelState a = straight.snapshot();
        ModelState b = second.snapshot();
        for (String name : a.arrays().keySet()) {
            assertArrayEquals(a.arrays().get(name).values(), b.arrays().get(name).values(), name);
        }
    }

    @Test
    void nonFiniteLossStopsKeepingTheLastGoodCheckpoint() throws Exception {
        ModelSpec lowTemperature = new ModelSpec(Architecture.NONLINEAR_ONE, LatentKind.BINARY, 16, 2, 0, 32, 0.01, 0.01, 1, 1e-3);
        VaeModel real = VaeModels.create(lowTemperature, 7);
        // The model's log-space math survives even λ = 1e-30, so a wrapper plays the diverging model:
        // from step 15 (in the second epoch, after one checkpoint) its objective is NaN.
        VaeModel diverging = (VaeModel) java.lang.reflect.Proxy.newProxyInstance(VaeModel.class.getClassLoader(),
                new Class<?>[] {VaeModel.class}, (proxy, method, args) -> {
                    Object result = method.invoke(real, args);
                    if (method.getName().equals("trainStep") && real.state().step() >= 15) {
                        return Double.NaN;
                    }
                    return result;
                });
        TrainingOptions o = new TrainingOptions(lowTemperature, 20, 5, 7, Binarization.DYNAMIC, 200, 20, 2, dir, 0);
        Trainer t = new Trainer(o, data, diverging);
        List<TrainingEvent.Failed> failures = new CopyOnWriteArrayList<>();
        t.addListener(e -> {
            if (e instanceof TrainingEvent.Failed f) {
                failures.add(f);
            }
        });
        t.start();
        assertTrue(t.awaitTermination(60, TimeUnit.SECONDS));
        assertEquals(TrainerState.FAILED, t.state());
        assertEquals(1, failures.size());
        TrainingEvent.Failed f = failures.get(0);
        assertTrue(f.problem().contains("NaN") && f.problem().contains("step 15"), f.problem());
        assertTrue(f.advice().contains("temperatures are very low"), f.advice());
        assertEquals(dir.resolve("last.ckpt"), f.lastGood());
        TrainingCheckpoint cp = Checkpoints.load(f.lastGood());
        assertEquals(10, cp.step(), "the checkpoint of the last finished epoch, nothing later");
        for (ModelState.NamedArray a : cp.model().arrays().values()) {
            for (float v : a.values()) {
                assertTrue(Float.isFinite(v));
            }
        }
    }

    /** A resumed run may change its learning rate: its checkpoints then record the new one (every save failed before). */
    @Test
    void aRunResumedWithAnotherLearningRateSavesCheckpoints() throws Exception {
        Trainer first = new Trainer(options(SPEC, 1, dir), data);
        first.start();
        assertTrue(first.awaitTermination(60, TimeUnit.SECONDS));
        TrainingCheckpoint cp = Checkpoints.load(dir.resolve("last.ckpt"));
        TrainingOptions changed = new TrainingOptions(SPEC.withLearningRate(5e-4), 20, 2, 7, Binarization.DYNAMIC, 200, 40, 5,
                dir, 0);
        Trainer second = Trainer.resume(changed, cp, dir.resolve("last.ckpt"), data);
        List<TrainingEvent.Failed> failures = new CopyOnWriteArrayList<>();
        second.addListener(e -> {
            if (e instanceof TrainingEvent.Failed f) {
                failures.add(f);
            }
        });
        second.start();
        assertTrue(second.awaitTermination(60, TimeUnit.SECONDS));
        assertEquals(List.of(), failures);
        assertEquals(TrainerState.FINISHED, second.state());
        TrainingCheckpoint after = Checkpoints.load(dir.resolve("last.ckpt"));
        assertEquals(2 * cp.step(), after.step());
        assertEquals(5e-4, after.options().spec().learningRate(), 1e-12);
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < end, "timed out");
            Thread.sleep(5);
        }
    }
}

package org.concretelab.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.concretelab.data.Binarization;
import org.concretelab.data.MnistFiles;
import org.concretelab.data.MnistSplits;
import org.concretelab.model.Architecture;
import org.concretelab.model.LatentKind;
import org.concretelab.model.ModelSpec;
import org.concretelab.train.Checkpoints;
import org.concretelab.train.Trainer;
import org.concretelab.train.TrainingCheckpoint;
import org.concretelab.train.TrainingEvent;
import org.concretelab.train.TrainingOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `train --resume` keeps the run's length and folder; invalid values name the CLI option. */
class TrainCommandTest {
    @TempDir
    Path dir;

    /** A 3-epoch run (10 steps per epoch) stopped after its first epoch; returns its last.ckpt. */
    private Path stoppedAfterOneEpoch(Path out) throws InterruptedException {
        ModelSpec spec = new ModelSpec(Architecture.NONLINEAR_ONE, LatentKind.BINARY, 16, 2, 0, 32, 2.0 / 3, 0.5, 1, 1e-3);
        TrainingOptions o = new TrainingOptions(spec, 20, 3, 7, Binarization.DYNAMIC, 200, 40, 5, out, 1e-4);
        Trainer t = new Trainer(o, MnistSplits.load(MnistFiles.defaultDir()));
        t.addListener(e -> {
            if (e instanceof TrainingEvent.Epoch) {
                t.stop();
            }
        });
        t.start();
        assertTrue(t.awaitTermination(60, TimeUnit.SECONDS));
        return out.resolve("last.ckpt");
    }

    @Test
    void resumeKeepsTheRunsLengthAndFolder() throws Exception {
        Path out = dir.resolve("run");
        Path ckpt = stoppedAfterOneEpoch(out);
        assertEquals(10, Checkpoints.load(ckpt).step());
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        assertEquals(0, CliRun.run(log, "train", "--resume", ckpt.toString(), "--quiet"), log.toString());
        TrainingCheckpoint end = Checkpoints.load(ckpt); // written into the checkpoint's own folder
        assertEquals(30, end.step(), "3 epochs as planned, not the default 100: " + log);
        assertEquals(3, end.options().epochs());
        assertEquals(1 + 30, Files.readAllLines(out.resolve("training.csv")).size(), "one log, continued");

        ByteArrayOutputStream done = new ByteArrayOutputStream();
        assertEquals(2, CliRun.run(done, "train", "--resume", ckpt.toString(), "--quiet"));
        assertTrue(done.toString().contains("already trained 3 of 3 epochs") && done.toString().contains("--epochs"),
                done.toString());
        ByteArrayOutputStream more = new ByteArrayOutputStream();
        assertEquals(0, CliRun.run(more, "train", "--resume", ckpt.toString(), "--epochs", "4", "--quiet"), more.toString());
        assertEquals(40, Checkpoints.load(ckpt).step());
    }

    @Test
    void invalidValuesNameTheCommandLineOption() {
        String out = dir.resolve("never").toString();
        String[][] cases = {
            {"--lambda2", "0", "--lambda2: lambdaPrior must"},
            {"--lr", "-0.1", "--lr: learningRate must"},
            {"--samples", "0", "-m/--samples: samples must"},
            {"--units", "0", "--units: discreteUnits must"},
            {"--batch", "0", "--batch: batchSize must"},
            {"--val-samples", "0", "--val-samples: validationSamples must"},
        };
        for (String[] c : cases) {
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            assertEquals(2, CliRun.run(log, "train", c[0], c[1], "--out", out, "--quiet"), c[0] + ": " + log);
            assertTrue(log.toString().contains(c[2]), c[0] + ": " + log);
        }
        assertTrue(Files.notExists(Path.of(out)), "nothing written for refused options");
    }

    @Test
    void nvilWithSeveralSamplesIsRefusedPointingAtVimco() {
        Path out = dir.resolve("never");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        assertEquals(2, CliRun.run(log, "train", "--estimator", "nvil", "-m", "5", "--out", out.toString(), "--quiet"),
                log.toString());
        assertTrue(log.toString().contains("error: -m/--samples: samples must be 1 for the nvil estimator, was 5; use vimco"
                + " for m > 1"), log.toString());
        assertTrue(Files.notExists(out));
    }

    /**
     * NVIL trains binary, categorical and mixed (Gaussian) latents from the command line and says which objective
     * it optimises; a run stopped after one epoch and resumed ends bit-identical to one that never stopped (the
     * baseline network and the running statistics travel in the checkpoint file).
     */
    @Test
    void nvilTrainsEveryLatentKindAndResumesBitIdentically() throws Exception {
        String[][] kinds = {{}, {"--latent", "categorical", "-K", "4"}, {"--gaussian", "4"}};
        for (int k = 0; k < kinds.length; k++) {
            Path out = dir.resolve("nvil" + k);
            List<String> args = new java.util.ArrayList<>(List.of("--estimator", "nvil", "--epochs", "1", "--out", out.toString()));
            args.addAll(List.of(kinds[k]));
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            assertEquals(0, CliRun.run(log, small(args.toArray(String[]::new))), log.toString());
            assertTrue(log.toString().contains("Objective: discrete ELBO (the nvil estimator's; training.csv's discrete_elbo"
                    + " column holds it)"), log.toString());
            assertEquals("step,epoch,discrete_elbo,running_mean,examples_per_s",
                    Files.readAllLines(out.resolve("training.csv")).get(0), "the column names the objective optimised");
            TrainingCheckpoint end = Checkpoints.load(out.resolve("last.ckpt"));
            assertEquals(10, end.step());
            assertEquals("nvil", end.options().spec().estimator());
            float[] running = end.model().arrays().get("estimator.nvil.running").values();
            assertEquals(1f, running[2], java.util.Arrays.toString(running));
        }

        Path whole = dir.resolve("whole");
        ByteArrayOutputStream a = new ByteArrayOutputStream();
        assertEquals(0, CliRun.run(a, small("--estimator", "nvil", "--epochs", "2", "--out", whole.toString())), a.toString());
        Path parts = dir.resolve("parts");
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        assertEquals(0, CliRun.run(b, small("--estimator", "nvil", "--epochs", "1", "--out", parts.toString())), b.toString());
        assertEquals(0, CliRun.run(b, "train", "--resume", parts.resolve("last.ckpt").toString(), "--epochs", "2", "--quiet"),
                b.toString());
        var x = Checkpoints.load(whole.resolve("last.ckpt")).model();
        var y = Checkpoints.load(parts.resolve("last.ckpt")).model();
        assertEquals(20, y.step());
        assertEquals(x.arrays().keySet(), y.arrays().keySet());
        x.arrays().forEach((name, array) -> assertArrayEquals(array.values(), y.arrays().get(name).values(), name));
        // step, epoch, objective (the display's running mean restarts on a resume, for every estimator)
        java.util.function.Function<Path, List<String>> objectives = f -> {
            try {
                return Files.readAllLines(f).stream().map(l -> String.join(",", List.of(l.split(",")).subList(0, 3))).toList();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
        assertEquals(objectives.apply(whole.resolve("training.csv")), objectives.apply(parts.resolve("training.csv")),
                "the same objectives, step by step");
    }

    /**
     * A run's result depends on its seed alone: 2 threads uninterrupted, and 1 thread for the first epoch resumed
     * with 3 for the second (another machine), end with the same weights and the same objectives step by step
     * (batches of 100: each step cut into two blocks, whatever the threads).
     */
    @Test
    void aRunResumedWithAnotherThreadCountEndsAsOneThatNeverStopped() throws Exception {
        java.util.function.Function<String[], String[]> blocked = more -> {
            List<String> a = new java.util.ArrayList<>(List.of("train", "--units", "16", "--hidden", "32", "--batch", "100",
                    "--train-limit", "300", "--val-limit", "40", "--val-samples", "5", "--quiet"));
            a.addAll(List.of(more));
            return a.toArray(String[]::new);
        };
        Path whole = dir.resolve("two-threads");
        ByteArrayOutputStream a = new ByteArrayOutputStream();
        assertEquals(0, CliRun.run(a, blocked.apply(new String[] {"--threads", "2", "--epochs", "2", "--out", whole.toString()})),
                a.toString());
        Path parts = dir.resolve("one-then-three");
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        assertEquals(0, CliRun.run(b, blocked.apply(new String[] {"--threads", "1", "--epochs", "1", "--out", parts.toString()})),
                b.toString());
        assertEquals(0, CliRun.run(b, "train", "--resume", parts.resolve("last.ckpt").toString(), "--epochs", "2",
                "--threads", "3", "--quiet"), b.toString());
        var x = Checkpoints.load(whole.resolve("last.ckpt")).model();
        var y = Checkpoints.load(parts.resolve("last.ckpt")).model();
        assertEquals(6, y.step());
        x.arrays().forEach((name, array) -> assertArrayEquals(array.values(), y.arrays().get(name).values(), name));
        java.util.function.Function<Path, List<String>> objectives = f -> {
            try {
                return Files.readAllLines(f).stream().map(l -> String.join(",", List.of(l.split(",")).subList(0, 3))).toList();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
        assertEquals(objectives.apply(whole.resolve("training.csv")), objectives.apply(parts.resolve("training.csv")));
    }

    private static String[] small(String... more) {
        List<String> a = new java.util.ArrayList<>(List.of("train", "--units", "16", "--hidden", "32", "--batch", "20",
                "--train-limit", "200", "--val-limit", "40", "--val-samples", "5", "--quiet"));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    /** A second `train --out` into a finished run used to rotate over its checkpoints and append to its logs. */
    @Test
    void aSecondRunIntoTheSameFolderIsRefusedUnlessOverwriteIsGiven() throws Exception {
        Path out = dir.resolve("run");
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        assertEquals(0, CliRun.run(first, small("--epochs", "2", "--out", out.toString())), first.toString());
        byte[] last = Files.readAllBytes(out.resolve("last.ckpt"));
        byte[] previous = Files.readAllBytes(out.resolve("previous.ckpt"));

        ByteArrayOutputStream second = new ByteArrayOutputStream();
        assertEquals(1, CliRun.run(second, small("--epochs", "2", "--out", out.toString())), second.toString());
        assertTrue(second.toString().contains("already holds a run of 16H~784V binary m=1 at step 20")
                && second.toString().contains("--resume " + out.resolve("last.ckpt")), second.toString());
        assertArrayEquals(last, Files.readAllBytes(out.resolve("last.ckpt")));
        assertArrayEquals(previous, Files.readAllBytes(out.resolve("previous.ckpt")));
        assertEquals(1 + 20, Files.readAllLines(out.resolve("training.csv")).size());

        ByteArrayOutputStream forced = new ByteArrayOutputStream();
        assertEquals(0, CliRun.run(forced, small("--epochs", "1", "--out", out.toString(), "--overwrite")), forced.toString());
        assertEquals(10, Checkpoints.load(out.resolve("last.ckpt")).step());
        assertEquals(1 + 10, Files.readAllLines(out.resolve("training.csv")).size());
    }

    @Test
    void resumeRefusesOptionsItCannotChangeAndAppliesTheOnesItCan() throws Exception {
        Path ckpt = stoppedAfterOneEpoch(dir.resolve("run"));
        byte[] before = Files.readAllBytes(ckpt);
        for (String[] fixed : new String[][] {{"--batch", "50"}, {"--seed", "3"}, {"--train-limit", "100"},
                {"--arch", "200H-784V"}, {"--latent", "categorical"}, {"--units", "8"}, {"-K", "8"}}) {
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            assertEquals(2, CliRun.run(log, "train", "--resume", ckpt.toString(), fixed[0], fixed[1], "--quiet"), log.toString());
            String name = fixed[0].equals("-K") ? "--classes" : fixed[0];
            assertTrue(log.toString().contains("a resumed run keeps its " + name), fixed[0] + ": " + log);
        }
        assertArrayEquals(before, Files.readAllBytes(ckpt), "refusals touch nothing");

        ByteArrayOutputStream log = new ByteArrayOutputStream();
        assertEquals(0, CliRun.run(log, "train", "--resume", ckpt.toString(), "--lr", "5e-4", "--val-samples", "3",
                "--quiet"), log.toString());
        TrainingCheckpoint end = Checkpoints.load(ckpt);
        assertEquals(5e-4, end.options().spec().learningRate(), 0, "the new rate is used and recorded");
        assertEquals(3, end.options().validationSamples());
        assertEquals(30, end.step());
    }

    @Test
    void resumingAModelOnlyFileWarnsThatTheOptimiserRestarts() throws Exception {
        Path ckpt = stoppedAfterOneEpoch(dir.resolve("run"));
        Path exported = dir.resolve("shared/model.ckpt");
        Checkpoints.save(exported, Checkpoints.load(ckpt), false);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        assertEquals(0, CliRun.run(log, "train", "--resume", exported.toString(), "--quiet"), log.toString());
        assertTrue(log.toString().contains("warning: " + exported + " is a model-only file"), log.toString());
    }

    @Test
    void epochsZeroAndTheTrainLimitAreReportedAsTheyAre() throws Exception {
        Path ckpt = stoppedAfterOneEpoch(dir.resolve("run"));
        ByteArrayOutputStream zero = new ByteArrayOutputStream();
        assertEquals(2, CliRun.run(zero, "train", "--resume", ckpt.toString(), "--epochs", "0", "--quiet"));
        assertTrue(zero.toString().contains("--epochs must be at least 1") && !zero.toString().contains("of 0 epochs"),
                zero.toString());
        ByteArrayOutputStream banner = new ByteArrayOutputStream();
        assertEquals(0, CliRun.run(banner, small("--epochs", "1", "--out", dir.resolve("limited").toString())));
        assertTrue(banner.toString().contains("MNIST 200 of 50,000 / 10,000 / 10,000"), banner.toString());
        assertTrue(banner.toString().contains("finished at step 10; last good checkpoint: "
                + dir.resolve("limited/last.ckpt").toAbsolutePath()), banner.toString());
    }

    @Test
    void aFailedRunDoesNotClaimACheckpointItNeverWrote() throws Exception {
        Path out = dir.resolve("run");
        Files.createDirectories(out.resolve("epochs.csv")); // cannot be written: the run fails at its first epoch's end
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        assertEquals(3, CliRun.run(log, small("--epochs", "2", "--out", out.toString())), log.toString());
        assertTrue(log.toString().contains("could not write " + out.resolve("epochs.csv")), log.toString());
        assertTrue(log.toString().contains("no checkpoint was written"), log.toString());
        assertFalse(log.toString().contains("checkpoint and logs in"), log.toString());
    }

    /** The repro: {@code --lr 100} reached ELBO ≈ −10⁶ and exited 0. */
    @Test
    void aDivergingRunIsFlaggedAndSavesNothing() throws Exception {
        Path out = dir.resolve("run");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        assertEquals(3, CliRun.run(log, small("--lr", "100", "--epochs", "3", "--out", out.toString())), log.toString());
        assertTrue(log.toString().contains("the run is diverging") && log.toString().contains("learning rate 100 is high"),
                log.toString());
        assertTrue(Files.notExists(out.resolve("last.ckpt")), "no diverged model saved");
    }
}

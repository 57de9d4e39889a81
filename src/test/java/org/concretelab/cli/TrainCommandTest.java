package org.concretelab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
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
}

package org.concretelab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.concretelab.data.Binarization;
import org.concretelab.model.Architecture;
import org.concretelab.model.LatentKind;
import org.concretelab.model.ModelSpec;
import org.concretelab.model.VaeModels;
import org.concretelab.train.Checkpoints;
import org.concretelab.train.TrainingCheckpoint;
import org.concretelab.train.TrainingOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code reference train|eval}: a tiny run end to end, and the errors that name what is wrong. */
class ReferenceCommandTest {
    @TempDir
    Path dir;

    private static String run(int expectedCode, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = CliRun.run(out, args);
        String text = out.toString();
        assertEquals(expectedCode, code, text);
        assertFalse(text.contains("Exception") || text.contains("\tat "), text);
        return text;
    }

    @Test
    void trainWritesAModelThatEvalScores() throws Exception {
        Path out = dir.resolve("run");
        String train = run(0, "reference", "train", "--gaussian-units", "20", "--hidden", "32", "--epochs", "2", "--batch", "50",
                "--train-limit", "200", "--val-limit", "50", "--val-samples", "5", "--out", out.toString(), "--quiet");
        assertTrue(train.contains("784-32-32-(20 Gaussian)-32-32-784"), train);
        assertTrue(train.contains("epoch 1/2  step 4  score (-ELBO) ") && train.contains("epoch 2/2  step 8"), train);
        assertTrue(train.contains("validation: NLL "), train);
        assertTrue(train.contains("finished at step 8 (2 of 2 epochs)"), train);
        Path model = out.resolve("dl4j-vae.zip");
        assertTrue(Files.isRegularFile(model));
        assertEquals(3, Files.readAllLines(out.resolve("epochs.csv")).size());

        String eval = run(0, "reference", "eval", model.toString(), "-k", "10", "--limit", "30");
        assertTrue(eval.contains("trained 2 epochs (8 steps) on 200 images"), eval);
        assertTrue(eval.contains("on 30 test images, k = 10"), eval);
        assertTrue(eval.matches("(?s).*test NLL \\(k=10\\): +\\d+\\.\\d\\d nats.*"), eval);
        assertTrue(eval.contains("test ELBO:") && eval.contains("reconstructionLogProbability(x, 10)"), eval);
        String noRecon = run(0, "reference", "eval", model.toString(), "-k", "5", "--limit", "10", "--recon-k", "0",
                "--split", "validation");
        assertTrue(noRecon.contains("validation NLL (k=5)") && !noRecon.contains("reconstruction term"), noRecon);

        // a second run into the same folder is refused, naming the way out
        String again = run(2, "reference", "train", "--epochs", "1", "--train-limit", "100", "--out", out.toString(), "--quiet");
        assertTrue(again.contains("--out") && again.contains("--overwrite"), again);
    }

    @Test
    void badValuesNameTheirOption() {
        String out = dir.resolve("x").toString();
        assertTrue(run(2, "reference", "train", "--gaussian-units", "0", "--out", out).contains("--gaussian-units"));
        assertTrue(run(2, "reference", "train", "--lr", "-1", "--out", out).contains("--lr"));
        assertTrue(run(2, "reference", "train", "--epochs", "0", "--out", out).contains("--epochs"));
        assertTrue(run(2, "reference", "train", "--val-samples", "0", "--out", out).contains("--val-samples"));
        assertTrue(run(2, "reference", "train", "--gaussian-units", "100000", "--hidden", "2000", "--out", out)
                .contains("--gaussian-units"));
        assertTrue(run(2, "reference", "eval", "model.zip", "-k", "0").contains("-k"));
        assertTrue(run(2, "reference", "eval", "model.zip", "--limit", "-1").contains("--limit"));
        assertTrue(run(2, "reference", "eval", "model.zip", "--split", "train").contains("--split"));
        assertFalse(Files.exists(dir.resolve("x")), "nothing is created for refused options");
    }

    @Test
    void wrongFilesAndMissingDataAreExplained() throws Exception {
        assertTrue(run(1, "reference", "eval", dir.resolve("missing.zip").toString()).contains("missing.zip does not exist"));
        Path text = Files.writeString(dir.resolve("notes.txt"), "hello");
        assertTrue(run(1, "reference", "eval", text.toString()).contains("notes.txt is not a DeepLearning4J model file"));
        ModelSpec spec = new ModelSpec(Architecture.NONLINEAR_ONE, LatentKind.BINARY, 8, 2, 0, 16, 2.0 / 3, 0.5, 1, 1e-3);
        Path ckpt = dir.resolve("own.ckpt");
        Checkpoints.save(ckpt, new TrainingCheckpoint(new TrainingOptions(spec, 10, 1, 1, Binarization.DYNAMIC, 100, 20, 5, null, 0),
                VaeModels.create(spec, 1).state(), 0, 0, 0));
        String own = run(1, "reference", "eval", ckpt.toString());
        assertTrue(own.contains("score it with `eval " + ckpt + "`"), own);
        String noData = run(1, "reference", "train", "--data", dir.resolve("nomnist").toString(), "--out", dir.resolve("r").toString());
        assertTrue(noData.contains("MNIST folder") && noData.contains("nomnist"), noData);
    }
}

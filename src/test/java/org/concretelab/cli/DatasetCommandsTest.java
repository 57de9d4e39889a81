package org.concretelab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import org.concretelab.data.Datasets;
import org.concretelab.data.FashionData;
import org.concretelab.train.Checkpoints;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --dataset on data, train, eval and bench: a model is trained, scored and benchmarked on its own dataset. */
class DatasetCommandsTest {
    @TempDir
    Path dir;

    private static String run(int expectedCode, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = CliRun.run(out, args);
        assertEquals(expectedCode, code, out.toString());
        return out.toString();
    }

    @Test
    void evalScoresTheShippedModelOnMnistAndRefusesAnotherDataset() {
        String ckpt = "assets/models/default.ckpt";
        String refused = run(2, "eval", ckpt, "--dataset", "fashion-mnist", "-k", "2", "--limit", "10");
        assertTrue(refused.contains("--dataset fashion-mnist") && refused.contains("was trained on MNIST")
                && refused.contains("--dataset mnist"), refused);
        String ok = run(0, "eval", ckpt, "-k", "2", "--limit", "10", "--threads", "1");
        assertTrue(ok.contains("Dataset: MNIST") && ok.contains("MNIST 50,000 / 10,000 / 10,000"), ok);
        assertTrue(run(2, "eval", ckpt, "--dataset", "cifar").contains("unknown dataset 'cifar'"));
    }

    @Test
    void aFashionRunRecordsItsDatasetAndIsScoredOnIt() {
        Path fashion = FashionData.dirOrSkip();
        Path out = dir.resolve("run");
        String trained = run(0, "train", "--dataset", "fashion-mnist", "--data", fashion.toString(), "--epochs", "1",
                "--train-limit", "200", "--batch", "50", "--val-limit", "50", "--val-samples", "2", "--units", "8",
                "--hidden", "16", "--threads", "1", "--out", out.toString(), "--quiet");
        assertTrue(trained.contains("Fashion-MNIST 200 of 50,000 / 10,000 / 10,000"), trained);
        assertSame(Datasets.FASHION_MNIST, Checkpoints.header(out.resolve("last.ckpt")).options().dataset());
        String scored = run(0, "eval", out.resolve("last.ckpt").toString(), "-k", "2", "--limit", "10", "--threads", "1");
        assertTrue(scored.contains("Dataset: Fashion-MNIST"), scored);
        String refused = run(2, "eval", out.resolve("last.ckpt").toString(), "--dataset", "mnist");
        assertTrue(refused.contains("was trained on Fashion-MNIST"), refused);
        String resumed = run(2, "train", "--resume", out.resolve("last.ckpt").toString(), "--dataset", "mnist",
                "--epochs", "2");
        assertTrue(resumed.contains("a resumed run keeps its --dataset"), resumed);
    }

    @Test
    void trainAndBenchRefuseAnUnknownDatasetNamingTheOption() {
        String t = run(2, "train", "--dataset", "cifar", "--epochs", "1", "--out", dir.resolve("r").toString());
        assertTrue(t.contains("--dataset") && t.contains("unknown dataset 'cifar'"), t);
        String b = run(2, "bench", "--dataset", "cifar", "--steps", "1", "--runs", "1");
        assertTrue(b.contains("--dataset") && b.contains("unknown dataset 'cifar'"), b);
    }

    @Test
    void dataShowsEachDatasetsFolderAndWhatToDo() {
        String omni = run(1, "data", "--dataset", "omniglot", "--dir", dir.resolve("o").toString());
        assertTrue(omni.contains("no Omniglot in") && omni.contains("github.com/yburda/iwae")
                && omni.contains("--from chardata.mat"), omni);
        String fetch = run(1, "data", "--dataset", "omniglot", "--fetch", "--dir", dir.resolve("o").toString());
        assertTrue(fetch.contains("Omniglot cannot be fetched"), fetch);
        String from = run(2, "data", "--dataset", "fashion-mnist", "--from", "x.mat");
        assertTrue(from.contains("--from converts Omniglot"), from);
        String unknown = run(2, "data", "--dataset", "cifar");
        assertTrue(unknown.contains("unknown dataset 'cifar'"), unknown);
        Path fashion = FashionData.dirOrSkip();
        String ok = run(0, "data", "--dataset", "fashion-mnist", "--dir", fashion.toString());
        assertTrue(ok.contains("Fashion-MNIST 50,000 / 10,000 / 10,000") && ok.contains("dataset-fashion-mnist"), ok);
    }
}

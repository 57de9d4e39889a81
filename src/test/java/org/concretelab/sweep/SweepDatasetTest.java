package org.concretelab.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.concretelab.data.Binarization;
import org.concretelab.data.Datasets;
import org.concretelab.model.Architecture;
import org.concretelab.model.ModelSpec;
import org.concretelab.model.VaeModels;
import org.concretelab.train.Checkpoints;
import org.concretelab.train.RunFolder;
import org.concretelab.train.TrainingCheckpoint;
import org.concretelab.train.TrainingOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sweep's {@code dataset} key: each job reads its dataset's folder; the results name it and the paper's figures are MNIST's. */
class SweepDatasetTest {
    @TempDir
    Path dir;

    @Test
    void aJobsDatasetIsItsKeyAndItsFolderSitsBesideMnists() {
        SweepSpec spec = SweepSpec.parse("dataset: mnist, fashion-mnist\nepochs: 1\n", "t.sweep", name -> true);
        List<SweepJob> jobs = spec.jobs();
        assertEquals(List.of(Datasets.MNIST, Datasets.FASHION_MNIST), JobRunner.datasets(jobs));
        assertSame(Datasets.FASHION_MNIST, JobRunner.dataset(jobs.get(1)));
        assertSame(Datasets.MNIST, JobRunner.dataset(new SweepJob(Map.of("units", "8"), 1)), "no key: MNIST");
        assertThrows(IllegalArgumentException.class, () -> JobRunner.dataset(new SweepJob(Map.of("dataset", "cifar"), 1)));
        JobRunner runner = new JobRunner(dir, spec, Path.of("/d/data/mnist"), List.of("java"));
        assertEquals(Path.of("/d/data/mnist"), runner.dataDir(Datasets.MNIST));
        assertEquals(Path.of("/d/data/fashion-mnist"), runner.dataDir(Datasets.FASHION_MNIST));
    }

    @Test
    void theResultsNameEachJobsDatasetAndGiveThePapersFigureForMnistOnly() throws Exception {
        ModelSpec paperModel = ResultsRootFixture.paperSpec(Architecture.NONLINEAR_ONE, 1, "concrete");
        TrainingOptions o = new TrainingOptions(paperModel, 100, 2, 1, Binarization.DYNAMIC, 0, 0, 5, null, 0);
        save(dir.resolve("dataset=mnist_seed=1"), o);
        save(dir.resolve("dataset=fashion-mnist_seed=1"), o.withDataset(Datasets.FASHION_MNIST));
        ResultsRoot r = ResultsRoot.read(dir);
        ResultsRoot.Job fashion = r.jobs().stream().filter(j -> j.id().startsWith("dataset=fashion")).findFirst().orElseThrow();
        ResultsRoot.Job mnist = r.jobs().stream().filter(j -> j.id().startsWith("dataset=mnist")).findFirst().orElseThrow();
        assertEquals("fashion-mnist", fashion.dataset());
        assertTrue(Double.isNaN(fashion.paperNll()), "the paper has no Fashion-MNIST figure");
        assertEquals("mnist", mnist.dataset());
        assertFalse(Double.isNaN(mnist.paperNll()), "200H~784V m=1 has the paper's 92.1");
    }

    private static void save(Path folder, TrainingOptions o) throws Exception {
        Files.createDirectories(folder);
        Checkpoints.save(folder.resolve(RunFolder.LAST),
                new TrainingCheckpoint(o, VaeModels.create(o.spec(), 1).state(), 1000, 2, 0));
    }
}

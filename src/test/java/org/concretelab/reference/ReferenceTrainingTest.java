package org.concretelab.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.concretelab.data.Binarization;
import org.concretelab.data.ImageSet;
import org.concretelab.data.MinibatchIterator;
import org.concretelab.data.MnistFiles;
import org.concretelab.data.MnistSplits;
import org.concretelab.train.Trainer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;

/** DL4J's VAE trained through pretrainLayer on the project's batches: it learns, it scores, it round-trips. */
class ReferenceTrainingTest {
    private static MnistSplits data;

    @BeforeAll
    static void load() {
        data = MnistSplits.load(MnistFiles.defaultDir());
    }

    @Test
    void theAdapterServesTheProjectsBatchesEpochByEpoch() {
        ImageSet set = data.train().limit(250);
        boolean[] stop = {false};
        BinarizedBatches batches = new BinarizedBatches(set, 100, Binarization.DYNAMIC, 9, () -> stop[0]);
        MinibatchIterator reference = new MinibatchIterator(set, 100, Binarization.DYNAMIC, 9);
        float[] expected = new float[100 * ImageSet.PIXELS];
        for (int epoch : new int[] {0, 3}) {
            batches.startEpoch(epoch);
            int b = 0;
            while (batches.hasNext()) {
                DataSet d = batches.next();
                int rows = reference.fill(epoch, b++, expected);
                assertEquals(rows, d.getFeatures().rows());
                assertArrayEquals(java.util.Arrays.copyOf(expected, rows * ImageSet.PIXELS), d.getFeatures().data().asFloat());
            }
            assertEquals(3, b, "250 images in batches of 100: 100, 100, 50");
        }
        batches.reset(); // restarts the current epoch, same batches
        float[] again = batches.next().getFeatures().data().asFloat();
        reference.fill(3, 0, expected);
        assertArrayEquals(expected, again);
        stop[0] = true;
        assertFalse(batches.hasNext(), "a stop request ends the epoch");
    }

    @Test
    void aFewHundredStepsImproveTheElboAndGiveAFiniteNllBelow200Nats(@TempDir Path dir) throws Exception {
        // 50 epochs of a 1,000-image slice, batch 100: 500 steps (the first ~300 sit on the plateau of the mean image)
        ReferenceTraining.Options o = new ReferenceTraining.Options(200, 200, 100, 50, 1e-3, 1, 1000, 0, 1);
        ReferenceTraining training = new ReferenceTraining(o, data);
        float[] val = MinibatchIterator.fixedBinarized(data.validation().limit(200), Trainer.EVALUATION_SEED);
        GaussianVaeScorer.Scores before = new GaussianVaeScorer(training.network()).score(val, 200, 100, 1, null);
        List<ReferenceTraining.Epoch> epochs = new ArrayList<>();
        List<Double> scores = new ArrayList<>();
        Path file = dir.resolve(ReferenceFiles.FILE_NAME);
        training.run(file, new ReferenceTraining.Listener() {
            @Override
            public void step(long step, double score) {
                scores.add(score);
            }

            @Override
            public void epoch(ReferenceTraining.Epoch e) {
                epochs.add(e);
            }
        });
        assertEquals(500, scores.size(), "the listener hears every pretraining step");
        assertEquals(50, epochs.size());
        assertTrue(scores.stream().allMatch(Double::isFinite));
        double first = epochs.get(0).meanScore();
        double last = epochs.get(49).meanScore();
        assertTrue(last < first - 100, "the negative ELBO falls: " + first + " -> " + last);

        GaussianVaeScorer scorer = new GaussianVaeScorer(training.network());
        GaussianVaeScorer.Scores after = scorer.score(val, 200, 100, 1, null);
        assertTrue(after.elbo() > before.elbo() + 100, "validation ELBO " + before.elbo() + " -> " + after.elbo());
        assertTrue(Double.isFinite(after.nll()) && after.nll() < 200, "IS NLL " + after.nll());
        assertTrue(after.nll() <= -after.elbo(), "log-mean-exp ≥ mean on the same samples");
        double recon = scorer.layerReconstructionNll(val, 200, 100, 1, null);
        assertTrue(Double.isFinite(recon) && recon < 200, "reconstructionLogProbability: " + recon);
        assertTrue(recon < -after.elbo(), "the reconstruction term leaves out the KL: " + recon + " vs " + -after.elbo());

        // the saved file: same network, same scores, its record
        ReferenceFiles.Loaded loaded = ReferenceFiles.load(file);
        assertArrayEquals(training.network().params().data().asFloat(), loaded.network().params().data().asFloat());
        assertArrayEquals(training.network().getUpdater().getStateViewArray().data().asFloat(),
                loaded.network().getUpdater().getStateViewArray().data().asFloat(), "Adam's moments are saved too");
        assertEquals(after, loaded.scorer().score(val, 200, 100, 1, null));
        assertEquals(50, loaded.record().epochs());
        assertEquals(500, loaded.record().steps());
        assertEquals(1000, loaded.record().trainImages());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temp file left behind");
        }
    }

    @Test
    void filesThatAreNoReferenceModelAreRefusedByName(@TempDir Path dir) throws Exception {
        Path text = Files.writeString(dir.resolve("notes.zip"), "not a zip");
        assertTrue(assertThrows(ReferenceFileException.class, () -> ReferenceFiles.load(text)).getMessage().contains("notes.zip"));
        Path missing = dir.resolve("missing.zip");
        assertTrue(assertThrows(ReferenceFileException.class, () -> ReferenceFiles.load(missing)).getMessage()
                .contains("does not exist"));
        assertTrue(assertThrows(ReferenceFileException.class, () -> ReferenceFiles.load(dir)).getMessage().contains("folder"));
        Path otherZip = dir.resolve("other.zip");
        try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(otherZip))) {
            zip.putNextEntry(new java.util.zip.ZipEntry("hello.txt"));
            zip.write("hi".getBytes());
        }
        String message = assertThrows(ReferenceFileException.class, () -> ReferenceFiles.load(otherZip)).getMessage();
        assertTrue(message.contains("other.zip") && message.contains("not a DeepLearning4J"), message);
    }

    @Test
    void optionsNameTheirField() {
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new ReferenceTraining.Options(0, 200, 100, 1, 1e-3, 1, 0, 0, 1)).getMessage().startsWith("latents"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new ReferenceTraining.Options(200, 200, 100, 1, Double.NaN, 1, 0, 0, 1)).getMessage().startsWith("learningRate"));
    }
}

package org.concretelab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real MNIST files: checksums, the paper's split, and the minibatch iterator's guarantees. */
class MnistDataTest {
    static MnistSplits splits;

    @BeforeAll
    static void load() {
        splits = MnistSplits.load(MnistFiles.defaultDir());
    }

    @Test
    void filesVerifyAndSplitIsThePapers() {
        assertTrue(MnistFiles.complete(MnistFiles.defaultDir()));
        assertEquals(50_000, splits.train().size());
        assertEquals(10_000, splits.validation().size());
        assertEquals(10_000, splits.test().size());
        // validation = the last 10,000 of the training file: its first image follows training image 49,999
        assertEquals(splits.train().label(0), IdxReader.readLabels(MnistFiles.defaultDir().resolve(MnistFiles.TRAIN_LABELS))[0]);
        byte[] labels = IdxReader.readLabels(MnistFiles.defaultDir().resolve(MnistFiles.TRAIN_LABELS));
        assertEquals(labels[50_000], splits.validation().label(0));
        assertEquals(labels[59_999], splits.validation().label(9_999));
        for (int i = 0; i < 10_000; i += 97) {
            assertTrue(splits.test().label(i) >= 0 && splits.test().label(i) <= 9);
        }
    }

    @Test
    void sameSeedEpochAndBatchGiveTheSameBatchWithoutReplay() {
        MinibatchIterator a = new MinibatchIterator(splits.train(), 100, Binarization.DYNAMIC, 7);
        MinibatchIterator b = new MinibatchIterator(splits.train(), 100, Binarization.DYNAMIC, 7);
        float[] x = new float[100 * 784];
        float[] y = new float[100 * 784];
        a.fill(0, 0, x);
        a.fill(3, 17, x);
        b.fill(3, 17, y); // b never saw epoch 0
        assertArrayEquals(x, y);
        b.fill(4, 17, y);
        assertNotEquals(Arrays.hashCode(x), Arrays.hashCode(y));
    }

    @Test
    void dynamicBinarizationChangesPerEpochFixedDoesNot() {
        ImageSet one = splits.train().range(0, 1);
        MinibatchIterator dynamic = new MinibatchIterator(one, 1, Binarization.DYNAMIC, 1);
        MinibatchIterator fixed = new MinibatchIterator(one, 1, Binarization.FIXED, 1);
        float[] e0 = new float[784];
        float[] e1 = new float[784];
        dynamic.fill(0, 0, e0);
        dynamic.fill(1, 0, e1);
        assertNotEquals(Arrays.hashCode(e0), Arrays.hashCode(e1));
        fixed.fill(0, 0, e0);
        fixed.fill(1, 0, e1);
        assertArrayEquals(e0, e1);
    }

    /**
     * The batches and the fixed evaluation set bit for bit as every earlier build drew them (the constants were
     * recorded with the binarization before its table-driven loop): a run resumed by a newer build trains on the
     * batches its first part would have seen next, and scores stay comparable across builds.
     */
    @Test
    void binarizationDrawsWhatEarlierBuildsDrew() {
        MinibatchIterator it = new MinibatchIterator(splits.train(), 100, Binarization.DYNAMIC, 11);
        float[] x = new float[100 * 784];
        long hash = 17;
        for (int b : new int[] {0, 1, 250, 499}) {
            it.fill(4, b, x);
            hash = hash * 31 + Arrays.hashCode(x);
        }
        assertEquals(7_307_475_683_281L, hash);
        assertEquals(-2_037_770_239, Arrays.hashCode(MinibatchIterator.fixedBinarized(splits.test().range(0, 500), 5)));
    }

    @Test
    void anEpochVisitsEveryImageOnceWithBinaryValuesAtTheRightRate() {
        ImageSet set = splits.train().range(0, 1000);
        MinibatchIterator it = new MinibatchIterator(set, 64, Binarization.DYNAMIC, 3);
        assertEquals(16, it.batchesPerEpoch());
        float[] x = new float[64 * 784];
        double ones = 0;
        double intensity = 0;
        int rows = 0;
        for (int b = 0; b < it.batchesPerEpoch(); b++) {
            int n = it.fill(2, b, x);
            rows += n;
            for (int i = 0; i < n * 784; i++) {
                assertTrue(x[i] == 0f || x[i] == 1f);
                ones += x[i];
            }
        }
        for (int i = 0; i < set.size(); i++) {
            for (int p = 0; p < 784; p++) {
                intensity += set.intensity(i, p);
            }
        }
        assertEquals(1000, rows);
        assertEquals(1000 - 15 * 64, it.rowsOf(15));
        // 784,000 Bernoulli draws with mean ~0.13: sd of the mean ≈ sqrt(0.13·0.87/784000) ≈ 4e-4; 5e-3 is > 10 sd.
        assertEquals(intensity / 784_000, ones / 784_000, 5e-3);
        // each image exactly once per epoch, in another order each epoch
        boolean[] visited = new boolean[1000];
        for (int b = 0; b < it.batchesPerEpoch(); b++) {
            for (int r = 0; r < it.rowsOf(b); r++) {
                int image = it.imageAt(2, b, r);
                assertTrue(!visited[image], "image " + image + " twice");
                visited[image] = true;
            }
        }
        assertNotEquals(it.imageAt(2, 0, 0) * 1000 + it.imageAt(2, 0, 1), it.imageAt(3, 0, 0) * 1000 + it.imageAt(3, 0, 1));
    }

    @Test
    void fixedBinarizedEvaluationSetIsReproducible() {
        ImageSet set = splits.test().range(0, 50);
        assertArrayEquals(MinibatchIterator.fixedBinarized(set, 5), MinibatchIterator.fixedBinarized(set, 5));
        assertNotEquals(Arrays.hashCode(MinibatchIterator.fixedBinarized(set, 5)),
                Arrays.hashCode(MinibatchIterator.fixedBinarized(set, 6)));
    }
}

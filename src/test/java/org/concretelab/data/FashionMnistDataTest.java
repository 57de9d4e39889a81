package org.concretelab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The real Fashion-MNIST, as the build fetches it ({@link FashionData}): its files verify against the pinned SHA-256,
 * split 50,000 / 10,000 / 10,000, and are not MNIST's.
 */
class FashionMnistDataTest {

    @Test
    void theFetchedFilesVerifyAndSplitAsMnist() {
        Path dir = FashionData.dirOrSkip();
        MnistSplits s = MnistSplits.load(Datasets.FASHION_MNIST, dir);
        assertSame(Datasets.FASHION_MNIST, s.dataset());
        assertEquals("Fashion-MNIST 50,000 / 10,000 / 10,000", s.describe());
        assertEquals(9, s.test().label(0), "the first test image is an ankle boot (class 9)");
        float[] first = s.test().pixelsOf(0);
        float[] mnist = MnistSplits.load(MnistFiles.defaultDir()).test().pixelsOf(0);
        assertNotEquals(java.util.Arrays.toString(mnist), java.util.Arrays.toString(first));
    }

    @Test
    void mnistsFilesAreNotFashionMnist() {
        DataFileException e = assertThrows(DataFileException.class,
                () -> MnistSplits.load(Datasets.FASHION_MNIST, MnistFiles.defaultDir()));
        assertTrue(e.getMessage().contains("Fashion-MNIST's is") && e.getMessage().contains("--dataset fashion-mnist"),
                e.getMessage());
    }
}

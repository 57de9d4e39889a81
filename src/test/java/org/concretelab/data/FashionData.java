package org.concretelab.data;

import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Where the tests find Fashion-MNIST, or why they are skipped. */
public final class FashionData {
    private FashionData() {
    }

    /**
     * The verified Fashion-MNIST folder (system property {@code fashion-mnist.dir}, set by the pom; else
     * data/fashion-mnist); a test is skipped, saying why, where it is not there.
     */
    public static Path dirOrSkip() {
        Path dir = Datasets.FASHION_MNIST.defaultDir();
        Assumptions.assumeTrue(MnistFiles.complete(Datasets.FASHION_MNIST, dir), "Fashion-MNIST is not in "
                + dir.toAbsolutePath() + ": the build fetches it with `apt-get download dataset-fashion-mnist` (Maven profile"
                + " fetch-fashion-mnist, Debian/Ubuntu only); elsewhere " + Datasets.FASHION_MNIST.byHand(dir));
        return dir;
    }
}

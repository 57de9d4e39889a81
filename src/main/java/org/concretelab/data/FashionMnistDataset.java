package org.concretelab.data;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * Zalando's Fashion-MNIST (Xiao, Rasul & Vollgraf 2017): 28×28 grey images of clothes in 10 classes, 60,000 training
 * and 10,000 test images, split 50,000 / 10,000 / 10,000 as MNIST. Fetched as Debian's package
 * {@code dataset-fashion-mnist} ({@link DebPackageFetcher}); the folder holds the four IDX files uncompressed.
 */
final class FashionMnistDataset extends Dataset {
    static final String PACKAGE = "dataset-fashion-mnist";
    /** Where the package keeps the files (gzip-compressed). */
    static final String PACKAGE_DIR = "usr/share/datasets/fashion-mnist/";
    /** SHA-256 of the uncompressed files, from {@code dataset-fashion-mnist 0.0~git20200523.55506a9-1}. */
    private static final Map<String, String> SHA256 = Map.of(
            MnistFiles.TRAIN_IMAGES, "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888",
            MnistFiles.TRAIN_LABELS, "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9",
            MnistFiles.TEST_IMAGES, "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b",
            MnistFiles.TEST_LABELS, "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34");

    FashionMnistDataset() {
        super("fashion-mnist", "Fashion-MNIST", 50_000, 10_000, 10_000, 10);
    }

    @Override
    public String provenance() {
        return "Debian package " + PACKAGE + ", from github.com/zalandoresearch/fashion-mnist";
    }

    @Override
    public String expectedSha256(Path dir, String file) {
        return SHA256.get(file);
    }

    @Override
    public void fetch(Path dir, PrintStream log) {
        new DebPackageFetcher(this, PACKAGE, PACKAGE_DIR, "fashion-apt").ensure(dir, log);
    }

    @Override
    public String byHand(Path dir) {
        return "download train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz and "
                + "t10k-labels-idx1-ubyte.gz from github.com/zalandoresearch/fashion-mnist (folder data/fashion), "
                + "uncompress them with gunzip and copy the four files into " + dir.toAbsolutePath();
    }
}

package org.concretelab.data;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The paper's MNIST split: 50,000 training images, 10,000 validation images (the last 10,000 of the
 * training file) and the 10,000 test images.
 */
public final class MnistSplits {
    public static final int TRAIN = 50_000;
    public static final int VALIDATION = 10_000;
    public static final int TEST = 10_000;

    private final ImageSet train;
    private final ImageSet validation;
    private final ImageSet test;

    private MnistSplits(ImageSet trainFile, ImageSet testFile) {
        this.train = trainFile.range(0, TRAIN);
        this.validation = trainFile.range(TRAIN, TRAIN + VALIDATION);
        this.test = testFile;
    }

    /**
     * Reads the four IDX files in {@code dir} and checks their SHA-256 (remembered in the user's cache, so an
     * unchanged file is not hashed again); a missing, unreadable or damaged file is a {@link DataFileException}.
     */
    public static MnistSplits load(Path dir) {
        return load(dir, ChecksumCache.standard());
    }

    /** {@link #load(Path)} with the given checksum cache. */
    public static MnistSplits load(Path dir, ChecksumCache cache) {
        if (!Files.isDirectory(dir)) {
            throw new DataFileException("MNIST folder " + dir.toAbsolutePath() + " does not exist; " + MnistFiles.REMEDY);
        }
        ImageSet trainFile = read(dir, MnistFiles.TRAIN_IMAGES, MnistFiles.TRAIN_LABELS);
        ImageSet testFile = read(dir, MnistFiles.TEST_IMAGES, MnistFiles.TEST_LABELS);
        if (trainFile.size() < TRAIN + VALIDATION) {
            throw new DataFileException(dir.resolve(MnistFiles.TRAIN_IMAGES) + " holds " + trainFile.size()
                    + " images, the split needs 60,000; " + MnistFiles.REMEDY);
        }
        // after parsing, so a broken header is reported as such; then the pixels themselves must be MNIST's
        MnistFiles.requireVerified(dir, cache);
        return new MnistSplits(trainFile, testFile);
    }

    private static ImageSet read(Path dir, String images, String labels) {
        IdxReader.Images im = IdxReader.readImages(dir.resolve(images));
        byte[] lab = IdxReader.readLabels(dir.resolve(labels));
        if (im.count() != lab.length) {
            throw new DataFileException(dir.resolve(images) + " holds " + im.count() + " images but "
                    + dir.resolve(labels) + " holds " + lab.length + " labels; " + MnistFiles.REMEDY);
        }
        return new ImageSet(im.pixels(), lab);
    }

    public ImageSet train() {
        return train;
    }

    public ImageSet validation() {
        return validation;
    }

    public ImageSet test() {
        return test;
    }

    /** e.g. {@code MNIST 50,000 / 10,000 / 10,000}. */
    public String describe() {
        return describe(0);
    }

    /** Like {@link #describe()}, counting only the first {@code trainLimit} training images (0 = all). */
    public String describe(int trainLimit) {
        int used = train.limit(trainLimit).size();
        String trainPart = used == train.size() ? String.format("%,d", used) : String.format("%,d of %,d", used, train.size());
        return String.format("MNIST %s / %,d / %,d", trainPart, validation.size(), test.size());
    }
}

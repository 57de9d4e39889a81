package org.concretelab.data;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A dataset's split into training, validation and test images: for MNIST the paper's 50,000 training images, 10,000
 * validation images (the last 10,000 of the training file) and the 10,000 test images; another {@link Dataset} gives
 * its own sizes. (The name is MNIST's from when it was the only dataset; {@link #dataset()} says which one this is.)
 */
public final class MnistSplits {
    public static final int TRAIN = 50_000;
    public static final int VALIDATION = 10_000;
    public static final int TEST = 10_000;

    private final Dataset dataset;
    private final ImageSet train;
    private final ImageSet validation;
    private final ImageSet test;

    private MnistSplits(Dataset dataset, ImageSet trainFile, ImageSet testFile) {
        this.dataset = dataset;
        this.train = trainFile.range(0, dataset.trainSize());
        this.validation = trainFile.range(dataset.trainSize(), dataset.trainSize() + dataset.validationSize());
        this.test = testFile;
    }

    /**
     * Reads the four MNIST IDX files in {@code dir} and checks their SHA-256 (remembered in the user's cache, so an
     * unchanged file is not hashed again); a missing, unreadable or damaged file is a {@link DataFileException}.
     */
    public static MnistSplits load(Path dir) {
        return load(Datasets.MNIST, dir, ChecksumCache.standard());
    }

    /** {@link #load(Path)} with the given checksum cache. */
    public static MnistSplits load(Path dir, ChecksumCache cache) {
        return load(Datasets.MNIST, dir, cache);
    }

    /** {@code dataset}'s four files in {@code dir}, checked as {@link #load(Path)} checks MNIST's. */
    public static MnistSplits load(Dataset dataset, Path dir) {
        return load(dataset, dir, ChecksumCache.standard());
    }

    /** {@link #load(Dataset, Path)} with the given checksum cache. */
    public static MnistSplits load(Dataset dataset, Path dir, ChecksumCache cache) {
        if (!Files.isDirectory(dir)) {
            throw new DataFileException(dataset.label() + " folder " + dir.toAbsolutePath() + " does not exist; "
                    + remedy(dataset, dir));
        }
        ImageSet trainFile = read(dataset, dir, MnistFiles.TRAIN_IMAGES, MnistFiles.TRAIN_LABELS);
        ImageSet testFile = read(dataset, dir, MnistFiles.TEST_IMAGES, MnistFiles.TEST_LABELS);
        int needed = dataset.trainSize() + dataset.validationSize();
        if (trainFile.size() < needed) {
            throw new DataFileException(dir.resolve(MnistFiles.TRAIN_IMAGES) + " holds " + trainFile.size()
                    + String.format(" images, the split needs %,d; ", needed) + remedy(dataset, dir));
        }
        // after parsing, so a broken header is reported as such; then the pixels themselves must be the dataset's
        MnistFiles.requireVerified(dataset, dir, cache);
        return new MnistSplits(dataset, trainFile, testFile);
    }

    private static String remedy(Dataset dataset, Path dir) {
        return dataset == Datasets.MNIST ? MnistFiles.REMEDY : dataset.remedy(dir);
    }

    private static ImageSet read(Dataset dataset, Path dir, String images, String labels) {
        IdxReader.Images im = IdxReader.readImages(dir.resolve(images), dataset);
        byte[] lab = IdxReader.readLabels(dir.resolve(labels), dataset);
        if (im.count() != lab.length) {
            throw new DataFileException(dir.resolve(images) + " holds " + im.count() + " images but "
                    + dir.resolve(labels) + " holds " + lab.length + " labels; " + remedy(dataset, dir));
        }
        return new ImageSet(im.pixels(), lab);
    }

    /** Which dataset these are. */
    public Dataset dataset() {
        return dataset;
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
        return String.format("%s %s / %,d / %,d", dataset.label(), trainPart, validation.size(), test.size());
    }
}

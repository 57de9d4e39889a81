package org.concretelab.reference;

import java.util.List;
import java.util.function.BooleanSupplier;
import org.concretelab.data.Binarization;
import org.concretelab.data.ImageSet;
import org.concretelab.data.MinibatchIterator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A DL4J {@link DataSetIterator} over the project's binarized minibatches ({@link MinibatchIterator}): the same
 * shuffle and per-epoch binarization noise as {@code train} for the same seed. Features and labels are the same
 * {@code rows × 784} array of 0/1 pixels (an autoencoder's target is its input; pretraining reads the features only).
 *
 * <p>The epoch is chosen with {@link #startEpoch}; {@link #reset()} restarts the current epoch (the same batches
 * again), so a caller decides when the data changes, as {@code MultiLayerNetwork.pretrainLayer} may reset at will.
 */
public final class BinarizedBatches implements DataSetIterator {
    private static final long serialVersionUID = 1L;

    private final transient MinibatchIterator batches;
    private final float[] buffer;
    private final transient BooleanSupplier stop;
    private int epoch;
    private int nextBatch;
    private DataSetPreProcessor preProcessor;

    /** Batches of {@code set}; {@code stop} is asked before each batch and ends the epoch early when true. */
    public BinarizedBatches(ImageSet set, int batchSize, Binarization binarization, long seed, BooleanSupplier stop) {
        this.batches = new MinibatchIterator(set, batchSize, binarization, seed);
        this.buffer = new float[batchSize * ImageSet.PIXELS];
        this.stop = stop == null ? () -> false : stop;
    }

    public BinarizedBatches(ImageSet set, int batchSize, Binarization binarization, long seed) {
        this(set, batchSize, binarization, seed, null);
    }

    /** Makes the next batches those of {@code epoch} (0-based), from its first. */
    public void startEpoch(int epoch) {
        this.epoch = epoch;
        this.nextBatch = 0;
    }

    public int epoch() {
        return epoch;
    }

    public int batchesPerEpoch() {
        return batches.batchesPerEpoch();
    }

    @Override
    public boolean hasNext() {
        return nextBatch < batches.batchesPerEpoch() && !stop.getAsBoolean();
    }

    @Override
    public DataSet next() {
        if (nextBatch >= batches.batchesPerEpoch()) {
            throw new java.util.NoSuchElementException("epoch " + epoch + " has no batch " + nextBatch);
        }
        int rows = batches.fill(epoch, nextBatch++, buffer);
        INDArray x = Nd4j.create(java.util.Arrays.copyOf(buffer, rows * ImageSet.PIXELS), new long[] {rows, ImageSet.PIXELS}, 'c');
        DataSet d = new DataSet(x, x);
        if (preProcessor != null) {
            preProcessor.preProcess(d);
        }
        return d;
    }

    @Override
    public DataSet next(int num) {
        throw new UnsupportedOperationException("batches have a fixed size (" + batches.batchSize() + ")");
    }

    @Override
    public int inputColumns() {
        return ImageSet.PIXELS;
    }

    @Override
    public int totalOutcomes() {
        return ImageSet.PIXELS;
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    /** False: DL4J would otherwise prefetch on a thread of its own, and this machine's second core is taken. */
    @Override
    public boolean asyncSupported() {
        return false;
    }

    /** Restarts the current epoch (its batches are the same again); {@link #startEpoch} moves to another. */
    @Override
    public void reset() {
        nextBatch = 0;
    }

    @Override
    public int batch() {
        return batches.batchSize();
    }

    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    @Override
    public List<String> getLabels() {
        return null;
    }
}

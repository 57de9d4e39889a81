package org.concretelab.train;

/**
 * Minibatches of one image set in which any batch can be produced from its position alone
 * (shuffling and binarization derive from a seed, the epoch and the batch index).
 */
interface BatchSource {
    /** Batches in one pass; the last may be partial. */
    int batchesPerEpoch();

    /** Most rows a batch holds. */
    int batchSize();

    /** Writes batch {@code batchIndex} of {@code epoch} as rows of 784 binary floats; returns the rows written. */
    int fill(int epoch, int batchIndex, float[] dest);
}

package org.concretelab.train;

import java.util.SplittableRandom;

/** Binary images of two noisy stripe patterns; any batch is a function of (seed, epoch, batch index). */
final class SyntheticBatches implements BatchSource {
    private final int images;
    private final int batchSize;
    private final long seed;

    SyntheticBatches(int images, int batchSize, long seed) {
        this.images = images;
        this.batchSize = batchSize;
        this.seed = seed;
    }

    @Override
    public int batchesPerEpoch() {
        return (images + batchSize - 1) / batchSize;
    }

    @Override
    public int batchSize() {
        return batchSize;
    }

    @Override
    public int fill(int epoch, int batchIndex, float[] dest) {
        int rows = Math.min(batchSize, images - batchIndex * batchSize);
        SplittableRandom r = new SplittableRandom(NoiseSeeds.mix(NoiseSeeds.mix(seed, epoch), batchIndex));
        for (int i = 0; i < rows; i++) {
            int proto = r.nextInt(2);
            for (int p = 0; p < 784; p++) {
                boolean on = proto == 0 ? (p % 28) < 14 : (p / 28) < 14;
                dest[i * 784 + p] = r.nextDouble() < (on ? 0.9 : 0.05) ? 1f : 0f;
            }
        }
        return rows;
    }
}

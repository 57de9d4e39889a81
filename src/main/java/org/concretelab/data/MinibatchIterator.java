package org.concretelab.data;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.rng.sampling.PermutationSampler;

/**
 * Binarized minibatches of an {@link ImageSet}, written into a caller's buffer (no per-batch copies of
 * the dataset). The epoch's shuffle and each batch's binarization noise derive only from
 * (seed, epoch, batch index) — and for {@link Binarization#FIXED} from (seed, image) — so any batch can
 * be reproduced without replaying earlier ones: this is what makes resuming a run bit-for-bit exact.
 */
public final class MinibatchIterator {
    private final ImageSet set;
    private final int batchSize;
    private final Binarization binarization;
    private final long seed;
    private int cachedEpoch = -1;
    private int[] order;

    public MinibatchIterator(ImageSet set, int batchSize, Binarization binarization, long seed) {
        if (set == null || set.size() == 0) {
            throw new IllegalArgumentException("the image set must not be empty");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, was " + batchSize);
        }
        if (binarization == null) {
            throw new IllegalArgumentException("binarization must be given");
        }
        this.set = set;
        this.batchSize = batchSize;
        this.binarization = binarization;
        this.seed = seed;
    }

    public int batchSize() {
        return batchSize;
    }

    public int batchesPerEpoch() {
        return (set.size() + batchSize - 1) / batchSize;
    }

    /** Rows the batch holds (the last batch of an epoch may be smaller). */
    public int rowsOf(int batchIndex) {
        return Math.min(batchSize, set.size() - batchIndex * batchSize);
    }

    /**
     * Writes batch {@code batchIndex} of {@code epoch} into {@code dest} ({@code rows × 784} values 0 or 1)
     * and returns its number of rows.
     */
    public synchronized int fill(int epoch, int batchIndex, float[] dest) {
        if (batchIndex < 0 || batchIndex >= batchesPerEpoch()) {
            throw new IllegalArgumentException("batchIndex " + batchIndex + " outside 0.." + (batchesPerEpoch() - 1));
        }
        int rows = rowsOf(batchIndex);
        if (dest.length < rows * ImageSet.PIXELS) {
            throw new IllegalArgumentException("dest holds " + dest.length + " values, the batch needs " + rows * ImageSet.PIXELS);
        }
        int[] perm = order(epoch);
        UniformRandomProvider noise = binarization == Binarization.DYNAMIC ? rng(seed, 2, epoch, batchIndex) : null;
        for (int r = 0; r < rows; r++) {
            int image = perm[batchIndex * batchSize + r];
            UniformRandomProvider rng = noise != null ? noise : rng(seed, 3, image, 0);
            binarize(set, image, rng, dest, r * ImageSet.PIXELS);
        }
        return rows;
    }

    /** Index in the set of the image at {@code row} of batch {@code batchIndex} in {@code epoch}. */
    public synchronized int imageAt(int epoch, int batchIndex, int row) {
        if (row < 0 || row >= rowsOf(batchIndex)) {
            throw new IllegalArgumentException("row " + row + " outside batch " + batchIndex);
        }
        return order(epoch)[batchIndex * batchSize + row];
    }

    /**
     * The whole set in its stored order with a FIXED binarization drawn from {@code seed}, for
     * evaluation: every model scored with the same seed sees the same binary images.
     */
    public static float[] fixedBinarized(ImageSet set, long seed) {
        float[] out = new float[set.size() * ImageSet.PIXELS];
        for (int i = 0; i < set.size(); i++) {
            binarize(set, i, rng(seed, 3, i, 0), out, i * ImageSet.PIXELS);
        }
        return out;
    }

    /**
     * Pixel ~ Bernoulli(intensity). Black (0) and white (255) pixels are certain, so they take no draw:
     * four in five MNIST pixels are black, and the generator was the costliest part of a batch. Over the image's
     * grey levels and a table of their intensities ({@code level / 255f}, the values {@link ImageSet#intensity}
     * gives): a batch of 100 in 160 µs instead of the 275 a call and a division per pixel took; the same draws and
     * values.
     */
    private static void binarize(ImageSet set, int image, UniformRandomProvider rng, float[] dest, int offset) {
        byte[] levels = LEVELS.get();
        set.copyLevels(image, levels);
        for (int p = 0; p < ImageSet.PIXELS; p++) {
            int level = levels[p] & 0xff;
            dest[offset + p] = level == 0 ? 0f : level == 255 ? 1f : rng.nextFloat() < INTENSITY[level] ? 1f : 0f;
        }
    }

    /** {@code level / 255f} for every grey level: the intensity {@link ImageSet#intensity} computes, bit for bit. */
    private static final float[] INTENSITY = new float[256];
    private static final ThreadLocal<byte[]> LEVELS = ThreadLocal.withInitial(() -> new byte[ImageSet.PIXELS]);

    static {
        for (int level = 0; level < INTENSITY.length; level++) {
            INTENSITY[level] = level / 255f;
        }
    }

    private int[] order(int epoch) {
        if (epoch != cachedEpoch) {
            order = PermutationSampler.natural(set.size());
            PermutationSampler.shuffle(rng(seed, 1, epoch, 0), order);
            cachedEpoch = epoch;
        }
        return order;
    }

    /** An independent stream per (seed, purpose, a, b): SplitMix-style mixing of the four numbers. */
    private static UniformRandomProvider rng(long seed, int purpose, long a, long b) {
        long s = mix(seed ^ mix(purpose * 0x9E3779B97F4A7C15L ^ mix(a * 0xBF58476D1CE4E5B9L ^ mix(b + 0x94D049BB133111EBL))));
        return RandomSource.XO_RO_SHI_RO_128_PP.create(new long[] {s, mix(s)});
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}

package org.concretelab.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import org.concretelab.data.ImageSet;
import org.concretelab.data.MinibatchIterator;
import org.concretelab.metrics.Metrics;
import org.concretelab.model.VaeModel;
import org.concretelab.model.VaeModels;

/**
 * The test-set scoring of {@code eval}, for every caller (the command, {@code bench --eval}, a sweep's jobs): the
 * whole split binarized once with {@link Trainer#EVALUATION_SEED} (so an image's pixels do not depend on where a run
 * starts), scored in chunks of {@value #CHUNK} images whose noise is seeded by (seed, index of the chunk's first
 * image), one model copy per thread. The same arguments give the same scores whatever the thread count.
 */
public final class Evaluation {
    /** Images per model call; noise is seeded per chunk, so a partial run must start at a chunk boundary. */
    public static final int CHUNK = 100;

    private Evaluation() {
    }

    /** {@code model} and a copy of it per further thread, no more threads than {@code images} has chunks. */
    public static List<VaeModel> workers(VaeModel model, int threads, int images) {
        List<VaeModel> workers = new ArrayList<>(List.of(model));
        for (int t = 1; t < Math.min(threads, (images + CHUNK - 1) / CHUNK); t++) {
            workers.add(VaeModels.restore(model.state()));
        }
        return workers;
    }

    /** Images {@code offset … offset + count − 1} of {@code wholeSplit}, binarized as every evaluation binarizes them. */
    public static float[] binarized(ImageSet wholeSplit, int offset, int count) {
        float[] all = MinibatchIterator.fixedBinarized(wholeSplit, Trainer.EVALUATION_SEED);
        return Arrays.copyOfRange(all, offset * ImageSet.PIXELS, (offset + count) * ImageSet.PIXELS);
    }

    /**
     * The standard metrics ({@link Metrics#standard()}: relaxed and discrete ELBO, NLL with {@code k} samples) of
     * {@code count} images of {@code wholeSplit} from {@code offset} (a multiple of {@value #CHUNK}); {@code progress}
     * hears how many images are done.
     */
    public static Map<String, Double> score(VaeModel model, ImageSet wholeSplit, int offset, int count, int k, int threads,
                                            long seed, IntConsumer progress) {
        if (offset % CHUNK != 0) {
            throw new IllegalArgumentException("offset must be a multiple of " + CHUNK + ", was " + offset);
        }
        return score(workers(model, threads, count), binarized(wholeSplit, offset, count), offset, count, k, seed, progress);
    }

    /** As above, on images already binarized, with the workers given (a benchmark times this call alone). */
    public static Map<String, Double> score(List<VaeModel> workers, float[] images, int offset, int count, int k, long seed,
                                            IntConsumer progress) {
        return Metrics.score(workers, Metrics.standard(), images, count, CHUNK, k,
                from -> Trainer.noiseSeed(seed, offset + from), progress);
    }
}

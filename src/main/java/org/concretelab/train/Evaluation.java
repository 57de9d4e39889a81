package org.concretelab.train;

import java.util.function.BooleanSupplier;
import org.concretelab.model.VaeModel;

/** Scores a model on a whole set, batch by batch, with noise fixed by the seed (same every call). */
final class Evaluation {
    private Evaluation() {
    }

    /**
     * Relaxed ELBO, discrete ELBO and importance-sampled NLL averaged over every image of {@code set}
     * (pass 0 of the source, so a FIXED-binarized source gives the same pixels every time).
     *
     * @param cancelled checked between batches; when it turns true scoring ends and null is returned
     */
    static Scores score(VaeModel model, BatchSource set, int k, long seed, BooleanSupplier cancelled) {
        float[] buf = new float[set.batchSize() * 784];
        double relaxed = 0;
        double discrete = 0;
        double nll = 0;
        int images = 0;
        for (int b = 0; b < set.batchesPerEpoch(); b++) {
            if (cancelled.getAsBoolean()) {
                return null;
            }
            int rows = set.fill(0, b, buf);
            long noise = NoiseSeeds.evaluation(seed, b);
            // batch means weighted by rows; sums kept in double (see STACK.md on float accumulation)
            relaxed += rows * model.relaxedElbo(buf, rows, noise);
            discrete += rows * model.discreteElbo(buf, rows, noise);
            nll += rows * model.importanceSampledNll(buf, rows, k, noise);
            images += rows;
        }
        if (images == 0) {
            return new Scores(Double.NaN, Double.NaN, Double.NaN, k, 0);
        }
        return new Scores(relaxed / images, discrete / images, nll / images, k, images);
    }
}

package org.concretelab.train;

/**
 * A model's scores on an image set, in nats per image.
 *
 * @param relaxedElbo  mean relaxed (Concrete) bound, higher is better
 * @param discreteElbo mean ELBO with discrete latents, higher is better
 * @param nll          importance-sampled estimate of −log p(x) with {@code k} discrete samples, lower is better
 * @param k            importance samples per image
 * @param images       images scored
 */
public record Scores(double relaxedElbo, double discreteElbo, double nll, int k, int images) {

    /** True when every score is a finite number. */
    public boolean finite() {
        return Double.isFinite(relaxedElbo) && Double.isFinite(discreteElbo) && Double.isFinite(nll);
    }
}

package org.concretelab.gradients;

/**
 * How one estimator's gradients at the logits compare with the reference gradient of the discrete objective it
 * stands for (the ELBO at m = 1, L_m otherwise), all figures per coordinate.
 *
 * @param estimator       the registered name
 * @param samples         m of its objective (and of the reference it is compared with)
 * @param relaxed         whether it differentiates the relaxed graph (then it is biased for the discrete objective)
 * @param lambdaPosterior λ1 it was drawn at (relaxed estimators; the discrete graph has none)
 * @param lambdaPrior     λ2
 * @param draws           N, the estimates averaged
 * @param variance        the trace of the estimates' covariance over the dimension
 * @param squaredError    |mean − reference|² per coordinate, as measured
 * @param noiseFloor      what {@code squaredError} holds from noise alone: variance/N + the reference's SE²
 * @param cosine          cosine similarity of the estimates' mean with the reference
 * @param scale           s of the estimates' mean ≈ s · reference (its projection on the reference over the
 *                        reference's squared length, the latter less its noise): 1 for an unbiased estimator; NVIL's
 *                        deliberate 1/max(1, √v) shows here
 * @param note            what the figures rest on, if anything beyond the estimator itself ("" if nothing)
 */
public record EstimatorResult(String estimator, int samples, boolean relaxed, double lambdaPosterior, double lambdaPrior,
                              long draws, double variance, double squaredError, double noiseFloor, double cosine,
                              double scale, String note) {

    /**
     * The squared bias per coordinate, with the noise taken out: {@code squaredError − noiseFloor}, an unbiased
     * estimate of |E[estimate] − true gradient|²/d (so it may come out slightly negative for an unbiased estimator).
     */
    public double biasSquared() {
        return squaredError - noiseFloor;
    }

    /** Whether the bias stands out of the noise: the squared error is more than twice the floor. */
    public boolean biasResolved() {
        return squaredError > 2 * noiseFloor;
    }

    /** "ELBO" for m = 1, else "L_m": the discrete objective this estimator's gradients are compared against. */
    public String objective() {
        return ReferenceGradient.objectiveName(samples);
    }
}

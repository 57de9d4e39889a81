package org.concretelab.gradients;

/**
 * How one estimator's gradients at the logits compare with the reference gradient of the discrete objective it
 * stands for (the ELBO at m = 1, L_m otherwise), all figures per coordinate.
 *
 * @param estimator          the registered name
 * @param samples            m of its objective (and of the reference it is compared with)
 * @param relaxed            whether it differentiates the relaxed graph (then it is biased for the discrete objective)
 * @param lambdaPosterior    λ1 it was drawn at (relaxed estimators; the discrete graph has none)
 * @param lambdaPrior        λ2
 * @param draws              N, the estimates averaged
 * @param variance           the trace of the estimates' covariance over the dimension
 * @param squaredError       |mean − reference|² per coordinate, as measured
 * @param noiseFloor         what {@code squaredError} holds from noise alone: variance/N + the reference's SE²
 * @param cosine             cosine similarity of the estimates' mean with the reference
 * @param scale              s of the estimates' mean ≈ s · reference (its projection on the reference over the
 *                           reference's squared length, the latter less its noise): 1 for an unbiased estimator; NVIL's
 *                           deliberate 1/max(1, √v) shows here
 * @param note               what the figures rest on, if anything beyond the estimator itself ("" if nothing)
 * @param rescaled           whether the estimator scales its gradient on purpose (NVIL: {@code rescalesGradient()}):
 *                           its bias is then judged against s · reference
 * @param scaledSquaredError |mean − s · reference|² per coordinate (NaN unless {@code rescaled})
 * @param scaledNoiseFloor   what {@code scaledSquaredError} holds from noise alone: (variance/N + s²·SE²)·(d − 1)/d, the
 *                           fitted s taking one of the d directions out of the noise (NaN unless {@code rescaled})
 * @param signal             |g|²/d of the reference's objective: the reference's |mean|²/d less its SE² (NaN if unknown)
 */
public record EstimatorResult(String estimator, int samples, boolean relaxed, double lambdaPosterior, double lambdaPrior,
                              long draws, double variance, double squaredError, double noiseFloor, double cosine,
                              double scale, String note, boolean rescaled, double scaledSquaredError,
                              double scaledNoiseFloor, double signal) {

    /** An estimator that does not scale its gradient on purpose, the signal unknown. */
    public EstimatorResult(String estimator, int samples, boolean relaxed, double lambdaPosterior, double lambdaPrior, long draws,
                           double variance, double squaredError, double noiseFloor, double cosine, double scale, String note) {
        this(estimator, samples, relaxed, lambdaPosterior, lambdaPrior, draws, variance, squaredError, noiseFloor, cosine, scale,
                note, false, Double.NaN, Double.NaN, Double.NaN);
    }

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

    /** The squared bias against s · reference, noise taken out (NaN unless {@link #rescaled()}): ~0 if unbiased up to s. */
    public double scaledBiasSquared() {
        return scaledSquaredError - scaledNoiseFloor;
    }

    /**
     * The bias² it is judged by: against s · reference for an estimator that scales its gradient on purpose (its
     * deliberate s is no bias), against the reference for the others.
     */
    public double effectiveBiasSquared() {
        return rescaled ? scaledBiasSquared() : biasSquared();
    }

    /** The noise floor of {@link #effectiveBiasSquared()}. */
    public double effectiveNoiseFloor() {
        return rescaled ? scaledNoiseFloor : noiseFloor;
    }

    /** Whether {@link #effectiveBiasSquared()} stands out of its noise: the squared error is more than twice the floor. */
    public boolean effectiveBiasResolved() {
        return rescaled ? scaledSquaredError > 2 * scaledNoiseFloor : biasResolved();
    }

    /**
     * Whether the noise floor is at least the gradient's own size (|g|²/d, times s² for a deliberately scaled
     * estimator, whose mean is s·g): a bias as large as the gradient itself would then go unseen, so its bias test
     * passes whatever it is (VIMCO at N = 100 on the shipped model). False when the signal is unknown.
     */
    public boolean floorAboveSignal() {
        if (!Double.isFinite(signal)) {
            return false;
        }
        double s = rescaled && Double.isFinite(scale) ? scale * scale : 1;
        return effectiveNoiseFloor() >= s * signal;
    }

    /** "ELBO" for m = 1, else "L_m": the discrete objective this estimator's gradients are compared against. */
    public String objective() {
        return ReferenceGradient.objectiveName(samples);
    }
}

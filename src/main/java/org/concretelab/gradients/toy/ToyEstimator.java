package org.concretelab.gradients.toy;

/**
 * One gradient estimator of the toy problem ({@link ToyProblem}): N one-sample estimates of d/dθ E[f(b)],
 * b ~ Bernoulli(σ(θ)), f(b) = (b − t)², from shared draws. A new toy estimator is one class implementing this and one
 * line in {@link ToyEstimators#all()}.
 */
public interface ToyEstimator {
    /** A stable lower-case id (chart ids, tests): "score-function", "rebar", … */
    String id();

    /** What the app shows. */
    String label();

    /** Whether it uses the temperature λ (a relaxed sample σ((θ + L)/λ)). */
    boolean relaxed();

    /** Whether its expectation is the exact gradient (at every θ and λ). */
    boolean unbiased();

    /** One estimate per draw (some use the other draws too, as a baseline). */
    double[] estimates(ToyProblem toy, ToyDraws draws, double theta, double lambda);

    /** What it fitted to the current θ and λ before drawing (REBAR's η, RELAX's r), for the app to show; "" if nothing. */
    default String fitted(ToyProblem toy, double theta, double lambda) {
        return "";
    }

    /** What its estimates average to; the exact gradient for the unbiased ones. */
    default double expectation(ToyProblem toy, double theta, double lambda) {
        return toy.exactGradient(theta);
    }
}

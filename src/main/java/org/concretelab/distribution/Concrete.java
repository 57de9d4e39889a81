package org.concretelab.distribution;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * Concrete(α, λ) on the open (n−1)-simplex (Maddison, Mnih &amp; Teh 2017; Jang et al.'s Gumbel-Softmax).
 *
 * <p>Sampling (Gumbel-max relaxed): X_k = exp((log α_k + G_k)/λ) / Σ_i exp((log α_i + G_i)/λ), G iid
 * Gumbel(0,1), computed in log space and exponentiated last.
 *
 * <p>Density with respect to the first n−1 coordinates:
 * p(x) = (n−1)! λ^(n−1) Π_k [ α_k x_k^(−λ−1) / Σ_i α_i x_i^(−λ) ], i.e.
 * log p(x) = log((n−1)!) + (n−1) log λ + Σ_k (log α_k − (λ+1) log x_k) − n · log Σ_i α_i x_i^(−λ).
 *
 * <p><b>Relation to {@link ExpConcrete}.</b> Y = log X maps the simplex to the log-simplex; taking the
 * first n−1 coordinates as free, the Jacobian of x ↦ y = log x is diag(1/x_1..1/x_{n−1}) together with the
 * constraint, and the change of variables gives log p_X(x) = log p_Y(log x) − Σ_{k=1}^{n} log x_k. Check with
 * the formulas: log p_Y(log x) contains Σ_k (log α_k − λ log x_k) and log Σ_i α_i x_i^(−λ); subtracting
 * Σ_k log x_k turns −λ log x_k into −(λ+1) log x_k. So the difference of the two log densities at y and
 * e^y is −Σ_k y_k: a function of y alone, the same for every α and λ. That is why a KL term computed with
 * ExpConcrete densities for both posterior and prior equals the one computed with Concrete densities.
 */
public final class Concrete {
    private final ExpConcrete logForm;

    private Concrete(ExpConcrete logForm) {
        this.logForm = logForm;
    }

    /** @throws IllegalArgumentException unless every α_k is positive and finite, n ≥ 2 and λ is positive and finite */
    public static Concrete of(double[] alpha, double lambda) {
        return new Concrete(ExpConcrete.of(alpha, lambda));
    }

    public static Concrete ofLogits(double[] logits, double lambda) {
        return new Concrete(ExpConcrete.ofLogits(logits, lambda));
    }

    public int dimension() {
        return logForm.dimension();
    }

    public double temperature() {
        return logForm.temperature();
    }

    /** α normalised: the probabilities of the discrete limit, P(argmax X = k) = α_k / Σα. */
    public double[] probabilities() {
        double[] l = logForm.logits();
        double lse = LogSpace.logSumExp(l);
        for (int k = 0; k < l.length; k++) {
            l[k] = Math.exp(l[k] - lse);
        }
        return l;
    }

    /** The log-space twin with the same α and λ. */
    public ExpConcrete logForm() {
        return logForm;
    }

    public double[] sample(UniformRandomProvider rng) {
        return exp(logForm.sample(rng));
    }

    /** Writes a sample into {@code dest} (no allocation: for clouds of thousands of points). */
    public double[] sample(UniformRandomProvider rng, double[] dest, double[] gumbelScratch) {
        Noise.gumbel(rng, gumbelScratch);
        return sampleFromGumbel(gumbelScratch, dest);
    }

    /** The sample that Gumbel noise {@code g} maps to (the same noise gives a point that moves smoothly with λ and α). */
    public double[] sampleFromGumbel(double[] g, double[] dest) {
        return exp(logForm.sampleFromGumbel(g, dest));
    }

    public double logDensity(double[] x) {
        Checks.dimension("x", x, dimension());
        double[] y = new double[x.length];
        double sumLog = 0;
        for (int k = 0; k < x.length; k++) {
            if (!(x[k] > 0)) {
                return Double.NEGATIVE_INFINITY; // outside the open simplex
            }
            y[k] = Math.log(x[k]);
            sumLog += y[k];
        }
        return logForm.logDensity(y) - sumLog;
    }

    public double density(double[] x) {
        return Math.exp(logDensity(x));
    }

    private static double[] exp(double[] v) {
        for (int k = 0; k < v.length; k++) {
            v[k] = Math.exp(v[k]);
        }
        return v;
    }
}

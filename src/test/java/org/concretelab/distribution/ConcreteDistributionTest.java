package org.concretelab.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Properties of Concrete / ExpConcrete / BinaryConcrete from the paper, checked with fixed seeds. */
class ConcreteDistributionTest {

    private static UniformRandomProvider rng(long seed) {
        return RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    }

    @Test
    void referenceValuesFromIndependentComputation() {
        // float64 values computed independently (paper notes); 1e-9 is ~1e4 ulps of these magnitudes.
        assertEquals(-1.155599220, Concrete.of(new double[] {2, 0.5, 1}, 0.5).logDensity(new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0}), 1e-9);
        assertEquals(-0.138616359, Concrete.of(new double[] {2, 0.5, 1}, 1).logDensity(new double[] {0.2, 0.3, 0.5}), 1e-9);
        double[] y = {Math.log(0.2), Math.log(0.3), Math.log(0.5)};
        assertEquals(-4.218277947, ExpConcrete.of(new double[] {2, 0.5, 1}, 2.0 / 3).logDensity(y), 1e-9);
        assertEquals(-0.405465108, BinaryConcrete.of(1, 2.0 / 3).logDensity(0.5), 1e-9);
        assertEquals(0.121814777, BinaryConcrete.of(1, 2.0 / 3).logDensity(0.1), 1e-9);
        assertEquals(-1.791759469, BinaryConcrete.of(1, 2.0 / 3).logitLogDensity(0), 1e-9);
    }

    @Test
    void samplesLieOnTheSimplex() {
        UniformRandomProvider r = rng(1);
        for (int n : new int[] {2, 3, 10, 100}) {
            for (double lambda : new double[] {0.05, 0.5, 10}) {
                Concrete c = Concrete.of(weights(n, r), lambda);
                for (int i = 0; i < 2000; i++) {
                    double[] x = c.sample(r);
                    double sum = 0;
                    for (double v : x) {
                        assertTrue(v >= 0 && v <= 1 && !Double.isNaN(v));
                        sum += v;
                    }
                    assertEquals(1.0, sum, 1e-9, "n=" + n + " λ=" + lambda);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 10})
    void argmaxFrequenciesMatchTheDiscreteProbabilities(int n) {
        UniformRandomProvider r = rng(2);
        double[] alpha = weights(n, r);
        Concrete c = Concrete.of(alpha, 0.7);
        double[] p = c.probabilities();
        int draws = 100_000;
        long[] counts = new long[n];
        for (int i = 0; i < draws; i++) {
            counts[Vertices.argmax(c.sample(r))]++;
        }
        double chi2 = 0;
        for (int k = 0; k < n; k++) {
            double expected = draws * p[k];
            chi2 += (counts[k] - expected) * (counts[k] - expected) / expected;
        }
        // Pearson's chi-square with n−1 degrees of freedom; with a fixed seed the test is deterministic,
        // and a true model passes at level 0.001 (a wrong one, e.g. α² instead of α, gives p ≈ 0).
        double pValue = ChiSquaredDistribution.of(n - 1).survivalProbability(chi2);
        assertTrue(pValue > 1e-3, "χ² = " + chi2 + ", p = " + pValue);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.1, 0.5, 1, 2})
    void densityIntegratesToOneForTwoAndThreeClasses(double lambda) {
        // Substituting logits z = log(x_k / x_n) maps R^(n−1) onto the open simplex with Jacobian Π_k x_k
        // (all n coordinates); the integrand is then smooth with e^(−λ|z|) tails, so the midpoint rule on a
        // grid of step 0.05/λ over |z| ≤ 40/λ is accurate far below the 1e-6 tolerance.
        Concrete two = Concrete.of(new double[] {0.7, 1.8}, lambda);
        double h = 0.05 / lambda;
        double limit = 40 / lambda;
        double sum2 = 0;
        for (double z = -limit + h / 2; z < limit; z += h) {
            // each coordinate from its own log (not 1 − x1, which rounds to 0 beyond |z| ≈ 37)
            double logX1 = -LogSpace.softplus(-z);
            double logX2 = -LogSpace.softplus(z);
            double[] x = {Math.exp(logX1), Math.exp(logX2)};
            sum2 += Math.exp(two.logDensity(x) + logX1 + logX2) * h;
        }
        assertEquals(1.0, sum2, 1e-6, "n = 2");
        Concrete three = Concrete.of(new double[] {2, 0.5, 1}, lambda);
        double h3 = 0.1 / lambda;
        double sum3 = 0;
        double[] x = new double[3];
        for (double z1 = -limit + h3 / 2; z1 < limit; z1 += h3) {
            for (double z2 = -limit + h3 / 2; z2 < limit; z2 += h3) {
                double m = Math.max(0, Math.max(z1, z2));
                double lse = m + Math.log(Math.exp(z1 - m) + Math.exp(z2 - m) + Math.exp(-m));
                x[0] = Math.exp(z1 - lse);
                x[1] = Math.exp(z2 - lse);
                x[2] = Math.exp(-lse);
                if (x[0] == 0 || x[1] == 0 || x[2] == 0) {
                    continue; // underflow region: the integrand there is below e^-40
                }
                double logJacobian = (z1 - lse) + (z2 - lse) - lse;
                sum3 += Math.exp(three.logDensity(x) + logJacobian) * h3 * h3;
            }
        }
        assertEquals(1.0, sum3, 1e-4, "n = 3"); // coarser grid: 1600² points keep the test under a second
        // BinaryConcrete: the logit density over R, and the density of X over (0, 1) where x and 1 − x are
        // accurate (|z| ≤ 15: beyond, 1 − x loses digits), which must carry exactly the logit density's mass of that range.
        BinaryConcrete b = BinaryConcrete.of(0.3, lambda);
        double sumLogit = 0;
        double sumLogitInner = 0;
        double sumX = 0;
        for (double z = -limit + h / 2; z < limit; z += h) {
            double p = Math.exp(b.logitLogDensity(z)) * h;
            sumLogit += p;
            if (Math.abs(z) <= 15) {
                double x1 = LogSpace.sigmoid(z);
                sumLogitInner += p;
                sumX += Math.exp(b.logDensity(x1) + Math.log(x1) + Math.log1p(-x1)) * h;
            }
        }
        assertEquals(1.0, sumLogit, 1e-6, "BinaryConcrete logit density");
        assertEquals(sumLogitInner, sumX, 1e-9, "BinaryConcrete density of X");
    }

    @Test
    void lowTemperaturesGoToVerticesHighToTheCentre() {
        double[] alpha = {2, 0.5, 1};
        double previous = Double.POSITIVE_INFINITY;
        for (double lambda : new double[] {10, 2, 1, 0.5, 0.1, 0.05, 0.01}) {
            double mean = meanVertexDistance(Concrete.of(alpha, lambda), 20_000, 3);
            assertTrue(mean < previous, "λ=" + lambda + ": " + mean + " after " + previous);
            previous = mean;
        }
        // At λ = 0.01 a sample is within ~e^(-ΔG/λ) of a vertex: the mean distance is a few 1e-3.
        assertTrue(previous < 0.02, "λ = 0.01: " + previous);
        double[] centre = {1 / 3.0, 1 / 3.0, 1 / 3.0};
        UniformRandomProvider r = rng(4);
        Concrete hot = Concrete.of(alpha, 1000);
        double maxDistance = 0;
        for (int i = 0; i < 1000; i++) {
            double[] x = hot.sample(r);
            double d = 0;
            for (int k = 0; k < 3; k++) {
                d += (x[k] - centre[k]) * (x[k] - centre[k]);
            }
            maxDistance = Math.max(maxDistance, Math.sqrt(d));
        }
        // (log α + G)/λ varies by ~10/1000: every sample within ~1 % of the centre.
        assertTrue(maxDistance < 0.02, "λ = 1000: " + maxDistance);
    }

    @Test
    void logConvexAtOrBelowOneOverNMinusOneAndNotAbove() {
        UniformRandomProvider r = rng(5);
        for (int n : new int[] {2, 3, 5}) {
            double bound = 1.0 / (n - 1);
            Concrete convex = Concrete.of(weights(n, r), bound);
            for (int i = 0; i < 5000; i++) {
                double[] a = interior(n, r);
                double[] b = interior(n, r);
                double[] mid = new double[n];
                for (int k = 0; k < n; k++) {
                    mid[k] = (a[k] + b[k]) / 2;
                }
                double gap = (convex.logDensity(a) + convex.logDensity(b)) / 2 - convex.logDensity(mid);
                // midpoint convexity, with float64 slack for nearly straight chords
                assertTrue(gap >= -1e-9, "n=" + n + " λ=" + bound + " gap " + gap);
            }
        }
        // Above the bound the density is unimodal with a peak inside: log p is concave near it, so some
        // chord violates convexity.
        Concrete peaked = Concrete.of(new double[] {1, 1, 1}, 3);
        double[] a = {0.5, 0.3, 0.2};
        double[] b = {0.2, 0.3, 0.5};
        double[] mid = {0.35, 0.3, 0.35};
        assertTrue((peaked.logDensity(a) + peaked.logDensity(b)) / 2 < peaked.logDensity(mid));
    }

    @Test
    void expConcreteAndConcreteDifferByMinusSumOfY() {
        UniformRandomProvider r = rng(6);
        double[] y = ExpConcrete.of(new double[] {1, 2, 3, 4}, 0.8).sample(r);
        double[] x = new double[y.length];
        double sumY = 0;
        for (int k = 0; k < y.length; k++) {
            x[k] = Math.exp(y[k]);
            sumY += y[k];
        }
        for (int i = 0; i < 50; i++) {
            double[] alpha = weights(4, r);
            double lambda = 0.05 + 5 * r.nextDouble();
            double diff = Concrete.of(alpha, lambda).logDensity(x) - ExpConcrete.of(alpha, lambda).logDensity(y);
            // the same function of y for every α and λ: −Σ y_k
            assertEquals(-sumY, diff, 1e-9 * Math.max(1, Math.abs(sumY)));
        }
    }

    @Test
    void stableAtExtremeTemperaturesAndManyClasses() {
        UniformRandomProvider r = rng(7);
        for (int n : new int[] {2, 3, 10, 100}) {
            for (double lambda : new double[] {0.05, 10}) {
                ExpConcrete e = ExpConcrete.of(weights(n, r), lambda);
                Concrete c = Concrete.of(weights(n, r), lambda);
                for (int i = 0; i < 200; i++) {
                    double[] y = e.sample(r);
                    double lp = e.logDensity(y);
                    assertTrue(Double.isFinite(lp), "ExpConcrete n=" + n + " λ=" + lambda + ": " + lp);
                    double[] x = c.sample(r);
                    double lq = c.logDensity(x);
                    assertFalse(Double.isNaN(lq), "Concrete n=" + n + " λ=" + lambda);
                }
            }
        }
        BinaryConcrete b = BinaryConcrete.of(3, 0.05);
        for (int i = 0; i < 1000; i++) {
            assertTrue(Double.isFinite(b.logitLogDensity(b.sampleLogit(r))));
        }
    }

    @Test
    void discreteLimitsMatchTheirRelaxations() {
        UniformRandomProvider r = rng(8);
        Discrete d = Discrete.of(new double[] {1, 3});
        assertEquals(Math.log(0.75), d.logProbability(1), 1e-12);
        int ones = 0;
        for (int i = 0; i < 40_000; i++) {
            ones += d.sample(r);
        }
        // 40,000 draws of p = 0.75: sd ≈ 87; 5 sd = 435
        assertEquals(30_000, ones, 435);
        Bernoulli b = Bernoulli.of(0.2);
        assertEquals(Math.log(0.2), b.logProbability(1), 1e-12);
        assertEquals(Math.log(0.8), b.logProbability(0), 1e-12);
        assertEquals(0.2, BinaryConcrete.of(0.25, 0.5).probability(), 1e-12);
        assertEquals(0.0, Vertices.nearestVertexDistance(new double[] {0, 1, 0}), 0);
        assertEquals(Math.sqrt(2.0 / 3), Vertices.nearestVertexDistance(new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0}), 1e-12);
        assertEquals(Math.log(3), Vertices.entropy(new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0}), 1e-12);
    }

    @Test
    void invalidParametersAreNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Concrete.of(new double[] {1, -2}, 1))
                .getMessage().contains("α[1] must be positive and finite, was -2.0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Concrete.of(new double[] {1, 2}, 0))
                .getMessage().contains("temperature λ must be positive and finite, was 0.0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ExpConcrete.ofLogits(new double[] {1, Double.NaN}, 1))
                .getMessage().contains("logits[1]"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Concrete.of(new double[] {1}, 1))
                .getMessage().contains("at least 2"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Concrete.of(new double[] {1, 2}, 1).logDensity(new double[3]))
                .getMessage().contains("x must have 2 coordinates, had 3"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BinaryConcrete.of(Double.POSITIVE_INFINITY, 1))
                .getMessage().contains("α must be positive and finite"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Bernoulli.of(1.5)).getMessage().contains("p must be in [0, 1]"));
    }

    static double meanVertexDistance(Concrete c, int draws, long seed) {
        UniformRandomProvider r = rng(seed);
        double sum = 0;
        for (int i = 0; i < draws; i++) {
            sum += Vertices.nearestVertexDistance(c.sample(r));
        }
        return sum / draws;
    }

    static double[] weights(int n, UniformRandomProvider r) {
        double[] a = new double[n];
        for (int k = 0; k < n; k++) {
            a[k] = 0.2 + 3 * r.nextDouble();
        }
        return a;
    }

    private static double[] interior(int n, UniformRandomProvider r) {
        double[] x = new double[n];
        double s = 0;
        for (int k = 0; k < n; k++) {
            x[k] = 0.01 + r.nextDouble();
            s += x[k];
        }
        for (int k = 0; k < n; k++) {
            x[k] /= s;
        }
        return x;
    }
}

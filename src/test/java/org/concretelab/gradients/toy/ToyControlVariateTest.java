package org.concretelab.gradients.toy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.concretelab.distribution.LogSpace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The toy's DisARM, REBAR and RELAX: unbiased (fixed seeds, within a few standard errors) and lower in variance. */
class ToyControlVariateTest {
    private static final int N = 200_000;
    private final ToyProblem toy = new ToyProblem();

    private static double mean(double[] g) {
        double s = 0;
        for (double v : g) {
            s += v;
        }
        return s / g.length;
    }

    private static double variance(double[] g) {
        double m = mean(g);
        double s = 0;
        for (double v : g) {
            s += (v - m) * (v - m);
        }
        return s / (g.length - 1);
    }

    @ParameterizedTest
    @CsvSource({"-3, 0.5", "-0.7, 0.05", "0, 0.6667", "0.4, 2", "2.5, 0.5", "0, 10"})
    void disarmRebarAndRelaxAverageToTheExactGradient(double theta, double lambda) {
        for (ToyEstimator e : List.of(ToyEstimators.DISARM, ToyEstimators.REBAR, ToyEstimators.RELAX)) {
            double[] g = toy.estimates(e, theta, lambda, N, 31);
            // (at θ = 0 DisARM's pair always disagrees: every estimate is the exact gradient, no spread)
            double z = variance(g) < 1e-24 ? (Math.abs(mean(g) - toy.exactGradient(theta)) < 1e-12 ? 0 : Double.POSITIVE_INFINITY)
                    : (mean(g) - toy.exactGradient(theta)) / Math.sqrt(variance(g) / N);
            assertTrue(Math.abs(z) < 4.5, e.id() + " at θ = " + theta + ", λ = " + lambda + ": mean " + mean(g) + ", exact "
                    + toy.exactGradient(theta) + ", " + z + " standard errors off");
            assertTrue(e.unbiased());
            assertEquals(toy.exactGradient(theta), toy.expectedEstimate(e, theta, lambda), 0);
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.1, 0.5, 2.0 / 3, 2, 10})
    void rebarsVarianceIsBelowThePlainScoreFunctionsAtThetaZero(double lambda) {
        // exactly: η = 0 is the score function, and the optimal η does better whenever the relaxation correlates at all
        double plainExact = RebarToy.variance(toy, 0, lambda, 0);
        double rebarExact = RebarToy.variance(toy, 0, lambda, RebarToy.eta(toy, 0, lambda));
        assertTrue(rebarExact < plainExact, "λ = " + lambda + ": REBAR " + rebarExact + ", score function " + plainExact);
        // sampled, on the same draws
        double plain = variance(toy.estimates(ToyEstimators.SCORE_FUNCTION, 0, lambda, N, 7));
        double rebar = variance(toy.estimates(ToyEstimators.REBAR, 0, lambda, N, 7));
        assertTrue(rebar < plain, "λ = " + lambda + ": REBAR " + rebar + ", score function " + plain);
        if (lambda >= 10) { // hot, f(σ(z/λ)) is nearly f(½) + a line in z: η·f(½) becomes a baseline (measured 13 % less)
            assertTrue(rebar < 0.92 * plain, "λ = " + lambda + ": REBAR " + rebar + ", score function " + plain);
        }
    }

    @ParameterizedTest
    @CsvSource({"0, 0.5", "-2, 0.6667", "1.5, 0.1", "3, 2"})
    void theExactMomentsGiveTheSampledVariance(double theta, double lambda) {
        double eta = RebarToy.eta(toy, theta, lambda);
        double rebar = variance(toy.estimates(ToyEstimators.REBAR, theta, lambda, N, 11));
        assertEquals(RebarToy.variance(toy, theta, lambda, eta), rebar, 0.03 * rebar + 1e-9, "REBAR, η = " + eta);
        double relax = variance(toy.estimates(ToyEstimators.RELAX, theta, lambda, N, 11));
        assertEquals(RelaxToy.variance(toy, theta, lambda, true), relax, 0.03 * relax + 1e-9, "RELAX");
    }

    @ParameterizedTest
    @CsvSource({"0, 0.5", "-2, 0.6667", "1.5, 0.1", "3, 2", "0.5, 10"})
    void fittingOnlyLowersTheVariance(double theta, double lambda) {
        double atOne = RebarToy.variance(toy, theta, lambda, 1);
        double optimal = RebarToy.variance(toy, theta, lambda, RebarToy.eta(toy, theta, lambda));
        double relax = RelaxToy.variance(toy, theta, lambda, true);
        assertTrue(optimal <= atOne * (1 + 1e-9), "REBAR: optimal η " + optimal + ", η = 1 " + atOne);
        assertTrue(relax <= atOne * (1 + 1e-9), "RELAX " + relax + ", REBAR at η = 1 " + atOne);
        assertEquals(atOne, RelaxToy.variance(toy, theta, lambda, false), 1e-12 + 1e-9 * atOne, "ρ = 0 is REBAR at η = 1");
    }

    @ParameterizedTest
    @CsvSource({"0, 1, 0.3", "0, 0, 0.3", "2, 1, 0.9", "-3, 0, 0.01", "-3, 1, 0.99"})
    void theConditionalSampleLiesOnItsSideAndItsSlopeMatchesAFiniteDifference(double theta, int b, double v) {
        double z = ControlVariates.conditionalSample(theta, b, v);
        assertTrue(b == 1 ? z > 0 : z < 0, "z̃ = " + z + " for b = " + b);
        double h = 1e-6;
        double numeric = (ControlVariates.conditionalSample(theta + h, b, v) - ControlVariates.conditionalSample(theta - h, b, v))
                / (2 * h);
        assertEquals(numeric, ControlVariates.conditionalSlope(theta, b, z), 1e-6);
    }

    @Test
    void disarmIsZeroWhenThePairAgreesAndExactlyUnbiased() {
        // at θ = 0.8 the pair disagrees when |L| > 0.8: then ĝ = ½(f(1) − f(0))σ(0.8) for either order
        double theta = 0.8;
        double[] g = toy.estimates(ToyEstimators.DISARM, theta, 1, 1000, 3);
        ToyDraws draws = ToyDraws.of(1000, 3);
        double half = 0.5 * (toy.loss(1) - toy.loss(0)) * LogSpace.sigmoid(theta);
        for (int i = 0; i < g.length; i++) {
            assertEquals(Math.abs(draws.logistic()[i]) > theta ? half : 0, g[i], 1e-15, "draw " + i);
        }
    }

    @Test
    void theRegistryHoldsEightEstimatorsWithDistinctIds() {
        List<ToyEstimator> all = ToyEstimators.all();
        assertEquals(8, all.size());
        Set<String> ids = new HashSet<>();
        for (ToyEstimator e : all) {
            assertTrue(ids.add(e.id()), e.id());
            assertEquals(e, ToyEstimators.byId(e.id()));
        }
        assertTrue(ToyEstimators.REBAR.fitted(toy, 0, 0.5).startsWith("η = "));
        assertTrue(ToyEstimators.RELAX.fitted(toy, 0, 0.5).startsWith("r(z) = "));
    }
}

package org.concretelab.gradients.toy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.concretelab.distribution.LogSpace;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The toy f(θ) = E[(z − t)²], z ~ Bernoulli(σ(θ)): estimators against its exact gradient. */
class ToyProblemTest {
    private static final int N = 200_000;
    private final ToyProblem toy = new ToyProblem();

    private static double mean(double[] g) {
        double s = 0;
        for (double v : g) {
            s += v;
        }
        return s / g.length;
    }

    private static double standardError(double[] g) {
        double m = mean(g);
        double s = 0;
        for (double v : g) {
            s += (v - m) * (v - m);
        }
        return Math.sqrt(s / (g.length - 1) / g.length);
    }

    @ParameterizedTest
    @ValueSource(doubles = {-3, -0.7, 0, 0.4, 2.5})
    void theExactGradientIsTheDerivativeOfTheObjective(double theta) {
        double h = 1e-5;
        double numeric = (toy.objective(theta + h) - toy.objective(theta - h)) / (2 * h);
        assertEquals(numeric, toy.exactGradient(theta), 1e-9);
        double p = LogSpace.sigmoid(theta);
        assertEquals(p * (1 - p) * (Math.pow(1 - 0.45, 2) - 0.45 * 0.45), toy.exactGradient(theta), 1e-15);
    }

    @ParameterizedTest
    @ValueSource(doubles = {-3, -0.7, 0, 0.4, 2.5})
    void scoreFunctionEstimatesAverageToTheExactGradient(double theta) {
        for (ToyEstimator e : new ToyEstimator[] {ToyEstimators.SCORE_FUNCTION, ToyEstimators.SCORE_FUNCTION_BASELINE,
                ToyEstimators.NVIL_CENTRING}) {
            double[] g = toy.estimates(e, theta, 0.5, N, 17);
            double z = (mean(g) - toy.exactGradient(theta)) / standardError(g);
            assertTrue(Math.abs(z) < 4.5, e + " at θ = " + theta + ": mean " + mean(g) + ", exact " + toy.exactGradient(theta)
                    + ", " + z + " standard errors off");
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {-3, 0, 2.5})
    void aBaselineCutsTheScoreFunctionsVariance(double theta) {
        double plain = standardError(toy.estimates(ToyEstimators.SCORE_FUNCTION, theta, 1, N, 5));
        double centred = standardError(toy.estimates(ToyEstimators.SCORE_FUNCTION_BASELINE, theta, 1, N, 5));
        assertTrue(centred < plain / 2, "with a baseline " + centred + ", without " + plain);
    }

    @ParameterizedTest
    @ValueSource(doubles = {-2, 0, 0.5, 3})
    void theRelaxedEstimatorsExpectationIsWhatTheirSamplesAverageTo(double theta) {
        for (ToyEstimator e : new ToyEstimator[] {ToyEstimators.CONCRETE, ToyEstimators.STRAIGHT_THROUGH}) {
            for (double lambda : new double[] {10, 2.0 / 3, 0.05}) {
                double[] g = toy.estimates(e, theta, lambda, N, 23);
                double z = (mean(g) - toy.expectedEstimate(e, theta, lambda)) / standardError(g);
                assertTrue(Math.abs(z) < 4.5, e + " at θ = " + theta + ", λ = " + lambda + ": " + z + " standard errors off");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {-2, -0.5, 0, 0.5, 2})
    void theConcreteRelaxationsBiasIsSmallerColdThanHot(double theta) {
        double exact = toy.exactGradient(theta);
        double hot = Math.abs(toy.expectedEstimate(ToyEstimators.CONCRETE, theta, 10) - exact);
        double paper = Math.abs(toy.expectedEstimate(ToyEstimators.CONCRETE, theta, 2.0 / 3) - exact);
        double cold = Math.abs(toy.expectedEstimate(ToyEstimators.CONCRETE, theta, 0.05) - exact);
        assertTrue(cold < hot && cold < paper, "θ = " + theta + ": bias " + hot + " (λ = 10), " + paper + " (2/3), " + cold + " (0.05)");
    }

    @ParameterizedTest
    @ValueSource(doubles = {-3, -0.5, 0, 0.5, 3})
    void asTheTemperatureGoesToZeroTheRelaxedGradientsBecomeTheDiscreteOne(double theta) {
        // (not monotonically: at θ = 3 the bias at λ = 0.05 exceeds that at λ = 10)
        double exact = toy.exactGradient(theta);
        for (ToyEstimator e : new ToyEstimator[] {ToyEstimators.CONCRETE, ToyEstimators.STRAIGHT_THROUGH}) {
            double frozen = Math.abs(toy.expectedEstimate(e, theta, 0.002) - exact);
            assertTrue(frozen < 0.05 * Math.abs(exact), e + " at θ = " + theta + ", λ = 0.002: bias " + frozen + " of " + exact);
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {-2, 0, 3})
    void theRelaxedEstimatorsPayForLessBiasWithVariance(double theta) {
        for (ToyEstimator e : new ToyEstimator[] {ToyEstimators.CONCRETE, ToyEstimators.STRAIGHT_THROUGH}) {
            double warm = standardError(toy.estimates(e, theta, 1, 50_000, 3));
            double cold = standardError(toy.estimates(e, theta, 0.05, 50_000, 3));
            assertTrue(cold > 2 * warm, e + ": SE at λ = 0.05 " + cold + ", at λ = 1 " + warm);
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {-2, 1})
    void oneSeedGivesEveryEstimatorTheSameDraws(double theta) {
        // the score function and straight-through see the same hard z: their signs of (z − σ) and (z − t) agree draw by draw
        double[] sf = toy.estimates(ToyEstimators.SCORE_FUNCTION, theta, 0.5, 1000, 4);
        double[] st = toy.estimates(ToyEstimators.STRAIGHT_THROUGH, theta, 0.5, 1000, 4);
        for (int i = 0; i < sf.length; i++) {
            assertEquals(Math.signum(sf[i]), Math.signum(st[i]), "draw " + i);
        }
    }
}

package org.concretelab.gradients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ComparisonVerdictTest {
    /** A reference of d = 4 coordinates with |g|²/d = {@code signal} and SE² = {@code se2} (one block variance, 1 block). */
    private static ReferenceGradient reference(int m, double signal, double se2) {
        double g = Math.sqrt(signal);
        return new ReferenceGradient(m, 10_000, 1, new double[] {g, g, g, g}, new double[] {se2, se2, se2, se2});
    }

    private static EstimatorResult result(String name, int m, boolean relaxed, double variance, double squaredError,
                                          double floor, double scale) {
        return new EstimatorResult(name, m, relaxed, 0.667, 0.5, 100, variance, squaredError, floor, 0.5, scale, "");
    }

    @Test
    void theQuietestRelaxedEstimatorIsSetAgainstTheQuietestUnbiasedOneItsScaleTakenOut() {
        ComparisonResult r = new ComparisonResult("m", 1, 4, List.of(
                result("concrete", 1, true, 0.9, 0.05, 0.01, 0.3),
                result("straight-through", 1, true, 1.7, 0.03, 0.01, 0.5),
                result("nvil", 1, false, 0.39, 0.06, 0.01, 0.025), // 0.39 / 0.025² = 624 unscaled
                result("vimco", 5, false, 11.7, 0.01, 0.02, 0.96)), // a scale near 1 is noise: 11.7 as it is
                List.of(reference(1, 0.06, 0.008), reference(5, 0.015, 0.005)), List.of(), 1);
        String v = ComparisonReport.verdict(r);
        assertTrue(v.startsWith("At λ1 = 0.667 the concrete gradient has 1/13 of the variance of vimco (m = 5), but a bias² of 0.040"), v);
        assertFalse(v.contains("Warning"), v);
        // an unbiased estimator scaled on purpose is compared with its scale taken out: 0.39 / 0.025² = 624, not 0.39
        ComparisonResult nvilOnly = new ComparisonResult("m", 1, 4, List.of(result("concrete", 1, true, 0.9, 0.05, 0.01, 0.3),
                result("nvil", 1, false, 0.39, 0.06, 0.01, 0.025)), List.of(reference(1, 0.06, 0.008)), List.of(), 1);
        assertTrue(ComparisonReport.verdict(nvilOnly).startsWith("At λ1 = 0.667 the concrete gradient has 1/693 of the variance of nvil "
                + "(its deliberate scale 0.025 taken out)"), ComparisonReport.verdict(nvilOnly));
    }

    @Test
    void aReferenceNoisierThanItsSignalIsWarnedAboutAndAnUnresolvedBiasIsSaidToBeNoise() {
        ComparisonResult r = new ComparisonResult("m", 1, 4, List.of(
                result("concrete", 1, true, 0.9, 0.015, 0.01, 0.3), // squared error < 2 × floor: not resolved
                result("disarm", 1, false, 49, 0.06, 0.06, 0.98)),
                List.of(reference(1, 0.004, 0.008)), List.of(), 1);
        String v = ComparisonReport.verdict(r);
        assertTrue(v.contains("does not stand out of the noise"), v);
        assertTrue(v.contains("Warning: the ELBO reference is noisier than the gradient it estimates"), v);
        assertEquals("", ComparisonReport.verdict(new ComparisonResult("m", 1, 4, List.of(), List.of(), List.of(), 0)));
    }
}

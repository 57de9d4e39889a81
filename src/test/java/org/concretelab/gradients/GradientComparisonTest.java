package org.concretelab.gradients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import org.concretelab.model.Architecture;
import org.concretelab.model.GradientProbe;
import org.concretelab.model.LatentKind;
import org.concretelab.model.ModelSpec;
import org.concretelab.model.VaeModel;
import org.concretelab.model.VaeModels;
import org.concretelab.model.estimator.Estimators;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The comparison on a model with 3 binary latents, whose discrete objectives' gradients are known exactly by
 * enumerating every code: the score-function references agree with them within their standard errors, VIMCO's
 * estimates (through the model's own backward pass) too, and a relaxed estimator at a high temperature does not.
 */
class GradientComparisonTest {
    static final ModelSpec TINY = new ModelSpec(Architecture.NONLINEAR_ONE, LatentKind.BINARY, 3, 2, 0, 8, 2.0 / 3, 0.5, 1, 1e-3);
    static final int ROWS = 2;
    static VaeModel model;
    static float[] images;
    static ExactGradients exact;
    static ComparisonResult result;

    @BeforeAll
    static void compare() {
        model = VaeModels.create(TINY, 3);
        images = ExactGradients.images(ROWS, 8);
        exact = new ExactGradients(model, images, ROWS);
        ComparisonSettings settings = ComparisonSettings.of(400).withReferenceDraws(20_000).withSweep(new double[] {10, 0.05})
                .withThreads(2);
        result = GradientComparison.run(model, images, ROWS, settings, GradientComparison.Progress.NONE, () -> false);
    }

    /** max over coordinates of |a − b| / se. */
    private static double worstZ(double[] a, double[] b, double[] se) {
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            worst = Math.max(worst, Math.abs(a[i] - b[i]) / se[i]);
        }
        return worst;
    }

    @Test
    void theReferencesMatchTheExactGradientsOfTheDiscreteElboAndL5() {
        for (int m : new int[] {1, 5}) {
            ReferenceGradient ref = result.reference(m);
            double[] truth = exact.gradient(m);
            double[] se = new double[truth.length];
            double power = 0;
            for (int i = 0; i < se.length; i++) {
                se[i] = Math.sqrt(ref.blockVariance()[i] / ref.blocks());
                power += truth[i] * truth[i] / truth.length;
            }
            assertTrue(worstZ(ref.mean(), truth, se) < 4.5, "m = " + m + ": reference " + java.util.Arrays.toString(ref.mean())
                    + " vs exact " + java.util.Arrays.toString(truth) + " (SE " + java.util.Arrays.toString(se) + ")");
            // and precise enough for the check to mean something
            assertTrue(ref.meanSquaredStandardError() < 0.05 * power, "m = " + m + ": SE² " + ref.meanSquaredStandardError()
                    + " against |g|²/d " + power);
        }
    }

    @Test
    void vimcoThroughTheModelsBackwardPassIsUnbiasedForL5() {
        GradientProbe probe = VaeModels.gradientProbe(model, "vimco", 5);
        CoordinateMoments moments = new CoordinateMoments(ROWS * probe.width());
        for (int n = 0; n < 6000; n++) {
            moments.add(probe.logitGradient(images, ROWS, 1000 + n));
        }
        double[] truth = exact.gradient(5);
        double[] se = moments.variance();
        for (int i = 0; i < se.length; i++) {
            se[i] = Math.sqrt(se[i] / moments.count());
        }
        assertTrue(worstZ(moments.mean(), truth, se) < 4.5, "VIMCO's mean " + java.util.Arrays.toString(moments.mean())
                + " vs exact ∇L_5 " + java.util.Arrays.toString(truth));
    }

    @Test
    void everyRegisteredEstimatorHasARowComparedOnItsOwnObjective() {
        List<String> names = new ArrayList<>();
        for (EstimatorResult r : result.estimators()) {
            names.add(r.estimator());
            assertEquals(Estimators.minimumSamples(r.estimator()) > 1 ? 5 : 1, r.samples(), r.estimator());
            assertEquals(Estimators.create(r.estimator()).relaxed(), r.relaxed(), r.estimator());
            assertEquals(400, r.draws());
            assertTrue(r.variance() > 0 && r.noiseFloor() > 0 && Math.abs(r.cosine()) <= 1 + 1e-12, r.toString());
        }
        assertEquals(Estimators.names(), names);
        List<String> swept = Estimators.namesFor(model.spec()).stream().filter(n -> Estimators.create(n).sweepsTemperature()).toList();
        assertTrue(swept.containsAll(List.of("concrete", "straight-through", "rebar", "relax")), swept.toString());
        assertEquals(2 * swept.size(), result.sweep().size(), "every swept estimator at each swept λ");
        assertEquals(ROWS, result.images());
        assertEquals(3, result.width());
    }

    @Test
    void anUnbiasedEstimatorsErrorIsItsNoiseAndAHotRelaxationsIsNot() {
        EstimatorResult vimco = result.estimators().stream().filter(r -> r.estimator().equals("vimco")).findFirst().orElseThrow();
        // squared error / floor ~ χ²_6 / 6 for an unbiased estimator: beyond 4 once in ~2000 runs
        assertTrue(vimco.squaredError() < 4 * vimco.noiseFloor(), vimco.toString());
        // the noise along the reference's direction: about the floor per coordinate, over |reference|
        ReferenceGradient l5 = result.reference(5);
        double se = Math.sqrt(vimco.noiseFloor() / (l5.dimension() * l5.meanSquare()));
        assertEquals(1, vimco.scale(), 4.5 * se, "an unbiased estimator's mean is the reference itself, not a multiple: " + vimco);
        EstimatorResult hot = result.sweep().stream().filter(r -> r.estimator().equals("concrete") && r.lambdaPosterior() == 10)
                .findFirst().orElseThrow();
        assertTrue(hot.biasResolved() && hot.squaredError() > 10 * hot.noiseFloor(), hot.toString());
        assertEquals(7.5, hot.lambdaPrior(), 1e-12, "λ2 keeps the model's ratio λ2/λ1 = 3/4");
    }

    @Test
    void rebarAndRelaxStayUnbiasedAcrossTheirControlVariatesTemperature() {
        for (String name : List.of("rebar", "relax")) {
            for (double lambda : new double[] {10, 0.05}) {
                EstimatorResult r = result.sweep().stream().filter(e -> e.estimator().equals(name) && e.lambdaPosterior() == lambda)
                        .findFirst().orElseThrow();
                // unbiased at every λ: squared error / floor ~ χ²_6 / 6 (beyond 4 once in ~2000 runs), unlike a hot relaxation
                assertTrue(r.squaredError() < 4 * r.noiseFloor(), name + " at λ = " + lambda + ": " + r);
                assertFalse(r.relaxed(), r.toString());
            }
            // and the sweep does move their temperature: the same noise gives another estimate at another λ
            GradientProbe probe = VaeModels.gradientProbe(model, name, 1);
            probe.setEstimatorTemperature(10);
            double[] hot = probe.logitGradient(images, ROWS, 7);
            probe.setEstimatorTemperature(0.05);
            double[] cold = probe.logitGradient(images, ROWS, 7);
            assertFalse(java.util.Arrays.equals(hot, cold), name + ": λ left the estimate unchanged");
        }
    }

    @ParameterizedTest
    @MethodSource("otherModels")
    void onCategoricalTwoLayerAndMixedModelsVimcoAgreesWithTheIndependentReference(ModelSpec spec) {
        VaeModel m = VaeModels.create(spec, 5);
        ComparisonSettings s = ComparisonSettings.of(300).withReferenceDraws(10_000).withThreads(2);
        ComparisonResult r = GradientComparison.run(m, images, ROWS, s, GradientComparison.Progress.NONE, () -> false);
        int units = spec.discreteUnits();
        assertEquals(spec.latentKind() == LatentKind.BINARY ? units : units * spec.classes(), r.width(),
                "the discrete logits of the first layer only (no Gaussian parameters)");
        EstimatorResult vimco = r.estimators().stream().filter(e -> e.estimator().equals("vimco")).findFirst().orElseThrow();
        assertTrue(vimco.squaredError() < 3 * vimco.noiseFloor(), spec.describe() + ": " + vimco);
        for (EstimatorResult e : r.estimators()) {
            assertTrue(Double.isFinite(e.variance()) && e.draws() == 300, e.toString());
        }
    }

    static List<ModelSpec> otherModels() {
        return List.of(
                new ModelSpec(Architecture.NONLINEAR_ONE, LatentKind.CATEGORICAL, 3, 4, 0, 8, 1.0, 2.0 / 3, 1, 1e-3),
                new ModelSpec(Architecture.NONLINEAR_TWO, LatentKind.BINARY, 4, 2, 0, 8, 2.0 / 3, 0.5, 1, 1e-3),
                new ModelSpec(Architecture.LINEAR_ONE, LatentKind.BINARY, 4, 2, 2, 8, 2.0 / 3, 0.5, 1, 1e-3));
    }

    @Test
    void theResultDoesNotDependOnTheNumberOfThreads() {
        ComparisonSettings s = ComparisonSettings.of(20).withReferenceDraws(500);
        ComparisonResult one = GradientComparison.run(model, images, ROWS, s.withThreads(1), GradientComparison.Progress.NONE, () -> false);
        ComparisonResult two = GradientComparison.run(model, images, ROWS, s.withThreads(2), GradientComparison.Progress.NONE, () -> false);
        for (int k = 0; k < one.estimators().size(); k++) {
            EstimatorResult a = one.estimators().get(k);
            EstimatorResult b = two.estimators().get(k);
            assertEquals(a.variance(), b.variance(), 1e-9 * a.variance(), a.estimator());
            assertEquals(a.squaredError(), b.squaredError(), 1e-9 * a.squaredError(), a.estimator());
        }
    }

    @Test
    void progressClimbsToOneAndCancellingStopsTheRun() {
        List<Double> fractions = new ArrayList<>();
        ComparisonSettings s = ComparisonSettings.of(10).withReferenceDraws(300).withThreads(1);
        GradientComparison.run(model, images, ROWS, s, (f, stage) -> fractions.add(f), () -> false);
        for (int i = 1; i < fractions.size(); i++) {
            assertTrue(fractions.get(i) >= fractions.get(i - 1), "progress never goes back");
        }
        assertEquals(1.0, fractions.get(fractions.size() - 1), 1e-12);
        AtomicInteger polls = new AtomicInteger();
        assertThrows(CancellationException.class, () -> GradientComparison.run(model, images, ROWS, s.withThreads(2),
                GradientComparison.Progress.NONE, () -> polls.incrementAndGet() > 5));
    }
}

package org.concretelab.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.concretelab.distribution.BinaryConcrete;
import org.concretelab.distribution.Concrete;
import org.concretelab.model.Architecture;
import org.concretelab.model.LatentKind;
import org.concretelab.model.ModelSpec;
import org.concretelab.model.VaeModel;
import org.concretelab.model.VaeModels;
import org.junit.jupiter.api.Test;

/** One unit's posterior at λ: the numbers the Latents tab draws, against the distribution package. */
class UnitPosteriorTest {
    private static final double[][] NOISE = {{0.3, -0.2}, {-1.1, 0.9}, {0.05, 0.4}};

    /** log α₁, log α₂ for the unit, so that log(α₂/α₁) = {@code logAlpha}. */
    private static UnitPosterior binary(double logAlpha, double lambda) {
        return UnitPosterior.of(0, new double[] {Math.log(0.3), Math.log(0.3) + logAlpha}, NOISE, lambda);
    }

    @Test
    void theBinaryDensityAndItsEndMassesIntegrateToOne() {
        double[][] cases = {{0.3, 2}, {-1.2, 1}, {2, 2.0 / 3}, {0, 0.2}, {5, 2.0 / 3}, {-3, 10}, {0.5, 0.05}, {9, 10}};
        for (double[] c : cases) {
            UnitPosterior.Interval in = binary(c[0], c[1]).interval();
            double[] x = in.x();
            double[] p = in.density();
            double middle = 0;
            for (int i = 1; i < x.length; i++) {
                middle += (x[i] - x[i - 1]) * (p[i] + p[i - 1]) / 2; // trapezoid over the drawn curve
            }
            double ends = in.binMass()[0] + in.binMass()[UnitPosterior.BINS - 1];
            String what = "log α " + c[0] + ", λ " + c[1];
            // the curve covers [1/25, 24/25]; the end bins hold the rest (exact, from the distribution function)
            assertEquals(1, middle + ends, 2e-3, what + ": ∫ of the drawn curve " + middle + " + end masses " + ends);
            assertEquals(in.middleMass(), middle, 2e-3, what);
            double total = 0;
            for (double m : in.binMass()) {
                assertTrue(m >= 0, what);
                total += m;
            }
            assertEquals(1, total, 1e-12, what + ": the bins' masses");
        }
    }

    @Test
    void theBinaryDensityIsTheDistributionPackagesBinaryConcreteAndTwoClassConcrete() {
        double logAlpha = 1.3;
        double lambda = 0.8;
        UnitPosterior.Interval in = binary(logAlpha, lambda).interval();
        BinaryConcrete b = BinaryConcrete.of(Math.exp(logAlpha), lambda);
        Concrete two = Concrete.ofLogits(new double[] {0, logAlpha}, lambda);
        for (int i : new int[] {0, 17, 115, 200, UnitPosterior.CURVE_POINTS - 1}) {
            double x = in.x()[i];
            assertEquals(b.density(x), in.density()[i], 1e-12 * b.density(x), "at x = " + x);
            // the density of class 2's weight x is Concrete's with respect to x₁ = 1 − x (a unit Jacobian)
            assertEquals(two.density(new double[] {1 - x, x}), in.density()[i], 1e-9 * in.density()[i], "at x = " + x);
        }
        // the last bin's mass: P(X > 24/25) = σ(log α − λ logit(24/25))
        double logit = Math.log(24.0);
        assertEquals(1 / (1 + Math.exp(-(logAlpha - lambda * logit))), in.binMass()[UnitPosterior.BINS - 1], 1e-12);
    }

    @Test
    void atLowTemperatureTheMassPilesOnZeroAndOneAndAtHighItSpreadsIntoTheMiddle() {
        assertTrue(binary(0.5, 0.05).interval().middleMass() < 0.1, "λ 0.05: almost all at the ends");
        assertTrue(binary(0.5, 10).interval().middleMass() > 0.99, "λ 10: in-between values");
        assertEquals(1 / (1 + Math.exp(-0.5)), binary(0.5, 1).probabilities()[1], 1e-12, "P(z = 1) = σ(log α)");
    }

    @Test
    void theSamplesAreThePosteriorsRelaxedCodesWithTheSameNoise() {
        VaeModel m = VaeModels.create(new ModelSpec(Architecture.LINEAR_ONE, LatentKind.BINARY, 6, 2, 0, 20, 0.5, 0.5, 1, 1e-3), 5);
        float[] digit = new float[784];
        for (int i = 0; i < digit.length; i++) {
            digit[i] = (i * 37 % 11) < 3 ? 1f : 0f;
        }
        RelaxedPosterior p = RelaxedPosterior.of(m, digit, 4, 3);
        for (double lambda : new double[] {0.1, 1, 7}) {
            for (int u = 0; u < 6; u++) {
                UnitPosterior up = p.unit(u, lambda);
                assertNotNull(up.interval());
                assertNull(up.triangle());
                for (int s = 0; s < 4; s++) {
                    assertEquals(p.code(s, lambda, false)[u], up.value(s), 1e-6, "unit " + u + ", sample " + s);
                    assertEquals(p.code(s, lambda, true)[u], up.hard()[s], "the hard sample");
                }
            }
        }
        assertThrows(IllegalArgumentException.class, () -> p.unit(6, 1));
        double[] means = m.posteriorMeans(digit, 1);
        int most = p.mostUncertainUnit();
        for (int u = 0; u < 6; u++) {
            assertTrue(Math.abs(means[2 * most + 1] - 0.5) <= Math.abs(means[2 * u + 1] - 0.5) + 1e-6, "unit " + u);
        }
    }

    @Test
    void aThreeWayUnitsTriangleIsConcretesLogDensityAndHoldsItsMass() {
        double[] logits = {Math.log(0.5), Math.log(0.3), Math.log(0.2)};
        double lambda = 1.5;
        UnitPosterior up = UnitPosterior.of(2, logits, new double[][] {{0.1, 0.2, -0.3}}, lambda);
        assertNull(up.interval());
        UnitPosterior.Triangle t = up.triangle();
        Concrete c = Concrete.ofLogits(logits, lambda);
        double mass = 0;
        double[] w = new double[3];
        int inside = 0;
        for (int j = 0; j < t.grid(); j++) {
            for (int i = 0; i < t.grid(); i++) {
                double v = t.logDensity()[j * t.grid() + i];
                if (UnitPosterior.barycentric((i + 0.5) / t.grid(), (j + 0.5) / t.grid() * UnitPosterior.H, w)) {
                    inside++;
                    assertEquals(c.logDensity(w), v, 1e-12);
                    // the density is with respect to (x₁, x₂), which map onto the plane with Jacobian H: a cell of
                    // area (1/grid)(H/grid) spans 1/grid² of (x₁, x₂)
                    mass += Math.exp(v) / (t.grid() * t.grid());
                } else {
                    assertEquals(Double.NEGATIVE_INFINITY, v);
                }
            }
        }
        assertTrue(inside > t.grid() * t.grid() / 3, "about half the box is the triangle");
        assertEquals(1, mass, 0.03, "the density over the triangle");
    }
}

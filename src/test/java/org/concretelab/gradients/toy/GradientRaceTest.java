package org.concretelab.gradients.toy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The toy's gradient race: gradient descent with each estimator from one θ₀, same rate, steps and draws. */
class GradientRaceTest {
    static final ToyProblem TOY = new ToyProblem();
    static final GradientRace.Settings SETTINGS = new GradientRace.Settings(0.5, 2.0 / 3, 10, 300, 2, 1);
    static GradientRace race;

    @BeforeAll
    static void run() {
        race = new GradientRace(TOY, ToyEstimators.all(), SETTINGS);
        race.advance(300);
    }

    private static int racer(String id) {
        return race.ids().indexOf(id);
    }

    @Test
    void theExactRacerDescendsToTheOptimum() {
        assertEquals(GradientRace.EXACT, race.id(0));
        assertEquals(0.45 * 0.45, race.optimum(), 1e-15, "the infimum f(0) = t², approached as σ(θ) → 0");
        double[] f = race.loss(0);
        for (int t = 1; t < f.length; t++) {
            assertTrue(f[t] < f[t - 1], "exact gradient descent with a small step never goes up: step " + t);
        }
        // f − f* = σ(θ)·(f(1) − f(0)) and f(θ₀) − f* = 0.062: within 1 % of the way left after 300 steps
        assertTrue(f[300] - race.optimum() < 1e-3, "f(θ_300) − f* = " + (f[300] - race.optimum()));
        assertEquals(0, race.gradientNoise(0), 0);
    }

    @Test
    void aHighVarianceEstimatorsPathIsNoisierAndABiasedOneStopsShort() {
        // the noise each met along its own path, RMS of ĝ − ∇f: the plain score function's is far above DisARM's
        // (single-draw sd 0.115 against 0.014 at θ₀) and above the leave-one-out baseline's; this seed: 0.022, 0.006, 0.009
        double plain = race.gradientNoise(racer("score-function"));
        assertTrue(plain > 2.5 * race.gradientNoise(racer("disarm")), plain + " vs DisARM " + race.gradientNoise(racer("disarm")));
        assertTrue(plain > 1.5 * race.gradientNoise(racer("score-function-baseline")), plain + " vs the baseline's "
                + race.gradientNoise(racer("score-function-baseline")));
        // the unbiased racers get near the optimum too; the Concrete relaxation at λ = 2/3 descends its relaxed objective,
        // whose minimum is at a finite θ (≈ −0.5 to −1): it stops at f − f* ≈ 0.03–0.05, far from the exact racer's 0.0004
        for (String id : List.of("score-function-baseline", "disarm", "relax")) {
            double[] f = race.loss(racer(id));
            assertTrue(f[300] - race.optimum() < 2e-3, id + ": f − f* = " + (f[300] - race.optimum()));
        }
        double[] concrete = race.theta(racer("concrete"));
        assertTrue(concrete[300] > -2 && race.loss(racer("concrete"))[300] - race.optimum() > 0.015,
                "the relaxation settles at its own optimum, θ = " + concrete[300]);
    }

    @Test
    void aRaceAdvancesInChunksToTheSameFinishAndIsReproducible() {
        GradientRace chunked = new GradientRace(TOY, ToyEstimators.all(), SETTINGS);
        int taken = 0;
        while (!chunked.finished()) {
            int before = chunked.stepsDone();
            taken += chunked.advance(7);
            assertEquals(Math.min(300, before + 7), chunked.stepsDone());
            assertEquals(chunked.stepsDone() + 1, chunked.theta(0).length, "θ_0 … θ_t so far");
        }
        assertEquals(300, taken);
        assertEquals(0, chunked.advance(5), "nothing past the finish");
        for (int r = 0; r < race.racers(); r++) {
            assertArrayEquals(race.theta(r), chunked.theta(r), 0, race.id(r));
        }
        assertEquals(ToyEstimators.all().size() + 1, race.racers());
        assertEquals(301, race.loss(3).length);
        assertFalse(new GradientRace(TOY, ToyEstimators.all(), SETTINGS).finished());
        assertThrows(IllegalArgumentException.class, () -> new GradientRace.Settings(0, 0.5, 10, 100, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new GradientRace.Settings(0, 0.5, -1, 100, 2, 1));
    }
}

package org.concretelab.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.concretelab.model.Architecture;
import org.concretelab.model.ModelSpec;
import org.junit.jupiter.api.Test;

/** The cost said before a sweep starts: anchored on measured rates, scaled by model size and m, honest at scale. */
class CostEstimateTest {
    private static final ModelSpec BASE = ModelSpec.defaults();

    /** A job as train would read the sweep's options (the three keys the shipped sweeps vary). */
    private static CostEstimate.Job job(SweepJob j) {
        Map<String, String> o = j.options();
        Optional<ModelSpec> model;
        try {
            ModelSpec arch = new ModelSpec(Architecture.parse(o.getOrDefault("arch", "200H~784V")), BASE.latentKind(),
                    BASE.discreteUnits(), BASE.classes(), 0, BASE.hiddenUnits(), BASE.lambdaPosterior(), BASE.lambdaPrior(), 1,
                    BASE.learningRate());
            model = Optional.of(arch.withEstimator(o.getOrDefault("estimator", "concrete"),
                    Integer.parseInt(o.getOrDefault("samples", "1"))));
        } catch (IllegalArgumentException refused) {
            model = Optional.empty();
        }
        return new CostEstimate.Job(j.id(), model, 50_000, 1000, 100);
    }

    private static CostEstimate estimate(String file, int parallel) throws Exception {
        SweepSpec spec = SweepSpec.read(Path.of("sweeps", file), Set.of("--arch", "--samples", "--estimator")::contains);
        return CostEstimate.of(spec.jobs().stream().map(CostEstimateTest::job).toList(), 0, spec.epochs(), spec.evalK(), 10_000,
                parallel);
    }

    @Test
    void aJobCutShortCostsOnlyTheEpochsLeft() {
        Optional<ModelSpec> m = Optional.of(BASE);
        CostEstimate whole = CostEstimate.of(List.of(new CostEstimate.Job("a", m, 50_000, 1000, 100)), 0, 50, 1000, 10_000, 1);
        CostEstimate cut = CostEstimate.of(List.of(new CostEstimate.Job("a", m, 50_000, 1000, 100, 40)), 0, 50, 1000, 10_000, 1);
        double epoch = 50_000 * CostModel.trainSecondsPerImage(BASE) + 1000 * 100 * CostModel.scoreSecondsPerSample(BASE);
        assertEquals(40 * epoch, whole.coreSeconds() - cut.coreSeconds(), 1e-6);
        assertTrue(cut.jobCost("a").orElseThrow().contains("resumes after epoch 40 of 50"), cut.jobCost("a").orElseThrow());
        assertFalse(whole.jobCost("a").orElseThrow().contains("resumes"));
        assertTrue(String.join("\n", cut.lines()).contains("1 jobs to run, 1 of them resuming part-way, 50 epochs each"),
                cut.lines().toString());
        CostEstimate past = CostEstimate.of(List.of(new CostEstimate.Job("a", m, 50_000, 1000, 100, 60)), 0, 50, 1000, 10_000, 1);
        assertEquals(whole.coreSeconds() - 50 * epoch, past.coreSeconds(), 1e-6, "a checkpoint past the budget: scoring only");
    }

    @Test
    void theReferenceModelCostsWhatWasMeasured() {
        assertEquals(1 / CostModel.TRAIN_M1, CostModel.trainSecondsPerImage(BASE), 1e-12);
        assertEquals(1 / CostModel.TRAIN_M5, CostModel.trainSecondsPerImage(BASE.withEstimator("concrete", 5)), 1e-12);
        assertEquals(1 / (CostModel.EVAL_IMAGES_K1000 * 1000), CostModel.scoreSecondsPerSample(BASE), 1e-12);
    }

    @Test
    void biggerModelsMoreSamplesAndNvilsBaselineCostMore() {
        double m1 = CostModel.trainSecondsPerImage(BASE);
        double m50 = CostModel.trainSecondsPerImage(BASE.withEstimator("concrete", 50));
        assertTrue(m50 > 20 * m1 && m50 < 60 * m1, "m = 50 costs tens of times m = 1: " + m50 / m1);
        ModelSpec deep = new ModelSpec(Architecture.NONLINEAR_TWO, BASE.latentKind(), 200, 2, 0, 200, BASE.lambdaPosterior(),
                BASE.lambdaPrior(), 1, BASE.learningRate());
        ModelSpec linear = new ModelSpec(Architecture.LINEAR_ONE, BASE.latentKind(), 200, 2, 0, 200, BASE.lambdaPosterior(),
                BASE.lambdaPrior(), 1, BASE.learningRate());
        assertTrue(CostModel.trainSecondsPerImage(deep) > m1);
        assertTrue(CostModel.trainSecondsPerImage(linear) < m1);
        assertTrue(CostModel.trainSecondsPerImage(BASE.withEstimator("nvil", 1)) > m1);
        assertTrue(CostModel.scoreSecondsPerSample(deep) > CostModel.scoreSecondsPerSample(BASE));
    }

    @Test
    void theEstimatorsThatRunSeveralPassesCostWhatTheyMeasuredOfThemselves() {
        double concrete = CostModel.trainSecondsPerImage(BASE);
        // measured step times on one core: Concrete 5.5 ms, DisARM 8.5, REBAR 12.4, RELAX 13.8
        assertEquals(8.5 / 5.5, CostModel.trainSecondsPerImage(BASE.withEstimator("disarm", 1)) / concrete, 0.05);
        assertEquals(12.4 / 5.5, CostModel.trainSecondsPerImage(BASE.withEstimator("rebar", 1)) / concrete, 0.05);
        assertEquals(13.8 / 5.5, CostModel.trainSecondsPerImage(BASE.withEstimator("relax", 1)) / concrete, 0.05);
    }

    @Test
    void table1IsHoursHereButThePapersLengthIsFarBeyondOneMachine() throws Exception {
        CostEstimate e = estimate("table1-density.sweep", 2);
        String text = String.join("\n", e.lines());
        assertTrue(text.contains("24 jobs to run, 100 epochs each") && text.contains("12 that train refuses cost nothing"), text);
        assertTrue(text.contains("at 2 jobs at a time"), text);
        assertFalse(e.beyondOneMachine(), "100 epochs of each fit in days here: " + text);
        assertTrue(e.wallSeconds() > 3600 * 5, text);
        assertTrue(e.paperWallSeconds() > 7 * 86_400, text); // beyond a week: "far beyond one machine" (27 days here)
        assertTrue(text.contains("At the paper's length (10^7 steps of 64 images) its 24 models here would take")
                && text.contains("far beyond one machine"), text);
        assertEquals(e.coreSeconds(), estimate("table1-density.sweep", 1).wallSeconds(), 1e-6, "one at a time: the sum");
    }

    @Test
    void aSweepBeyondAWeekSaysSoOfItself() throws Exception {
        SweepJob j = new SweepJob(Map.of("samples", "50"), 1);
        CostEstimate e = CostEstimate.of(List.of(job(j), job(j)), 0, 30_000, 1000, 10_000, 2); // ~2 weeks each
        assertTrue(e.beyondOneMachine());
        assertTrue(String.join("\n", e.lines()).contains("That is far beyond one machine: run it on a Spark cluster"));
    }

    @Test
    void theFourArchitecturesFitAnAfternoon() throws Exception {
        CostEstimate e = estimate("architectures-m1.sweep", 2);
        // minutes, not seconds nor a night (measured: 7 min for 10 epochs at 2 jobs at a time, README)
        assertTrue(e.wallSeconds() > 120 && e.wallSeconds() < 8 * 3600, String.join("\n", e.lines()));
        assertFalse(String.join("\n", e.lines()).contains("far beyond"));
    }

    @Test
    void jobsGoInOrderToTheFirstFreeCore() {
        assertEquals(3, CostEstimate.wall(new double[] {3, 1, 1, 1}, 2), 1e-9);
        assertEquals(4, CostEstimate.wall(new double[] {1, 1, 1, 3}, 2), 1e-9);
        assertEquals(6, CostEstimate.wall(new double[] {3, 1, 0, 1, 1}, 1), 1e-9, "refused jobs (0) take no core");
    }

    @Test
    void durationsReadAsAPersonWouldSayThem() {
        assertEquals("45 s", CostEstimate.duration(45));
        assertEquals("12 min", CostEstimate.duration(720));
        assertEquals("5.3 hours", CostEstimate.duration(5.3 * 3600));
        assertEquals("88 days", CostEstimate.duration(88 * 86_400));
        assertEquals("2.5 years", CostEstimate.duration(2.5 * 365.25 * 86_400));
    }
}

package org.concretelab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The paper's figure found for the models it reports, and none for the others. */
class PaperResultsTest {
    private static ModelSpec spec(Architecture a, LatentKind kind, int units, int classes, int m, String estimator) {
        return spec(a, kind, units, classes, m, estimator, 200);
    }

    private static ModelSpec spec(Architecture a, LatentKind kind, int units, int classes, int m, String estimator, int hidden) {
        return new ModelSpec(a, kind, units, classes, 0, hidden, 2.0 / 3, 0.5, m, 1e-3, estimator);
    }

    @Test
    void table1NaryAndCompletionFigures() {
        assertEquals(OptionalDouble.of(92.1), PaperResults.testNll(spec(Architecture.NONLINEAR_ONE, LatentKind.BINARY, 200, 2, 1, "concrete")));
        assertEquals(OptionalDouble.of(93.8), PaperResults.testNll(spec(Architecture.NONLINEAR_ONE, LatentKind.BINARY, 200, 2, 1, "nvil")));
        assertEquals(OptionalDouble.of(91.4), PaperResults.testNll(spec(Architecture.NONLINEAR_ONE, LatentKind.BINARY, 200, 2, 5, "vimco")));
        assertEquals(OptionalDouble.of(90.7), PaperResults.testNll(spec(Architecture.LINEAR_TWO, LatentKind.BINARY, 200, 2, 50, "vimco")));
        assertEquals(OptionalDouble.of(85.7), PaperResults.testNll(spec(Architecture.NONLINEAR_TWO, LatentKind.BINARY, 200, 2, 50, "concrete")));
        // the n-ary figures are for 240H~784V with tanh layers 240 wide (appendix D.1): as wide as the stochastic layer
        assertEquals(OptionalDouble.of(91.9), PaperResults.testNll(spec(Architecture.NONLINEAR_ONE, LatentKind.BINARY, 240, 2, 1, "concrete", 240)));
        assertEquals(OptionalDouble.of(91.4), PaperResults.testNll(spec(Architecture.NONLINEAR_ONE, LatentKind.CORNERS, 120, 4, 1, "concrete", 240)));
        assertEquals(OptionalDouble.of(92.5), PaperResults.testNll(spec(Architecture.NONLINEAR_ONE, LatentKind.CORNERS, 80, 8, 1, "concrete", 240)));
        assertEquals(OptionalDouble.of(89.0), PaperResults.testNll(spec(Architecture.NONLINEAR_ONE, LatentKind.BINARY, 240, 2, 5, "concrete", 240)));
        assertEquals(OptionalDouble.of(87.2), PaperResults.testNll(spec(Architecture.NONLINEAR_TWO, LatentKind.CORNERS, 80, 8, 50, "concrete", 240)));
        assertEquals(OptionalDouble.of(99.9), PaperResults.testNll(spec(Architecture.LINEAR_TWO, LatentKind.BINARY, 200, 2, 5, "concrete", 300)),
                "a linear model has no tanh layers: its --hidden does not matter");
        ModelSpec completion = new ModelSpec(Architecture.LINEAR_TWO, LatentKind.BINARY, 240, 2, 0, 240, 2.0 / 3, 0.5, 1, 1e-3,
                "concrete", "completion");
        assertEquals(OptionalDouble.of(58.5), PaperResults.testNll(completion));
        assertEquals(OptionalDouble.of(51.8), PaperResults.testNll(completion.withEstimator("vimco", 50)));
        assertEquals(OptionalDouble.of(61.4), PaperResults.testNll(completion.withEstimator("nvil", 1)));
    }

    @Test
    void anNaryModelOfAnotherWidthThanThePapersHasNoFigure() {
        OptionalDouble none = OptionalDouble.empty();
        assertEquals(none, PaperResults.testNll(spec(Architecture.NONLINEAR_ONE, LatentKind.BINARY, 240, 2, 1, "concrete", 200)));
        assertEquals(none, PaperResults.testNll(spec(Architecture.NONLINEAR_ONE, LatentKind.CORNERS, 120, 4, 1, "concrete", 200)));
        assertEquals(none, PaperResults.testNll(spec(Architecture.NONLINEAR_ONE, LatentKind.CORNERS, 80, 8, 1, "concrete", 200)));
        assertEquals(none, PaperResults.testNll(spec(Architecture.NONLINEAR_ONE, LatentKind.BINARY, 200, 2, 1, "concrete", 240)),
                "Table 1's 200H~784V is 200 wide");
    }

    @Test
    void modelsThePaperDoesNotReportHaveNoFigure() {
        OptionalDouble none = OptionalDouble.empty();
        assertEquals(none, PaperResults.testNll(spec(Architecture.NONLINEAR_ONE, LatentKind.BINARY, 100, 2, 1, "concrete")));
        assertEquals(none, PaperResults.testNll(spec(Architecture.NONLINEAR_ONE, LatentKind.BINARY, 200, 2, 2, "vimco")));
        assertEquals(none, PaperResults.testNll(spec(Architecture.NONLINEAR_ONE, LatentKind.BINARY, 200, 2, 1, "straight-through")));
        assertEquals(none, PaperResults.testNll(spec(Architecture.NONLINEAR_ONE, LatentKind.CATEGORICAL, 200, 4, 1, "concrete")));
        assertEquals(none, PaperResults.testNll(spec(Architecture.NONLINEAR_ONE, LatentKind.CORNERS, 120, 4, 5, "vimco")));
    }

    @Test
    void theKBehindAFigureIsTheTasks() {
        assertEquals(50_000, PaperResults.samples(spec(Architecture.NONLINEAR_ONE, LatentKind.BINARY, 200, 2, 1, "concrete")));
        assertEquals(100, PaperResults.samples(new ModelSpec(Architecture.LINEAR_TWO, LatentKind.BINARY, 240, 2, 0, 240,
                2.0 / 3, 0.5, 1, 1e-3, "concrete", "completion")));
    }
}

package org.concretelab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The paper's figure found for the models it reports, and none for the others. */
class PaperResultsTest {
    private static ModelSpec spec(Architecture a, LatentKind kind, int units, int classes, int m, String estimator) {
        return new ModelSpec(a, kind, units, classes, 0, 200, 2.0 / 3, 0.5, m, 1e-3, estimator);
    }

    @Test
    void table1NaryAndCompletionFigures() {
        assertEquals(OptionalDouble.of(92.1), PaperResults.testNll(spec(Architecture.NONLINEAR_ONE, LatentKind.BINARY, 200, 2, 1, "concrete")));
        assertEquals(OptionalDouble.of(93.8), PaperResults.testNll(spec(Architecture.NONLINEAR_ONE, LatentKind.BINARY, 200, 2, 1, "nvil")));
        assertEquals(OptionalDouble.of(91.4), PaperResults.testNll(spec(Architecture.NONLINEAR_ONE, LatentKind.BINARY, 200, 2, 5, "vimco")));
        assertEquals(OptionalDouble.of(90.7), PaperResults.testNll(spec(Architecture.LINEAR_TWO, LatentKind.BINARY, 200, 2, 50, "vimco")));
        assertEquals(OptionalDouble.of(85.7), PaperResults.testNll(spec(Architecture.NONLINEAR_TWO, LatentKind.BINARY, 200, 2, 50, "concrete")));
        assertEquals(OptionalDouble.of(91.9), PaperResults.testNll(spec(Architecture.NONLINEAR_ONE, LatentKind.BINARY, 240, 2, 1, "concrete")));
        assertEquals(OptionalDouble.of(91.4), PaperResults.testNll(spec(Architecture.NONLINEAR_ONE, LatentKind.CORNERS, 120, 4, 1, "concrete")));
        assertEquals(OptionalDouble.of(92.5), PaperResults.testNll(spec(Architecture.NONLINEAR_ONE, LatentKind.CORNERS, 80, 8, 1, "concrete")));
        ModelSpec completion = new ModelSpec(Architecture.LINEAR_TWO, LatentKind.BINARY, 240, 2, 0, 240, 2.0 / 3, 0.5, 1, 1e-3,
                "concrete", "completion");
        assertEquals(OptionalDouble.of(58.5), PaperResults.testNll(completion));
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
}

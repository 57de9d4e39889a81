package org.concretelab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.concretelab.data.Binarization;
import org.concretelab.train.TrainingOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Validation names the record component it concerns, so callers never parse messages. */
class InvalidSettingExceptionTest {
    private static final Set<String> SPEC_FIELDS = Arrays.stream(ModelSpec.class.getRecordComponents())
            .map(c -> c.getName()).collect(Collectors.toSet());
    private static final Set<String> OPTION_FIELDS = Arrays.stream(TrainingOptions.class.getRecordComponents())
            .map(c -> c.getName()).collect(Collectors.toSet());

    private static void field(String expected, Executable e, Set<String> components) {
        InvalidSettingException x = assertThrows(InvalidSettingException.class, e);
        assertEquals(expected, x.field());
        assertTrue(components.contains(x.field()), x.field() + " is a component");
        assertTrue(x.getMessage().startsWith(expected + " must"), x.getMessage()); // the texts the CLI tests rely on
    }

    private static ModelSpec spec(LatentKind kind, int units, int classes, int gaussian, int hidden, double l1, double l2,
                                  int m, double lr, String estimator) {
        return new ModelSpec(Architecture.NONLINEAR_ONE, kind, units, classes, gaussian, hidden, l1, l2, m, lr, estimator);
    }

    @Test
    void modelSpecViolationsNameTheirField() {
        LatentKind b = LatentKind.BINARY;
        field("discreteUnits", () -> spec(b, 0, 2, 0, 200, 1, 1, 1, 1e-3, "concrete"), SPEC_FIELDS);
        field("classes", () -> spec(b, 10, 4, 0, 200, 1, 1, 1, 1e-3, "concrete"), SPEC_FIELDS);
        field("classes", () -> spec(LatentKind.CATEGORICAL, 10, 1, 0, 200, 1, 1, 1, 1e-3, "concrete"), SPEC_FIELDS);
        field("classes", () -> spec(LatentKind.CORNERS, 10, 6, 0, 200, 1, 1, 1, 1e-3, "concrete"), SPEC_FIELDS);
        field("gaussianUnits", () -> spec(b, 10, 2, -1, 200, 1, 1, 1, 1e-3, "concrete"), SPEC_FIELDS);
        field("hiddenUnits", () -> spec(b, 10, 2, 0, 0, 1, 1, 1, 1e-3, "concrete"), SPEC_FIELDS);
        field("lambdaPosterior", () -> spec(b, 10, 2, 0, 200, 0, 1, 1, 1e-3, "concrete"), SPEC_FIELDS);
        field("lambdaPrior", () -> spec(b, 10, 2, 0, 200, 1, Double.NaN, 1, 1e-3, "concrete"), SPEC_FIELDS);
        field("samples", () -> spec(b, 10, 2, 0, 200, 1, 1, 0, 1e-3, "concrete"), SPEC_FIELDS);
        field("learningRate", () -> spec(b, 10, 2, 0, 200, 1, 1, 1, -1, "concrete"), SPEC_FIELDS);
        field("estimator", () -> spec(b, 10, 2, 0, 200, 1, 1, 1, 1e-3, "reinforce"), SPEC_FIELDS);
        field("samples", () -> spec(b, 10, 2, 0, 200, 1, 1, 1, 1e-3, "vimco"), SPEC_FIELDS);
        field("samples", () -> spec(b, 10, 2, 0, 200, 1, 1, 5, 1e-3, "nvil"), SPEC_FIELDS);
    }

    /** NVIL is a single-sample estimator: m > 1 is refused, pointing at VIMCO. */
    @Test
    void nvilRefusesSeveralSamplesAndSaysWhatToUseInstead() {
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> spec(LatentKind.BINARY, 10, 2, 0, 200, 1, 1, 5, 1e-3, "nvil"));
        assertEquals("samples must be 1 for the nvil estimator, was 5; use vimco for m > 1 (its multi-sample counterpart on"
                + " the discrete graph)", e.getMessage());
        assertEquals(1, spec(LatentKind.BINARY, 10, 2, 0, 200, 1, 1, 1, 1e-3, "nvil").samples());
    }

    @Test
    void trainingOptionsViolationsNameTheirField() {
        ModelSpec s = ModelSpec.defaults();
        Binarization d = Binarization.DYNAMIC;
        field("batchSize", () -> new TrainingOptions(s, 0, 1, 1, d, 0, 0, 1, null, 0), OPTION_FIELDS);
        field("epochs", () -> new TrainingOptions(s, 1, 0, 1, d, 0, 0, 1, null, 0), OPTION_FIELDS);
        field("trainLimit", () -> new TrainingOptions(s, 1, 1, 1, d, -1, 0, 1, null, 0), OPTION_FIELDS);
        field("validationLimit", () -> new TrainingOptions(s, 1, 1, 1, d, 0, -1, 1, null, 0), OPTION_FIELDS);
        field("validationSamples", () -> new TrainingOptions(s, 1, 1, 1, d, 0, 0, 0, null, 0), OPTION_FIELDS);
        field("finalLearningRate", () -> new TrainingOptions(s, 1, 1, 1, d, 0, 0, 1, null, -1), OPTION_FIELDS);
        field("finalTemperatureFactor", () -> new TrainingOptions(s, 1, 1, 1, d, 0, 0, 1, null, 0, -1), OPTION_FIELDS);
    }
}

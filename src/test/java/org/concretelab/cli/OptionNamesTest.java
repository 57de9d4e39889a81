package org.concretelab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.concretelab.model.InvalidSettingException;
import org.junit.jupiter.api.Test;

class OptionNamesTest {
    @Test
    void theOptionComesFromTheFieldNotFromTheMessage() {
        assertEquals("--lambda2: λ2 too small", OptionNames.withOption(new InvalidSettingException("lambdaPrior", "λ2 too small")));
        assertEquals("--estimator: estimator must be one of concrete",
                OptionNames.withOption(new InvalidSettingException("estimator", "estimator must be one of concrete")));
    }

    @Test
    void otherProblemsKeepTheirMessage() {
        // a message that merely starts with a field's name is not taken for that field
        assertEquals("samples were lost", OptionNames.withOption(new IllegalArgumentException("samples were lost")));
        assertEquals("invalid option value", OptionNames.withOption(new IllegalArgumentException()));
    }
}

package org.concretelab.ui.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** How the Training tab's charts label steps (the run log itself is read and tested in train.RunLogTest). */
class StepAxisFormatterTest {
    @Test
    void stepAxisSaysStepsAsPeopleDo() {
        assertEquals("0", StepAxisFormatter.label(0));
        assertEquals("2500", StepAxisFormatter.label(2500));
        assertEquals("25k", StepAxisFormatter.label(25_000));
        assertEquals("12.5k", StepAxisFormatter.label(12_500));
        assertEquals("450k", StepAxisFormatter.label(450_000));
        assertEquals("1.25M", StepAxisFormatter.label(1_250_000));
    }
}

package org.concretelab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Every class the warm-up names exists in the pinned JavaFX and chart-fx: a renamed one would warm nothing. */
class ClassWarmUpTest {
    @Test
    void everyNamedClassIsFound() {
        assertEquals(ClassWarmUp.CLASSES.size(), ClassWarmUp.preload());
    }
}

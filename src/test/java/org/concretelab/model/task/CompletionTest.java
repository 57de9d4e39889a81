package org.concretelab.model.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.concretelab.model.Architecture;
import org.junit.jupiter.api.Test;

/** The completion task's split of a digit: the top half (rows 0–13) is the input, the bottom half (rows 14–27) the target. */
class CompletionTest {

    /** An image whose pixel i holds i: every copied value says where it came from. */
    private static float[] indexed(int images) {
        float[] b = new float[images * 784];
        for (int i = 0; i < b.length; i++) {
            b[i] = i % 784;
        }
        return b;
    }

    @Test
    void theTopHalfIsTheInputAndTheBottomHalfTheTarget() {
        Task t = Tasks.create("completion");
        assertEquals(392, t.inputWidth());
        assertEquals(392, t.targetWidth());
        assertFalse(t.targetIsInput());
        assertTrue(t.conditionalPrior());
        float[] images = indexed(3);
        float[] in = new float[392 + 5];
        float[] out = new float[392 + 5];
        t.input(images, 2 * 784, in, 5); // the third image, written from offset 5
        t.target(images, 2 * 784, out, 5);
        for (int i = 0; i < 392; i++) {
            assertEquals(i, in[5 + i], "input pixel " + i + ": row " + i / 28 + ", column " + i % 28);
            assertEquals(392 + i, out[5 + i], "target pixel " + i + ": row " + (14 + i / 28) + ", column " + i % 28);
        }
        assertEquals(13, (int) in[5 + 391] / 28, "the input ends with row 13");
        assertEquals(14, (int) out[5] / 28, "the target starts with row 14");
    }

    @Test
    void densityEstimationIsUnchangedAndStaysTheDefault() {
        assertEquals("density", Tasks.names().get(0));
        Task d = Tasks.create("density");
        assertFalse(d.conditionalPrior());
        assertEquals("200H~200H~784V", d.architectureLabel(Architecture.NONLINEAR_TWO, 200).replace('~', '~'));
        assertEquals(Architecture.NONLINEAR_TWO.label(200, 784), d.architectureLabel(Architecture.NONLINEAR_TWO, 200));
    }

    @Test
    void theStructuredPredictionArchitecturesAreNamedAsInThePaper() {
        Task t = new Completion();
        assertEquals("392V-240H-240H-392V", t.architectureLabel(Architecture.LINEAR_TWO, 240));
        assertEquals("392V~240H~240H~392V", t.architectureLabel(Architecture.NONLINEAR_TWO, 240));
        assertEquals("392V~100H~392V", t.architectureLabel(Architecture.NONLINEAR_ONE, 100));
        assertEquals(Architecture.NONLINEAR_TWO, Architecture.parse("392V~240H~240H~392V", t));
        assertEquals(Architecture.LINEAR_TWO, Architecture.parse("392V\u2013240H\u2013240H\u2013392V", t), "the paper's en dash");
        assertEquals(Architecture.LINEAR_ONE, Architecture.parse("linear_one", t));
        IllegalArgumentException wrongTask = assertThrows(IllegalArgumentException.class,
                () -> Architecture.parse("200H~784V", t));
        assertTrue(wrongTask.getMessage().contains("density task") && wrongTask.getMessage().contains("392V~240H~240H~392V"),
                wrongTask.getMessage());
        IllegalArgumentException other = assertThrows(IllegalArgumentException.class,
                () -> Architecture.parse("392V~240H~240H~392V", Tasks.create("density")));
        assertTrue(other.getMessage().contains("--task completion"), other.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Architecture.parse("392V~100H~392V", t))
                .getMessage().contains("unknown"));
    }
}

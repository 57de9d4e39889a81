package org.concretelab.ui.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunLogsTest {
    @TempDir
    Path dir;

    @Test
    void thinnedCurveStillEndsAtTheRunsLastStep() throws IOException {
        StringBuilder csv = new StringBuilder("step,epoch,relaxed_elbo,running_mean,examples_per_s\n");
        for (int step = 1; step <= 1000; step++) {
            csv.append(step).append(",0,").append(-step).append(',').append(-step / 2.0).append(",100\n");
        }
        Files.writeString(dir.resolve("training.csv"), csv);
        Files.writeString(dir.resolve("epochs.csv"), "epoch,step,val_relaxed_elbo,val_discrete_elbo,val_nll\n1,1000,-5,-4,3\n");
        RunLogs logs = RunLogs.read(dir, 300); // every 4th line, and the last
        assertEquals(251, logs.steps().length);
        assertEquals(1, logs.steps()[0]);
        assertEquals(1000, logs.steps()[logs.steps().length - 1]);
        assertEquals(-1000, logs.elbo()[logs.elbo().length - 1]);
        assertEquals(-500, logs.runningMean()[logs.runningMean().length - 1]);
        assertEquals(1, logs.epochs().size());
    }

    @Test
    void missingOrBrokenLogsGiveNothingRatherThanAnError() throws IOException {
        assertNull(RunLogs.read(dir, 100));
        Files.writeString(dir.resolve("training.csv"), "step,epoch\nnot,a,number\n");
        Files.writeString(dir.resolve("epochs.csv"), "epoch\n");
        assertNull(RunLogs.read(dir, 100));
    }

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

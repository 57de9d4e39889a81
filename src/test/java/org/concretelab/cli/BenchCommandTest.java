package org.concretelab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

/** `bench` runs every estimator (a few steps of a tiny model: that it runs, not how fast). */
class BenchCommandTest {

    @Test
    void benchRunsTheScoreFunctionEstimators() {
        for (String[] estimator : new String[][] {{"--estimator", "nvil"}, {"--estimator", "vimco", "-m", "2"}}) {
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            String[] args = {"bench", "--units", "8", "--hidden", "8", "--batch", "10",
                "--runs", "1", "--steps", "3", "--warmup", "1"};
            String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.Arrays.stream(estimator))
                    .toArray(String[]::new);
            assertEquals(0, CliRun.run(log, all), log.toString());
            assertTrue(log.toString().contains(" " + estimator[1] + ", batch 10") && log.toString().contains("examples/s: "),
                    log.toString());
        }
    }
}

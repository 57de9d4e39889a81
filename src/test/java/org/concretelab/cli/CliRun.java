package org.concretelab.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;

/** Runs the command line in-process with stdout and stderr captured (both into one stream, as a terminal shows them). */
final class CliRun {
    /**
     * A sweep job that trains in a second or two (16-wide tanh layers, 200 training images in batches of 20, 40
     * validation images at 5 samples): the lines the sweep tests share, after their own grid keys.
     */
    static final String TINY_JOB = """
            hidden: 16
            batch: 20
            train-limit: 200
            val-limit: 40
            val-samples: 5
            """;

    private CliRun() {
    }

    static int run(ByteArrayOutputStream out, String... args) {
        PrintStream old = System.out;
        PrintStream oldErr = System.err;
        try (PrintStream p = new PrintStream(out, true)) {
            System.setOut(p);
            System.setErr(p);
            return ExplorerCommand.run(args);
        } finally {
            System.setOut(old);
            System.setErr(oldErr);
        }
    }
}

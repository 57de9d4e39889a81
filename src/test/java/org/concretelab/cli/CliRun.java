package org.concretelab.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;

/** Runs the command line in-process with stdout and stderr captured (both into one stream, as a terminal shows them). */
final class CliRun {
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

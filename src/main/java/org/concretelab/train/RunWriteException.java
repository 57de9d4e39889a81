package org.concretelab.train;

import java.io.IOException;
import java.nio.file.Path;

/** A run's file (log or checkpoint rotation) could not be written; the trainer turns it into advice. */
final class RunWriteException extends RuntimeException {
    private final transient Path file;

    RunWriteException(Path file, IOException cause) {
        super("could not write " + file + ": " + IoProblems.reason(cause), cause);
        this.file = file;
    }

    Path file() {
        return file;
    }
}

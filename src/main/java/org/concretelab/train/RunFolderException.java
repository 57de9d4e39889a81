package org.concretelab.train;

/** A run folder cannot be used as asked (held by another run, holds a run, not writable); the message says what to do. */
public class RunFolderException extends RuntimeException {
    public RunFolderException(String message) {
        super(message);
    }

    public RunFolderException(String message, Throwable cause) {
        super(message, cause);
    }
}

package org.concretelab.train;

/** A checkpoint cannot be read or does not fit; the message names the file, the problem and what to do. */
public class CheckpointException extends RuntimeException {
    public CheckpointException(String message) {
        super(message);
    }

    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}

package org.concretelab.reference;

/** A reference model file that cannot be read or written; the message says which file, why and what to do. */
public final class ReferenceFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ReferenceFileException(String message, Throwable cause) {
        super(message, cause);
    }

    public ReferenceFileException(String message) {
        super(message);
    }
}

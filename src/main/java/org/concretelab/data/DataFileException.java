package org.concretelab.data;

/** A data file is missing, damaged or not what it claims to be; the message says which file and what to do. */
public class DataFileException extends RuntimeException {
    public DataFileException(String message) {
        super(message);
    }

    public DataFileException(String message, Throwable cause) {
        super(message, cause);
    }
}

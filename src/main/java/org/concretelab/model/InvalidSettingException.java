package org.concretelab.model;

/**
 * A setting of a model or a run that fails validation. {@link #field()} names the record component it
 * concerns (e.g. {@code lambdaPrior}), so a form or the command line can point at its own field or option
 * without parsing the message. Still an IllegalArgumentException, so existing catches keep working.
 */
public final class InvalidSettingException extends IllegalArgumentException {
    private final String field;

    public InvalidSettingException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The ModelSpec/TrainingOptions component the problem concerns. */
    public String field() {
        return field;
    }
}

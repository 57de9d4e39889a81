package org.concretelab.cli;

/**
 * The range checks the commands make of their numeric options, each giving the message that names the option and the
 * value it had, or null when the value is fine. {@link #first} picks the first problem, so a command reports one.
 */
final class OptionChecks {

    private OptionChecks() {
    }

    /** "{@code option} must be at least {@code min}, was {@code value}", or null. */
    static String atLeast(String option, long value, long min) {
        return atLeast(option, value, min, "");
    }

    /** As {@link #atLeast(String, long, long)} with {@code note} after the minimum (" estimates", " (why)"). */
    static String atLeast(String option, long value, long min, String note) {
        return value < min ? option + " must be at least " + min + note + ", was " + value : null;
    }

    /** "{@code option} must be 0 ({@code zeroMeans}) or a positive number of {@code what}, was {@code value}", or null. */
    static String zeroOrPositive(String option, long value, String zeroMeans, String what) {
        return value < 0 ? option + " must be 0 (" + zeroMeans + ") or a positive number of " + what + ", was " + value : null;
    }

    /** The first of {@code problems} that is not null; null if all are. */
    static String first(String... problems) {
        for (String p : problems) {
            if (p != null) {
                return p;
            }
        }
        return null;
    }
}

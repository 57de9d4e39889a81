package org.concretelab.sweep;

import java.util.Locale;

/** One-line wording of a job's result, shared by the progress display and the tables. */
final class Describe {
    private Describe() {
    }

    static String outcome(JobResult r) {
        return switch (r.status()) {
            case DONE -> String.format(Locale.ROOT, "test NLL %.2f (k = %d, %,d images; %d epochs in %.0f s)%s", r.nll(), r.k(),
                    r.images(), r.epochs(), r.trainSeconds(),
                    Double.isNaN(r.paperNll()) ? "" : String.format(Locale.ROOT, "; paper %.1f", r.paperNll()));
            case INVALID -> "invalid: " + r.message();
            case FAILED -> "failed: " + r.message();
        };
    }
}

package org.concretelab.ui.results;

import java.nio.file.Path;
import java.util.Locale;
import org.concretelab.sweep.ResultsRoot;

/**
 * A row of the Results tab's table: a job and what its folder offers (checked off the FX thread when the root is read),
 * with its figures as the table shows them.
 *
 * @param job        the job
 * @param checkpoint its checkpoint (last.ckpt, else previous.ckpt), or null when it has none
 * @param curves     whether its folder holds training.csv and epochs.csv
 */
public record JobRow(ResultsRoot.Job job, Path checkpoint, boolean curves) {
    static JobRow of(ResultsRoot.Job job) {
        return new JobRow(job, job.checkpoint().orElse(null), job.hasCurves());
    }

    public String id() {
        return job.id();
    }

    public Path folder() {
        return job.folder();
    }

    /** Its grid option {@code key}'s value, or its seed for {@code seed}. */
    public String option(String key) {
        if (key.equals(ResultsViewModel.SEED)) {
            return job.seed() < 0 ? "" : Long.toString(job.seed());
        }
        return job.options().getOrDefault(key, "");
    }

    /** The dataset it trains on (its checkpoint's, else its grid option's, else MNIST). */
    public String dataset() {
        return job.dataset();
    }

    public String state() {
        return job.state().label();
    }

    public String nll() {
        return Double.isNaN(job.nll()) ? "" : String.format(Locale.ROOT, "%.2f", job.nll());
    }

    public String paper() {
        return Double.isNaN(job.paperNll()) ? "—" : String.format(Locale.ROOT, "%.1f", job.paperNll());
    }

    public String difference() {
        double d = job.difference();
        return Double.isNaN(d) ? "" : String.format(Locale.ROOT, "%+.1f", d);
    }

    public String k() {
        return job.k() > 0 ? Integer.toString(job.k()) : "";
    }

    /** Epochs trained, and of how many while it is not done ("3 of 10"). */
    public String epochs() {
        if (job.epochs() < 0) {
            return "—";
        }
        return job.state() == ResultsRoot.State.DONE || job.epochsAsked() <= 0 || job.epochsAsked() == job.epochs()
                ? Integer.toString(job.epochs()) : job.epochs() + " of " + job.epochsAsked();
    }

    public String wallTime() {
        return duration(job.wallSeconds());
    }

    /** "42 s", "3 min 05 s", "2 h 07 min"; "" when unknown. */
    static String duration(double seconds) {
        if (Double.isNaN(seconds) || seconds < 0) {
            return "";
        }
        long s = Math.round(seconds);
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
    }

    /**
     * What the filter text is matched against: the words of every value the row shows, its id and its model, lower
     * case; a filter word matches a row when it starts one of these ("vim" finds vimco, "200h~784v" finds 200H~784V but
     * not 200H~200H~784V).
     */
    java.util.List<String> words() {
        StringBuilder b = new StringBuilder(job.id()).append(' ').append(state()).append(' ').append(job.model()).append(' ')
                .append(job.note()).append(' ').append(nll()).append(' ').append(epochs());
        job.options().forEach((k, v) -> b.append(' ').append(k).append('=').append(v).append(' ').append(v));
        return java.util.Arrays.stream(b.toString().toLowerCase(Locale.ROOT).split("[\\s_,;:()]+")).filter(w -> !w.isEmpty())
                .toList();
    }
}

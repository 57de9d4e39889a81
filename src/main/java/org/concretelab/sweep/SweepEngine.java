package org.concretelab.sweep;

import java.util.List;
import java.util.function.Consumer;

/**
 * Runs a sweep's jobs somewhere: in this process ({@link LocalEngine}) or on a cluster. Each job is independent and
 * idempotent ({@link JobRunner}: a finished job is skipped, an interrupted one resumes), so an engine may run them in
 * any order, at once, and again after a failure.
 */
public interface SweepEngine {
    /** Runs every job; {@code progress} hears of each job as it starts and ends. Returns the results in job order. */
    List<JobResult> run(List<SweepJob> jobs, JobRunner runner, Consumer<String> progress) throws InterruptedException;

    /** Where and how many at a time {@code jobs} jobs will run, for the sweep's first line (e.g. "2 at a time"). */
    String describe(int jobs);
}

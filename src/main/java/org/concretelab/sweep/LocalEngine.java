package org.concretelab.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Runs a sweep on this machine, {@code parallel} jobs at a time (each job trains in one thread of its own JVM, so
 * one job per core does not oversubscribe them).
 */
public final class LocalEngine implements SweepEngine {
    private final int parallel;

    public LocalEngine(int parallel) {
        if (parallel < 1) {
            throw new IllegalArgumentException("parallel jobs must be at least 1, was " + parallel);
        }
        this.parallel = parallel;
    }

    @Override
    public String describe(int jobs) {
        return Math.min(parallel, jobs) + " at a time";
    }

    @Override
    public List<JobResult> run(List<SweepJob> jobs, JobRunner runner, Consumer<String> progress) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(parallel, r -> {
            Thread t = new Thread(r, "sweep-job");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<JobResult>> futures = new ArrayList<>();
            for (int i = 0; i < jobs.size(); i++) {
                SweepJob job = jobs.get(i);
                String tag = job.tag(i, jobs.size());
                futures.add(pool.submit(() -> {
                    Optional<JobResult> before = runner.finished(job);
                    if (before.isPresent()) {
                        progress.accept(tag + ": done before, skipped");
                        return before.get();
                    }
                    if (runner.stopping()) { // queued behind the stopped trainings: say nothing, start nothing
                        throw new InterruptedException("the sweep is stopping: " + job.id() + " not started");
                    }
                    progress.accept(tag + ": started");
                    JobResult r = runner.run(job);
                    progress.accept(tag + ": " + Describe.outcome(r));
                    return r;
                }));
            }
            List<JobResult> results = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++) {
                try {
                    results.add(futures.get(i).get());
                } catch (ExecutionException e) { // JobRunner makes its own failures results; this is anything else
                    if (e.getCause() instanceof InterruptedException stopped) {
                        throw stopped; // the sweep is stopping: no result rows (and no tables) for jobs it did not run
                    }
                    SweepJob job = jobs.get(i);
                    JobResult failed = JobResult.notDone(job.id(), JobResult.Status.FAILED,
                            JobRunner.reason(runner.folder(job), e.getCause()), 0);
                    progress.accept(job.tag(i, jobs.size()) + ": " + Describe.outcome(failed));
                    results.add(failed);
                }
            }
            return results;
        } catch (InterruptedException e) {
            runner.stopAll();
            throw e;
        } finally {
            pool.shutdownNow();
        }
    }
}

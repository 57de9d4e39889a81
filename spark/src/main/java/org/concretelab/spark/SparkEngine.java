package org.concretelab.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.concretelab.sweep.JobResult;
import org.concretelab.sweep.JobRunner;
import org.concretelab.sweep.SweepEngine;
import org.concretelab.sweep.SweepJob;

/**
 * Runs a sweep's jobs as the tasks of one Spark job: one partition per job, so each job is its own task, scheduled on a
 * free executor core and retried alone (Spark's spark.task.maxFailures) when its executor dies; the retry resumes from
 * the job's last checkpoint ({@link JobRunner}). Every executor needs the results root and MNIST at the same paths as
 * the driver (shared storage). One task per core and one core per task (a job's training and scoring are single
 * threaded), so local[N] runs N jobs at a time without oversubscribing the machine.
 */
final class SparkEngine implements SweepEngine {
    private final String name;
    private final String master;

    SparkEngine(String name, String master) {
        this.name = name;
        this.master = master;
    }

    @Override
    public String describe(int jobs) {
        int local = SparkMasters.localThreads(master);
        return local > 0 ? String.format("on %s (%s), %d at a time", name, master, Math.min(local, jobs))
                : String.format("on %s at %s, one job per executor core", name, master);
    }

    @Override
    public List<JobResult> run(List<SweepJob> jobs, JobRunner runner, Consumer<String> progress) {
        JobResult[] results = new JobResult[jobs.size()];
        List<Integer> todo = new ArrayList<>();
        for (int i = 0; i < jobs.size(); i++) {
            var done = runner.finished(jobs.get(i));
            if (done.isPresent()) {
                results[i] = done.get();
                progress.accept(jobs.get(i).tag(i, jobs.size()) + ": done before, skipped");
            } else {
                todo.add(i);
            }
        }
        if (!todo.isEmpty()) {
            List<JobResult> ran = runOnSpark(jobs, todo, runner, progress);
            for (int t = 0; t < todo.size(); t++) {
                results[todo.get(t)] = ran.get(t);
            }
        }
        return Arrays.asList(results);
    }

    private List<JobResult> runOnSpark(List<SweepJob> jobs, List<Integer> todo, JobRunner runner, Consumer<String> progress) {
        SparkConf conf = new SparkConf() // with spark-submit's settings (spark.* properties)
                .setAppName("concrete-explorer sweep " + runner.root().getFileName())
                .setMaster(master)
                .setIfMissing("spark.executorEnv.OMP_NUM_THREADS", "1") // the executor's own scoring: one thread a task
                .setIfMissing("spark.ui.showConsoleProgress", "false"); // its bar would garble the per-job lines
        List<SweepJob> tasks = todo.stream().map(jobs::get).toList();
        RunJob run = new RunJob(runner.root().toAbsolutePath().toString(), runner.spec(),
                runner.dataDir().toAbsolutePath().toString());
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            sc.sc().addSparkListener(new JobListener(jobs, todo, runner.root(), progress));
            return sc.parallelize(tasks, tasks.size()).map(run).collect();
        } catch (RuntimeException e) {
            throw new IllegalStateException("Spark could not finish the sweep: " + firstLine(e), e);
        }
    }

    /** The innermost cause's message: Spark wraps a task's own error in several layers of stage failure. */
    private static String firstLine(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage() != null ? t.getMessage() : t.getClass().getName();
        String top = e.getMessage() != null ? e.getMessage().lines().findFirst().orElse("") : "";
        return t == e ? top : top + " (" + m.lines().findFirst().orElse(m) + ")";
    }
}

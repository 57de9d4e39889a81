package org.concretelab.spark;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.apache.spark.Success$;
import org.apache.spark.TaskEndReason;
import org.apache.spark.TaskFailedReason;
import org.apache.spark.TaskKilled;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.apache.spark.scheduler.TaskInfo;
import org.concretelab.sweep.JobResult;
import org.concretelab.sweep.SweepJob;

/**
 * The driver's lines about each job's task: where it started, how it ended — its result, read from the shared results
 * root — and an attempt lost with its executor, which Spark then runs again.
 */
final class JobListener extends SparkListener {
    private final List<SweepJob> jobs;
    private final List<Integer> tasks;
    private final Path root;
    private final Consumer<String> progress;

    /** @param tasks the sweep's index of each task's job (task i runs jobs[tasks[i]]) */
    JobListener(List<SweepJob> jobs, List<Integer> tasks, Path root, Consumer<String> progress) {
        this.jobs = jobs;
        this.tasks = tasks;
        this.root = root;
        this.progress = progress;
    }

    @Override
    public void onTaskStart(SparkListenerTaskStart start) {
        TaskInfo t = start.taskInfo();
        progress.accept(tag(t) + ": " + (t.attemptNumber() == 0 ? "started" : "attempt " + (t.attemptNumber() + 1) + " started")
                + " on executor " + t.executorId() + " (" + t.host() + ")");
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
        TaskInfo t = end.taskInfo();
        TaskEndReason reason = end.reason();
        if (reason instanceof Success$) {
            SweepJob job = jobs.get(tasks.get(t.index()));
            progress.accept(tag(t) + ": " + JobResult.read(root.resolve(job.id())).map(JobResult::describe)
                    .orElse("finished (its result file cannot be read from here)"));
        } else if (reason instanceof TaskKilled killed) {
            progress.accept(tag(t) + ": stopped (" + killed.reason() + ")");
        } else if (reason instanceof TaskFailedReason failed) {
            String why = failed.toErrorString().lines().findFirst().orElse("");
            progress.accept(tag(t) + ": attempt " + (t.attemptNumber() + 1) + " lost on executor " + t.executorId() + " ("
                    + t.host() + "): " + why + (failed.countTowardsTaskFailures() ? "" : "; Spark runs it again"));
        }
    }

    private String tag(TaskInfo t) {
        int job = tasks.get(t.index());
        return jobs.get(job).tag(job, jobs.size());
    }
}

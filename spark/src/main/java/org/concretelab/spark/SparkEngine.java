package org.concretelab.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.concretelab.sweep.JobResult;
import org.concretelab.sweep.JobRunner;
import org.concretelab.sweep.SweepEngine;
import org.concretelab.sweep.SweepJob;

/**
 * Runs a sweep's jobs as the tasks of one Spark job: one partition per job, so each job is its own task, scheduled on a
 * free executor core and retried alone (Spark's spark.task.maxFailures) when its executor dies; the retry resumes from
 * the job's last checkpoint ({@link JobRunner}). Every executor needs the results root and MNIST at the same paths as
 * the driver (shared storage). One task per core and one core per task (a job's training and scoring are single
 * threaded), so local[N] runs N jobs at a time without oversubscribing the machine. A job's own failure is its failed
 * row ({@link JobRunner}); when Spark gives up on a task or loses the cluster, each job not finished is a failed row with
 * Spark's reason and the sweep's tables are still written.
 */
final class SparkEngine implements SweepEngine {
    private final String name;
    private final String master;
    private final java.util.function.Function<JobRunner, Function<SweepJob, JobResult>> task;

    SparkEngine(String name, String master) {
        this(name, master, runner -> new RunJob(runner.root().toAbsolutePath().toString(), runner.spec(),
                runner.dataDir().toAbsolutePath().toString()));
    }

    /** @param task a task's work for a sweep's runner (a {@link RunJob}; a test's stand-in) */
    SparkEngine(String name, String master, java.util.function.Function<JobRunner, Function<SweepJob, JobResult>> task) {
        this.name = name;
        this.master = master;
        this.task = task;
        // refuses settings that would expose this machine before any job starts
        conf(new SparkConf(), master, "", System.getenv("SPARK_LOCAL_IP"));
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
                int i = todo.get(t);
                results[i] = ran.get(t);
                if (JobResult.read(runner.folder(jobs.get(i))).isEmpty()) { // the listener could not read it: say it here
                    progress.accept(jobs.get(i).tag(i, jobs.size()) + ": " + results[i].describe());
                }
            }
        }
        return Arrays.asList(results);
    }

    private List<JobResult> runOnSpark(List<SweepJob> jobs, List<Integer> todo, JobRunner runner, Consumer<String> progress) {
        SparkConf conf = conf(new SparkConf(), master, runner.root().getFileName().toString(),
                System.getenv("SPARK_LOCAL_IP")); // with spark-submit's settings
        List<SweepJob> tasks = todo.stream().map(jobs::get).toList();
        Function<SweepJob, JobResult> run = task.apply(runner);
        long start = System.currentTimeMillis();
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            sc.sc().addSparkListener(new JobListener(jobs, todo, runner.root(), progress));
            return sc.parallelize(tasks, tasks.size()).map(run).collect();
        } catch (Exception e) { // SparkException is checked (Scala throws it regardless): Spark gave up on a task
            String why = firstLine(e);
            progress.accept("Spark stopped the sweep's work: " + why + "; each job it did not finish is a failed row");
            // a task's job is run by JobRunner, which records its own result (done, invalid or failed) before returning
            return tasks.stream().map(job -> recordedSince(runner, job, start)
                    .orElseGet(() -> JobResult.failed(job.id(), "Spark gave up on it: " + why))).toList();
        }
    }

    /**
     * The sweep's Spark settings over {@code conf}'s (spark-submit's, or -Dspark.* given to java): a local master keeps
     * everything on this machine's loopback with no web UI, since Spark's RPC, block manager and UI (which can kill
     * stages) take no authentication unless configured; a cluster driver started with java -jar ships this jar to the
     * executors as spark-submit would (spark.jars), or they cannot load a job's classes.
     *
     * @param localIp the environment's SPARK_LOCAL_IP, the only address Spark's UI binds to other than every address
     */
    static SparkConf conf(SparkConf conf, String master, String rootName, String localIp) {
        conf.setAppName("concrete-explorer sweep " + rootName)
                .setMaster(master)
                .setIfMissing("spark.executorEnv.OMP_NUM_THREADS", "1") // the executor's own scoring: one thread a task
                .setIfMissing("spark.ui.showConsoleProgress", "false"); // its bar would garble the per-job lines
        if (SparkMasters.localThreads(master) > 0) {
            conf.set("spark.driver.bindAddress", "127.0.0.1").set("spark.driver.host", "127.0.0.1")
                    .set("spark.ui.killEnabled", "false").setIfMissing("spark.ui.enabled", "false");
            if (conf.getBoolean("spark.ui.enabled", false) && !loopback(localIp)) {
                // Spark binds its UI to SPARK_LOCAL_IP, else to every address: no setting moves it
                throw new IllegalStateException("spark.ui.enabled=true would open Spark's web UI on every address of this"
                        + " machine; set SPARK_LOCAL_IP=127.0.0.1 in the environment to keep it on loopback, or leave it off");
            }
        } else {
            ownJar().ifPresent(jar -> conf.setIfMissing("spark.jars", jar));
        }
        return conf;
    }

    /** The jar this class was loaded from, when it is one (java -jar concrete-explorer-spark.jar; not the build's classes). */
    static Optional<String> ownJar() {
        try {
            Path p = Path.of(SparkEngine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(p) && p.toString().endsWith(".jar") ? Optional.of(p.toString())
                    : Optional.empty();
        } catch (java.net.URISyntaxException | RuntimeException unknown) {
            return Optional.empty();
        }
    }

    private static boolean loopback(String address) {
        return address != null && (address.startsWith("127.") || address.equals("::1") || address.equals("localhost"));
    }

    /** The result the job's task recorded in this run (a file older than {@code since} is an earlier run's). */
    private static Optional<JobResult> recordedSince(JobRunner runner, SweepJob job, long since) {
        Path file = runner.folder(job).resolve(JobResult.FILE);
        try {
            if (Files.getLastModifiedTime(file).toMillis() < since) {
                return Optional.empty();
            }
        } catch (IOException none) {
            return Optional.empty();
        }
        return JobResult.read(runner.folder(job));
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

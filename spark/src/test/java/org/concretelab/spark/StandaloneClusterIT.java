package org.concretelab.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.concretelab.sweep.JobResult;
import org.concretelab.sweep.SweepJob;
import org.concretelab.sweep.SweepSpec;
import org.concretelab.train.Checkpoints;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real standalone Spark cluster on this machine — a master and two one-core workers started from the build's Spark
 * home, loopback only — runs a 4-job sweep submitted as a user submits it (SparkSubmit with the jar). Once a job's
 * training has checkpointed its first epoch, its worker and executor are killed (SIGKILL). The training, its parent
 * gone, stops at its next step with a checkpoint; Spark runs the lost task on the other worker, which resumes the job
 * from that checkpoint; all four results arrive and the table is whole. Then a small sweep runs on the same cluster
 * with the driver in the program's own JVM (java -jar … --master spark://…), which ships its jar to the executors.
 */
class StandaloneClusterIT {
    private static final int EPOCHS = 8;
    private static final int STEPS_PER_EPOCH = 200; // 10,000 images at batch 50
    private static final String GRID = """
            units: 8, 16
            hidden: 16
            batch: 50
            train-limit: 10000
            val-limit: 40
            val-samples: 5
            eval-k: 5
            eval-limit: 100
            seeds: 1, 2
            epochs: %d
            """.formatted(EPOCHS);

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void aJobWhoseWorkerDiesResumesOnTheOtherWorkerFromItsCheckpoint() throws Exception {
        long start = System.nanoTime();
        Path file = Files.writeString(dir.resolve("tiny.sweep"), GRID);
        List<SweepJob> jobs = SweepSpec.parse(GRID, "tiny.sweep", option -> true).jobs();
        Path root = dir.resolve("results");
        String sparkJars = Processes.SPARK_HOME.resolve("jars") + "/*";
        try (Processes ps = new Processes(dir)) {
            Process master = ps.start("master", List.of(Processes.JAVA, "-Xmx256m", "-cp", sparkJars,
                    "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port", "0", "--webui-port", "0"));
            String url = ps.awaitLog("master", master, "Starting Spark master at (spark://127\\.0\\.0\\.1:\\d+)", Duration.ofMinutes(1));
            Process[] workers = new Process[2];
            for (int i = 0; i < 2; i++) {
                workers[i] = ps.start("worker" + i, List.of(Processes.JAVA, "-Xmx256m", "-cp", sparkJars,
                        "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--cores", "1", "--memory", "1g",
                        "--webui-port", "0", "--work-dir", dir.resolve("worker" + i).toString(), url));
            }
            for (int i = 0; i < 2; i++) {
                ps.awaitLog("worker" + i, workers[i], "Successfully registered with master", Duration.ofMinutes(1));
            }
            Process driver = ps.start("driver", List.of(Processes.JAVA, "-Xmx512m", "-cp", sparkJars,
                    "org.apache.spark.deploy.SparkSubmit", "--master", url, "--conf", "spark.executor.memory=640m",
                    "--conf", "spark.ui.enabled=false", "--class", "org.concretelab.spark.SparkMain", Processes.JAR.toString(),
                    "sweep", file.toString(), "--root", root.toString(), "--data", Processes.MNIST.toString(), "--progress", "1"));

            // the victim: a job whose training has checkpointed an early epoch and runs on
            Path[] victim = new Path[1];
            ProcessHandle[] training = new ProcessHandle[1];
            Processes.await(() -> {
                for (SweepJob job : jobs) {
                    Path d = root.resolve(job.id());
                    Optional<ProcessHandle> holder = Processes.lockHolder(d);
                    if (Files.exists(d.resolve("last.ckpt")) && epochsLogged(d) <= 2 && holder.isPresent()) {
                        victim[0] = d;
                        training[0] = holder.get();
                        return true;
                    }
                }
                return !driver.isAlive();
            }, Duration.ofMinutes(4), "a job's training checkpointing its first epoch\n" + ps.read("driver"));
            assertTrue(victim[0] != null, "the driver ended before any job checkpointed:\n" + ps.read("driver"));
            ps.adopt(training[0]);
            ProcessHandle executor = training[0].parent().orElseThrow();
            ProcessHandle worker = executor.parent().orElseThrow();
            assertTrue(worker.pid() == workers[0].pid() || worker.pid() == workers[1].pid(),
                    "the training's parent is an executor of one of the two workers");
            String environ = Files.readString(Path.of("/proc", Long.toString(training[0].pid()), "environ"));
            assertTrue(environ.contains("OMP_NUM_THREADS=1\0") && environ.contains("CONCRETE_EXPLORER_PARENT_PID="
                    + executor.pid() + "\0"), "one math thread per job, and the executor watched");

            worker.destroyForcibly(); // SIGKILL, the worker and its executor: no goodbye from either
            executor.destroyForcibly();
            training[0].onExit().get(2, TimeUnit.MINUTES); // the orphaned training stops by itself
            String stopped = Files.readString(victim[0].resolve("train.log"));
            assertTrue(stopped.contains("the launching process has ended; stopping"), stopped);
            Matcher at = Pattern.compile("interrupted: stopped at step (\\d+); last good checkpoint").matcher(stopped);
            assertTrue(at.find(), stopped);
            long stoppedAt = Long.parseLong(at.group(1));
            assertTrue(stoppedAt >= STEPS_PER_EPOCH && stoppedAt < EPOCHS * STEPS_PER_EPOCH, "stopped mid-training: " + stoppedAt);

            assertTrue(driver.waitFor(6, TimeUnit.MINUTES), "the sweep did not end:\n" + ps.read("driver"));
            String out = ps.read("driver");
            System.out.println(ps.sweepLines("driver"));
            assertEquals(0, driver.exitValue(), out);

            // every job's result, in grid order, at the sweep's length and evaluation
            List<String> rows = Files.readAllLines(root.resolve("results.csv"));
            assertEquals(jobs.size() + 1, rows.size(), String.join("\n", rows));
            for (int i = 0; i < jobs.size(); i++) {
                assertTrue(rows.get(i + 1).startsWith(jobs.get(i).id() + ","), rows.get(i + 1));
                JobResult r = JobResult.read(root.resolve(jobs.get(i).id())).orElseThrow();
                assertEquals(JobResult.Status.DONE, r.status(), r.toString());
                assertEquals(EPOCHS, r.epochs());
                assertEquals(5, r.k());
                assertEquals(100, r.images());
                assertTrue(r.nll() > 100 && r.nll() < 300, r.toString());
                assertTrue(rows.get(i + 1).contains(",done," + String.format(java.util.Locale.ROOT, "%.4f", r.nll()) + ",5,100,8,"),
                        rows.get(i + 1));
            }
            assertEquals(jobs.size(), Files.readString(root.resolve("results.md")).split("\\| \\*\\*", -1).length - 1);

            // the victim resumed from the checkpoint its stopped training wrote, on the other worker
            String log = Files.readString(victim[0].resolve("train.log"));
            assertTrue(log.contains("sweep: resuming from last.ckpt at step " + stoppedAt + " (" + stoppedAt / STEPS_PER_EPOCH
                    + " of " + EPOCHS + " epochs done)"), log);
            assertEquals(2, log.split("\nTraining ", -1).length - 1 + (log.startsWith("Training ") ? 1 : 0), log);
            for (int e = 1; e <= EPOCHS; e++) {
                assertEquals(1, log.split("epoch " + e + "/" + EPOCHS + " ", -1).length - 1, "epoch " + e + " once, never again:\n" + log);
            }
            assertEquals((long) EPOCHS * STEPS_PER_EPOCH, Checkpoints.load(victim[0].resolve("last.ckpt")).step());
            List<String> steps = Files.readAllLines(victim[0].resolve("training.csv"));
            assertEquals(EPOCHS * STEPS_PER_EPOCH + 1, steps.size(), "each step logged once");
            for (int s = 1; s <= EPOCHS * STEPS_PER_EPOCH; s++) {
                assertTrue(steps.get(s).startsWith(s + ","), steps.get(s));
            }
            int index = jobs.stream().map(j -> root.resolve(j.id())).toList().indexOf(victim[0]);
            String tag = jobs.get(index).tag(index, jobs.size());
            assertTrue(out.contains(tag + ": attempt 1 lost on executor") && out.contains(tag + ": attempt 2 started on executor"),
                    out);

            inProcessDriver(ps, url);
        }
        System.out.printf("StandaloneClusterIT: %.0f s wall%n", (System.nanoTime() - start) / 1e9);
    }

    /**
     * The README's other way, on the same cluster (its surviving worker): the driver in this program's own JVM, java -jar
     * concrete-explorer-spark.jar sweep … --master spark://…, which must ship its jar to the executors itself.
     */
    private void inProcessDriver(Processes ps, String url) throws Exception {
        String grid = """
                units: 8
                hidden: 16
                batch: 20
                train-limit: 200
                val-limit: 40
                val-samples: 5
                eval-k: 5
                eval-limit: 100
                epochs: 1
                seeds: 1, 2
                """;
        Path file = Files.writeString(dir.resolve("in-process.sweep"), grid);
        Path root = dir.resolve("in-process");
        Process driver = ps.start("in-process", List.of(Processes.JAVA, "-Xmx512m", "-Dspark.executor.memory=640m",
                "-Dspark.ui.enabled=false", "-jar", Processes.JAR.toString(), "sweep", file.toString(), "--master", url,
                "--root", root.toString(), "--data", Processes.MNIST.toString(), "--progress", "0"));
        assertTrue(driver.waitFor(4, TimeUnit.MINUTES), "the in-process driver did not end:\n" + ps.read("in-process"));
        String out = ps.read("in-process");
        System.out.println(ps.sweepLines("in-process"));
        assertEquals(0, driver.exitValue(), out);
        assertTrue(!out.contains("ClassNotFoundException") && out.contains(": started on executor "), out);
        List<String> rows = Files.readAllLines(root.resolve("results.csv"));
        assertEquals(3, rows.size(), String.join("\n", rows));
        assertTrue(rows.stream().skip(1).allMatch(r -> r.contains(",done,")), String.join("\n", rows));
    }

    private static int epochsLogged(Path runFolder) {
        try {
            return Math.max(0, Files.readAllLines(runFolder.resolve("epochs.csv")).size() - 1);
        } catch (java.io.IOException none) {
            return 0;
        }
    }
}

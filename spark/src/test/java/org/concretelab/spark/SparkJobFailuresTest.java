package org.concretelab.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.concretelab.sweep.JobResult;
import org.concretelab.sweep.JobRunner;
import org.concretelab.sweep.SweepJob;
import org.concretelab.sweep.SweepSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On Spark too, one bad job is that job's row: a file where a job's folder should be and a damaged checkpoint fail their
 * own jobs, each saying why, while the third job trains and is scored; the engine returns every row.
 */
class SparkJobFailuresTest {
    private static final String GRID = """
            units: 8
            hidden: 16
            batch: 20
            train-limit: 200
            val-limit: 40
            val-samples: 5
            eval-k: 5
            eval-limit: 100
            epochs: 1
            seeds: 1, 2, 3
            """;

    @TempDir
    Path dir;

    @Test
    void badJobsAreTheirOwnFailedRows() throws Exception {
        SweepSpec spec = SweepSpec.parse(GRID, "three.sweep", option -> true);
        List<SweepJob> jobs = spec.jobs();
        Path root = Files.createDirectories(dir.resolve("results"));
        Path notAFolder = Files.writeString(root.resolve(jobs.get(0).id()), "a file\n");
        Path damaged = Files.createDirectories(root.resolve(jobs.get(1).id())).resolve("last.ckpt");
        Files.writeString(damaged, "PK\u0003\u0004 not really a checkpoint");
        JobRunner runner = new JobRunner(root, spec, Path.of(System.getProperty("mnist.dir")),
                JobRunner.thisJvm("org.concretelab.Main"));
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        List<JobResult> results = new SparkEngineProvider().create("local[1]", 1).run(jobs, runner, lines::add);
        String out = String.join("\n", lines);
        assertEquals(3, results.size(), out);
        assertEquals(JobResult.Status.FAILED, results.get(0).status());
        assertTrue(results.get(0).message().contains(notAFolder + " is a file"), results.get(0).message());
        assertTrue(out.contains(jobs.get(0).tag(0, 3) + ": failed: " + notAFolder + " is a file"), out);
        assertEquals(JobResult.Status.FAILED, results.get(1).status());
        assertTrue(results.get(1).message().contains(damaged.toString()), results.get(1).message());
        assertEquals(JobResult.Status.DONE, results.get(2).status(), results.get(2).toString());
    }

    /**
     * A task Spark gives up on (here one that throws an Error, which no job's runner turns into a result; on a cluster
     * e.g. a class the executors cannot load): Spark aborts the sweep's work, and the engine still returns every row —
     * the job done before keeps its recorded result, the others fail with Spark's reason.
     */
    @Test
    void aTaskSparkGivesUpOnFailsTheUnfinishedJobsOnly() throws Exception {
        SweepSpec spec = SweepSpec.parse(GRID, "three.sweep", option -> true);
        List<SweepJob> jobs = spec.jobs();
        Path root = Files.createDirectories(dir.resolve("results"));
        JobRunner runner = new JobRunner(root, spec, Path.of(System.getProperty("mnist.dir")),
                JobRunner.thisJvm("org.concretelab.Main"));
        String first = jobs.get(0).id();
        String rootText = root.toString();
        SparkEngine engine = new SparkEngine("Spark", "local[1]", r -> job -> {
            if (!job.id().equals(first)) {
                throw new AssertionError("a task that cannot run"); // an Error: no runner catches it
            }
            JobResult done = new JobResult(job.id(), JobResult.Status.DONE, "m", 100, Double.NaN, 5, 100, 1, 1, 1, "");
            done.write(Files.createDirectories(Path.of(rootText, job.id())));
            return done;
        });
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        List<JobResult> results = engine.run(jobs, runner, lines::add);
        String out = String.join("\n", lines);
        assertEquals(3, results.size(), out);
        assertEquals(JobResult.Status.DONE, results.get(0).status(), out);
        for (int i = 1; i < 3; i++) {
            assertEquals(JobResult.Status.FAILED, results.get(i).status(), out);
            assertTrue(results.get(i).message().startsWith("Spark gave up on it: ")
                    && results.get(i).message().contains("a task that cannot run"), results.get(i).message());
        }
        assertTrue(out.contains("Spark stopped the sweep's work: "), out);
    }
}

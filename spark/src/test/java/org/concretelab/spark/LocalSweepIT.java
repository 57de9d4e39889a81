package org.concretelab.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.concretelab.sweep.SweepJob;
import org.concretelab.sweep.SweepSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tiny sweep as a user runs it on one machine: java -jar concrete-explorer-spark.jar sweep … --master local[2].
 * Spark runs two jobs at a time inside the process; each job is told as it starts, as its training moves (epoch and
 * step) and as it ends; a second run skips what is done without starting Spark's work at all. Started as on a user's
 * machine (no SPARK_LOCAL_IP), the sweep's JVMs listen on loopback only, and no web UI is opened.
 */
class LocalSweepIT {
    private static final String GRID = """
            units: 8, 16
            hidden: 16
            batch: 50
            train-limit: 5000
            val-limit: 40
            val-samples: 5
            epochs: 4
            eval-k: 5
            eval-limit: 100
            seeds: 1, 2
            """;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void theTinySweepRunsInLocal2WithAProgressLinePerJob() throws Exception {
        long start = System.nanoTime();
        Path file = Files.writeString(dir.resolve("tiny.sweep"), GRID);
        Path root = dir.resolve("results");
        List<SweepJob> jobs = SweepSpec.parse(GRID, "tiny.sweep", option -> true).jobs();
        List<String> command = List.of(Processes.JAVA, "-jar", Processes.JAR.toString(), "sweep", file.toString(), "--master",
                "local[2]", "--root", root.toString(), "--data", Processes.MNIST.toString(), "--progress", "0.5");
        try (Processes ps = new Processes(dir)) {
            // as on a user's machine (no SPARK_LOCAL_IP): every socket of the sweep's JVMs listens on loopback only
            Process sweep = ps.start("sweep", command, false);
            java.util.Set<String> listened = new java.util.TreeSet<>();
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(6);
            while (sweep.isAlive() && System.nanoTime() < deadline) {
                listened.addAll(Processes.listening(sweep.toHandle()));
                Thread.sleep(200);
            }
            assertTrue(sweep.waitFor(1, TimeUnit.SECONDS), ps.read("sweep"));
            assertFalse(listened.isEmpty(), "the driver's RPC server was seen listening\n" + ps.read("sweep"));
            assertTrue(listened.stream().allMatch(Processes::loopback), "listening beyond loopback: " + listened);
            System.out.println("LocalSweepIT: listening sockets seen: " + listened);
            String out = ps.read("sweep");
            System.out.println(ps.sweepLines("sweep"));
            assertEquals(0, sweep.exitValue(), out);
            assertTrue(out.contains("Sweep " + file + ": 4 jobs (4 epochs each, test NLL at k = 5), on Apache Spark 4.0.1 (local[2]),"
                    + " 2 at a time, into " + root), out);
            assertTrue(out.indexOf("Cost estimate (approximate") < out.indexOf(": started on executor driver"), out);
            boolean anyStep = false;
            for (int i = 0; i < jobs.size(); i++) {
                String tag = Pattern.quote(jobs.get(i).tag(i, jobs.size()));
                assertTrue(Pattern.compile("(?m)^" + tag + ": started on executor driver ").matcher(out).find(), tag + "\n" + out);
                assertTrue(Pattern.compile("(?m)^" + tag + ": (epoch [1-4]/4, step \\d+|trained 4 epochs \\(400 steps\\); scoring the"
                        + " test set)$").matcher(out).find(), "a progress line for " + tag + "\n" + out);
                assertTrue(Pattern.compile("(?m)^" + tag + ": test NLL \\d+\\.\\d\\d \\(k = 5, 100 images; 4 epochs in").matcher(out)
                        .find(), tag + "\n" + out);
                anyStep |= Pattern.compile("(?m)^" + tag + ": epoch [1-4]/4, step \\d+$").matcher(out).find();
            }
            assertTrue(anyStep, "training is followed by epoch and step\n" + out);
            List<String> rows = Files.readAllLines(root.resolve("results.csv"));
            assertEquals(5, rows.size(), String.join("\n", rows));
            assertTrue(rows.stream().skip(1).allMatch(r -> r.contains(",done,")), String.join("\n", rows));

            Process again = ps.start("again", command);
            assertTrue(again.waitFor(3, TimeUnit.MINUTES), ps.read("again"));
            String second = ps.read("again");
            assertEquals(0, again.exitValue(), second);
            assertEquals(4, second.split(": done before, skipped", -1).length - 1, second);
            assertFalse(second.contains("started on executor"), "nothing left for Spark\n" + second);
            assertEquals(rows, Files.readAllLines(root.resolve("results.csv")), "the same table");
        }
        System.out.printf("LocalSweepIT: %.0f s wall%n", (System.nanoTime() - start) / 1e9);
    }
}

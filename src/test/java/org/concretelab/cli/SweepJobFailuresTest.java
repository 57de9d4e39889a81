package org.concretelab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.concretelab.sweep.SweepJob;
import org.concretelab.sweep.SweepSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One bad job is that job's row, never the sweep's end: a file where a job's folder should be and a damaged checkpoint
 * in another job's folder each fail their own job ("failed: why"), the third job runs, and the tables are written.
 */
class SweepJobFailuresTest {
    private static final String GRID = "units: 8\n" + CliRun.TINY_JOB + """
            eval-k: 5
            eval-limit: 100
            epochs: 1
            seeds: 1, 2, 3
            """;

    @TempDir
    Path dir;

    @Test
    void aFileForAFolderAndADamagedCheckpointFailTheirJobsOnly() throws Exception {
        Path file = Files.writeString(dir.resolve("three.sweep"), GRID);
        Path root = Files.createDirectories(dir.resolve("results"));
        List<SweepJob> jobs = SweepSpec.parse(GRID, "three.sweep", option -> true).jobs();
        Path notAFolder = Files.writeString(root.resolve(jobs.get(0).id()), "a file where the job's folder should be\n");
        Path damaged = Files.createDirectories(root.resolve(jobs.get(1).id())).resolve("last.ckpt");
        Files.writeString(damaged, "PK\u0003\u0004 not really a checkpoint");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        assertEquals(4, CliRun.run(log, "sweep", file.toString(), "--root", root.toString(), "--parallel", "2"),
                "exit 4: not every job is done\n" + log);
        String out = log.toString();
        assertFalse(out.contains("Exception") || out.contains("\tat "), "no raw trace\n" + out);
        List<String> rows = Files.readAllLines(root.resolve("results.csv"));
        assertEquals(4, rows.size(), String.join("\n", rows));
        assertTrue(rows.get(1).contains(",failed,") && rows.get(1).contains(notAFolder + " is a file"), rows.get(1));
        assertTrue(rows.get(2).contains(",failed,") && rows.get(2).contains(damaged.toString()), rows.get(2));
        assertTrue(rows.get(3).contains(",done,"), rows.get(3));
        assertTrue(out.contains(jobs.get(0).tag(0, 3) + ": failed: " + notAFolder + " is a file"), out);
        assertTrue(Files.readString(root.resolve("results.md")).contains("failed"), "the Markdown table too");
        assertEquals("a file where the job's folder should be\n", Files.readString(notAFolder), "left as it was");
    }
}

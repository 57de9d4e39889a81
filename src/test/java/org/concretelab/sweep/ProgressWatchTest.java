package org.concretelab.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Progress read from the logs train writes: the last whole row counts, only moves are told, finished jobs are quiet. */
class ProgressWatchTest {
    @TempDir
    Path root;

    private static final String STEPS_HEADER = "step,epoch,relaxed_elbo,running_mean,examples_per_s\n";
    private static final String EPOCHS_HEADER = "epoch,step,val_relaxed_elbo,val_discrete_elbo,val_nll,val_active_units\n";

    @Test
    void theLastWholeRowOfEachLogSaysWhereTheJobIs() throws Exception {
        Path dir = Files.createDirectories(root.resolve("job"));
        assertEquals(Optional.empty(), JobProgress.read(dir), "nothing logged yet");
        Files.writeString(dir.resolve("training.csv"), STEPS_HEADER);
        assertEquals(Optional.empty(), JobProgress.read(dir), "a header only");
        Files.writeString(dir.resolve("training.csv"), STEPS_HEADER + "1,1,-300.1,-300.1,0\n2,1,-290.5,-299.8,812\n3,2,-28");
        assertEquals(Optional.of(new JobProgress(2, 1, 0)), JobProgress.read(dir), "a row being written is not read");
        assertEquals("epoch 1/3, step 2", JobProgress.read(dir).orElseThrow().describe(3));
        Files.writeString(dir.resolve("epochs.csv"), EPOCHS_HEADER + "1,2,-280.0,-279.5,278.9,0.0000\n");
        Files.writeString(dir.resolve("training.csv"), "0,-281.2,-290.0,900\n4,2,-270.0,-285.1,905\n", StandardOpenOption.APPEND);
        assertEquals(new JobProgress(4, 2, 1), JobProgress.read(dir).orElseThrow());
        assertEquals("trained 1 epochs (4 steps); scoring the test set", JobProgress.read(dir).orElseThrow().describe(1));
    }

    @Test
    void onlyJobsWhoseLogsMovedAreTold() throws Exception {
        List<SweepJob> jobs = List.of(new SweepJob(Map.of("units", "8"), 1), new SweepJob(Map.of("units", "16"), 1),
                new SweepJob(Map.of("units", "32"), 1));
        Path before = Files.createDirectories(root.resolve(jobs.get(2).id())); // trained in an earlier run of the sweep
        Files.writeString(before.resolve("training.csv"), STEPS_HEADER + "10,1,-200,-200,900\n");
        List<String> lines = new ArrayList<>();
        try (ProgressWatch w = ProgressWatch.start(root, jobs, 2, Duration.ZERO, lines::add)) {
            w.look(true);
            assertEquals(List.of(), lines, "nothing moved");
            Path second = Files.createDirectories(root.resolve(jobs.get(1).id()));
            Files.writeString(second.resolve("training.csv"), STEPS_HEADER + "1,1,-300,-300,0\n");
            w.look(true);
            w.look(true);
            assertEquals(List.of("[2/3] units=16_seed=1: epoch 1/2, step 1"), lines, "told once");
            Files.writeString(second.resolve("training.csv"), "2,1,-290,-299,800\n", StandardOpenOption.APPEND);
            Files.writeString(second.resolve(JobResult.FILE), "status=done\n");
            w.look(true);
            assertEquals(1, lines.size(), "a finished job is the engine's to report: " + lines);
        }
    }
}

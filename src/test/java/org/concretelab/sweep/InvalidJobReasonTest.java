package org.concretelab.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.concretelab.data.MnistFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 26: a job whose options train refuses while parsing them is invalid with picocli's own reason, not the last
 * line of the usage text train printed after it ("Writes training.csv, ...").
 */
class InvalidJobReasonTest {
    @TempDir
    Path root;

    @Test
    void aFlagGivenAValueIsInvalidNamingTheUnmatchedArgument() throws Exception {
        SweepSpec spec = new SweepSpec(Map.of("straight-through", List.of("true")), 1, 5, 100, List.of(1L));
        JobRunner runner = new JobRunner(root, spec, MnistFiles.defaultDir(), JobRunner.thisJvm("org.concretelab.Main"));
        JobResult r = runner.run(spec.jobs().get(0));
        assertEquals(JobResult.Status.INVALID, r.status(), r.toString());
        assertTrue(r.message().contains("Unmatched argument") && r.message().contains("'true'"), r.message());
    }
}

package org.concretelab.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** A sweep file read into its grid and expanded into jobs. */
class SweepSpecTest {
    private static final Predicate<String> TRAIN = Set.of("--arch", "--samples", "--estimator", "--units", "--lr")::contains;

    @Test
    void theGridExpandsFirstKeySlowestSeedsFastest() {
        SweepSpec s = SweepSpec.parse("""
                # Concrete against VIMCO
                arch: 200H~784V, 200H-784V
                samples: 1, 5   # m
                estimator: concrete
                epochs: 3
                eval-k: 50
                eval-limit: 200
                seeds: 1, 2
                """, "t.sweep", TRAIN);
        assertEquals(3, s.epochs());
        assertEquals(50, s.evalK());
        assertEquals(200, s.evalLimit());
        assertEquals(List.of(1L, 2L), s.seeds());
        List<SweepJob> jobs = s.jobs();
        assertEquals(8, jobs.size());
        assertEquals(new SweepJob(Map.of("arch", "200H~784V", "samples", "1", "estimator", "concrete"), 1), jobs.get(0));
        assertEquals(2, jobs.get(1).seed());
        assertEquals("5", jobs.get(2).options().get("samples"));
        assertEquals("200H-784V", jobs.get(4).options().get("arch"));
        assertEquals(List.of("arch", "samples", "estimator"), List.copyOf(jobs.get(0).options().keySet()));
    }

    @Test
    void defaultsAreOneSeed100EpochsAndTheWholeTestSetAtK1000() {
        SweepSpec s = SweepSpec.parse("--units: 100\n", "t", TRAIN);
        assertEquals(List.of(1L), s.seeds());
        assertEquals(100, s.epochs());
        assertEquals(1000, s.evalK());
        assertEquals(0, s.evalLimit());
        assertEquals(1, s.jobs().size());
    }

    @Test
    void mistakesAreRefusedNamingTheLine() {
        assertMessage("t:2: 'colour' is not an option of train", "units: 1\ncolour: red\n");
        assertMessage("t:1: seed is set by the sweep for every job; list seeds with 'seeds:'", "seed: 3\n");
        assertMessage("t:1: out is set by the sweep", "out: x\n");
        assertMessage("t:2: units is given twice", "units: 1\nunits: 2\n");
        assertMessage("t:1: units has no value", "units: ,\n");
        assertMessage("t:1: expected 'key: value, value, …'", "units 100\n");
        assertMessage("t:1: epochs takes one value", "epochs: 1, 2\n");
        assertMessage("t: eval-k must be a whole number, was 'many'", "eval-k: many\n");
        assertMessage("a sweep needs epochs ≥ 1", "epochs: 0\n");
    }

    private static void assertMessage(String start, String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SweepSpec.parse(text, "t", TRAIN));
        assertTrue(e.getMessage().startsWith(start), e.getMessage());
    }

    @Test
    void aJobsIdNamesItsOptionsAndSeedAndIsAFileName() {
        SweepJob job = new SweepJob(Map.of("arch", "200H~784V"), 7);
        assertEquals("arch=200H~784V_seed=7", job.id());
        assertEquals("lr=1e-3_x=a-b-c_seed=1", new SweepJob(new java.util.LinkedHashMap<>(Map.of("lr", "1e-3")) {{
            put("x", "a/b c");
        }}, 1).id());
        assertEquals(List.of("train", "--arch", "200H~784V", "--seed", "7", "--epochs", "4", "--out", "r", "--quiet"),
                job.trainArgs(Path.of("r"), 4));
    }
}

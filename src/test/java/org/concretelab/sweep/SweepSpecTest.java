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
    private static final Predicate<String> TRAIN = Set.of("--arch", "--samples", "--estimator", "--units", "--lr", "--latent", "--classes")::contains;

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
    void optionsThatGoTogetherAreGridsAfterSharedLines() { // the paper's n-ary rows: 240 binary, 120 of K = 4, 80 of K = 8
        SweepSpec s = SweepSpec.parse("""
                lr: 1e-3
                epochs: 900
                ---
                units: 240
                ---
                latent: corners
                classes: 4
                units: 120
                ---
                eval-k: 5000   # the sweep's own keys hold for every grid wherever they stand
                latent: corners
                classes: 8, 16
                units: 80
                """, "t", TRAIN);
        assertEquals(900, s.epochs());
        assertEquals(5000, s.evalK());
        List<SweepJob> jobs = s.jobs();
        assertEquals(List.of(
                new SweepJob(Map.of("lr", "1e-3", "units", "240"), 1),
                new SweepJob(Map.of("lr", "1e-3", "latent", "corners", "classes", "4", "units", "120"), 1),
                new SweepJob(Map.of("lr", "1e-3", "latent", "corners", "classes", "8", "units", "80"), 1),
                new SweepJob(Map.of("lr", "1e-3", "latent", "corners", "classes", "16", "units", "80"), 1)), jobs);
        assertEquals(List.of("lr", "latent", "classes", "units"), List.copyOf(jobs.get(1).options().keySet()),
                "the shared lines first, then the grid's own, in the file's order");
        assertEquals(List.of("lr", "units", "latent", "classes"), s.keys());
        String csv = ResultsTable.csv(s, jobs, jobs.stream().map(j -> JobResult.failed(j.id(), "not run")).toList());
        assertTrue(csv.lines().skip(1).findFirst().orElseThrow().startsWith("lr=1e-3_units=240_seed=1,1e-3,240,,,1,failed,"),
                "a grid's row is blank where it does not set an option:\n" + csv);
        assertEquals(1, SweepSpec.parse("units: 8\n---\narch: 200H~784V\n", "t", TRAIN).grids().size(),
                "one '---' after the shared lines: one grid");
    }

    @Test
    void gridMistakesAreRefusedNamingTheLine() {
        assertMessage("t:3: units is set for every grid above the first '---'", "units: 8\n---\nunits: 16\n");
        assertMessage("t:4: a grid with no train options between two '---' lines", "---\nunits: 8\n---\n---\nunits: 9\n");
        assertMessage("t:5: a grid with no train options between two '---' lines (the sweep's own keys hold for every grid)",
                "---\nunits: 8\n---\nepochs: 3\n---\nunits: 9\n");
        assertMessage("t: its last '---' starts a grid with no train options", "units: 8\n---\narch: 200H~784V\n---\n");
        assertMessage("t: two grids make the same job units=8_seed=1", "---\nunits: 8\n---\nunits: 8, 9\n");
        assertMessage("t: two grids make the same job lr=1e-3_units=8_seed=1",
                "---\nunits: 8\nlr: 1e-3\n---\nlr: 1e-3\nunits: 8\n"); // the same options in another order
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

    @Test
    void repeatedValuesOrSeedsAreRefusedNamingThem() { // issue 26: two equal jobs shared one folder
        assertMessage("t:1: units lists 8 more than once", "units: 8, 16, 8\n");
        assertMessage("t:2: seeds lists 3 more than once", "units: 8\nseeds: 3, 3\n");
        assertMessage("t: seeds lists 3 more than once", "units: 8\nseeds: 3, 03\n"); // equal as numbers
    }

    @Test
    void numbersBeyondAnIntAreRefusedByNameNotWrapped() { // issue 26: 4294967297 epochs ran 1
        assertMessage("t: epochs must be at most 2147483647, was 4294967297", "epochs: 4294967297\n");
        assertMessage("t: epochs must be at most 2147483647, was 99999999999", "epochs: 99999999999\n");
        assertMessage("t: eval-k must be at most 2147483647, was 4294967296", "eval-k: 4294967296\n");
        assertMessage("t: eval-limit must be at most", "eval-limit: 2147483648\n");
        assertMessage("t: seeds is out of range, was '99999999999999999999'", "seeds: 99999999999999999999\n");
    }

    @Test
    void aHugeGridIsRefusedWithItsCountBeforeItIsExpanded() { // issue 26: a 10^6-job dry run took 3.5 GB
        String values = String.join(", ", java.util.stream.IntStream.range(0, 1000).mapToObj(Integer::toString).toList());
        assertMessage("the grid holds 1,000,000 jobs; a sweep may hold at most 10,000",
                "units: " + values + "\nlr: " + values + "\n");
        String many = String.join(", ", java.util.stream.IntStream.range(0, 2000).mapToObj(Integer::toString).toList());
        assertMessage("the grid holds more than", ("units: " + many + "\nlr: " + many + "\narch: " + many
                + "\nsamples: " + many + "\nestimator: " + many + "\nseeds: " + many + "\n"));
        assertEquals(SweepSpec.MAX_JOBS, SweepSpec.parse("units: " + String.join(", ", java.util.stream.IntStream
                .range(0, 100).mapToObj(Integer::toString).toList()) + "\nseeds: " + String.join(", ", java.util.stream
                .IntStream.range(0, 100).mapToObj(Integer::toString).toList()) + "\n", "t", TRAIN).jobs().size());
    }

    @Test
    void anEmptyFileIsRefusedNotRunAsOneDefaultJob() {
        assertMessage("t holds no settings", "");
        assertMessage("t holds no settings", "# only a comment\n\n");
        assertEquals(1, SweepSpec.parse("epochs: 3\n", "t", TRAIN).jobs().size()); // deliberate: one job of 3 epochs
    }

    @Test
    void threadsIsSetByTheSweepAndABinaryFileIsNamed(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        assertMessage("t:1: threads is set by the sweep", "threads: 2\n");
        Path binary = dir.resolve("b.sweep");
        java.nio.file.Files.write(binary, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, (byte) 0xc3});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SweepSpec.read(binary, TRAIN));
        assertTrue(e.getMessage().contains("is not UTF-8 text"), e.getMessage());
    }
}

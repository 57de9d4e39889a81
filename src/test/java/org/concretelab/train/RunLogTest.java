package org.concretelab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run log written and read through one schema. */
class RunLogTest {
    @TempDir
    Path dir;

    @Test
    void whatIsWrittenReadsBackThinnedToTheRunsLastStep() throws IOException {
        try (RunLog log = RunLog.open(dir, "relaxed_elbo")) {
            for (int step = 1; step <= 1000; step++) {
                log.step(step, 0, -step, -step / 2.0, 100);
            }
            log.epoch(new TrainingEvent.Epoch(0, 1000, Map.of("relaxed_elbo", -5.0, "discrete_elbo", -4.0, "nll", 3.0)));
        }
        assertEquals(RunLog.STEPS_HEADER, Files.readAllLines(dir.resolve(RunLog.STEPS)).get(0));
        assertEquals(RunLog.EPOCHS_HEADER, Files.readAllLines(dir.resolve(RunLog.EPOCHS)).get(0));
        RunLog.History h = RunLog.read(dir, 300); // every 4th line, and the last
        assertEquals(251, h.steps().length);
        assertEquals(1, h.steps()[0]);
        assertEquals(1000, h.steps()[h.steps().length - 1]);
        assertEquals(-1000, h.objective()[h.objective().length - 1]);
        assertEquals(-500, h.runningMean()[h.runningMean().length - 1]);
        assertEquals("relaxed_elbo", h.objectiveColumn());
        assertEquals(1, h.epochs().size());
        TrainingEvent.Epoch e = h.epochs().get(0);
        assertEquals(0, e.epoch());
        assertEquals(1000, e.step());
        assertEquals(-5.0, e.validationRelaxedElbo());
        assertEquals(-4.0, e.validationDiscreteElbo());
        assertEquals(3.0, e.validationNll());
    }

    /** Issue 29: epochs.csv says which dataset its scores are on; resumes, copies and readers keep or skip that line. */
    @Test
    void theRunHeaderNamesTheDatasetAndSurvivesCutsCopiesAndReading() throws IOException {
        TrainingOptions o = TrainingOptions.defaults().withDataset(org.concretelab.data.Datasets.FASHION_MNIST);
        String header = RunLog.runHeader(o);
        assertTrue(header.startsWith("# run: dataset=fashion-mnist, model="), header);
        try (RunLog log = RunLog.open(dir, "relaxed_elbo", header)) {
            for (int step = 1; step <= 20; step++) {
                log.step(step, step <= 10 ? 0 : 1, -step, -step, 100);
            }
            log.epoch(new TrainingEvent.Epoch(0, 10, Map.of("nll", 3.0)));
            log.epoch(new TrainingEvent.Epoch(1, 20, Map.of("nll", 2.0)));
        }
        List<String> lines = Files.readAllLines(dir.resolve(RunLog.EPOCHS));
        assertEquals(List.of(header, RunLog.EPOCHS_HEADER), lines.subList(0, 2));
        assertEquals(2, RunLog.read(dir, 100).epochs().size(), "the reader skips the run header");

        assertTrue(RunLog.truncate(dir, 10, 1, "relaxed_elbo").isEmpty(), "a resume's cut is no repair");
        lines = Files.readAllLines(dir.resolve(RunLog.EPOCHS));
        assertEquals(List.of(header, RunLog.EPOCHS_HEADER), lines.subList(0, 2));
        assertEquals(3, lines.size(), "epoch 2 was cut");
        Path ckpt = dir.resolve("elsewhere").resolve("best.ckpt");
        Files.createDirectories(ckpt.getParent());
        RunLog.copyBeside(dir, ckpt, 10, 1, "relaxed_elbo");
        assertEquals(header, Files.readAllLines(RunLog.epochsBeside(ckpt)).get(0), "the copy beside a checkpoint keeps it");
        assertEquals(1, RunLog.read(RunLog.stepsBeside(ckpt), RunLog.epochsBeside(ckpt), 100).epochs().size());
    }

    @Test
    void missingOrBrokenLogsGiveNothingRatherThanAnError() throws IOException {
        assertNull(RunLog.read(dir, 100));
        Files.writeString(dir.resolve(RunLog.STEPS), "step,epoch\nnot,a,number\n");
        Files.writeString(dir.resolve(RunLog.EPOCHS), "epoch\n");
        assertNull(RunLog.read(dir, 100));
    }

    @Test
    void anOlderEpochLogKeepsItsRowsWhenCutAndGainsTheNewColumnsAsNaN() throws IOException {
        // epochs.csv as runs before the active-unit count wrote it, with a torn last row
        Files.writeString(dir.resolve(RunLog.EPOCHS), "epoch,step,val_relaxed_elbo,val_discrete_elbo,val_nll\n"
                + "1,500,-150.0,-140.0,120.0\n2,1000,-140.0,-130.0,110.0\n3,1500,-13");
        Files.writeString(dir.resolve(RunLog.STEPS), RunLog.STEPS_HEADER + "\n");
        RunLog.truncate(dir, 1000, 2, "relaxed_elbo");
        var lines = Files.readAllLines(dir.resolve(RunLog.EPOCHS));
        assertEquals(java.util.List.of(RunLog.EPOCHS_HEADER, "1,500,-150.0,-140.0,120.0,NaN", "2,1000,-140.0,-130.0,110.0,NaN"),
                lines);
        RunLog.History h = RunLog.read(dir, 10);
        assertEquals(2, h.epochs().size());
        assertEquals(110.0, h.epochs().get(1).validationNll());
        assertEquals(Double.NaN, h.epochs().get(1).activeUnits());
    }

    /** A score-function run's log names its objective, and reads back saying so. */
    @Test
    void theObjectiveColumnIsNamedAfterTheEstimatorsObjective() throws IOException {
        try (RunLog log = RunLog.open(dir, "discrete_bound")) {
            log.step(1, 0, -120.5, -120.5, 900);
        }
        assertEquals("step,epoch,discrete_bound,running_mean,examples_per_s",
                Files.readAllLines(dir.resolve(RunLog.STEPS)).get(0));
        RunLog.History h = RunLog.read(dir, 10);
        assertEquals("discrete_bound", h.objectiveColumn());
        assertEquals(-120.5, h.objective()[0]);
    }

    /**
     * A VIMCO run logged before the column was named after the objective (under relaxed_elbo) gets the right name
     * when it is resumed, its rows kept; rows past the checkpoint go as before.
     */
    @Test
    void resumingRenamesAnOldObjectiveColumnAndKeepsItsRows() throws IOException {
        Files.writeString(dir.resolve(RunLog.STEPS), RunLog.STEPS_HEADER + "\n1,1,-130.0000,-130.0000,800\n"
                + "2,1,-129.0000,-129.5000,810\n3,1,-128.0000,-129.0000,820\n");
        Files.writeString(dir.resolve(RunLog.EPOCHS), RunLog.EPOCHS_HEADER + "\n");
        RunLog.truncate(dir, 2, 0, "discrete_bound");
        assertEquals(java.util.List.of("step,epoch,discrete_bound,running_mean,examples_per_s",
                "1,1,-130.0000,-130.0000,800", "2,1,-129.0000,-129.5000,810"), Files.readAllLines(dir.resolve(RunLog.STEPS)));
        try (RunLog log = RunLog.open(dir, "discrete_bound")) {
            log.step(3, 0, -127, -128.7, 830);
        }
        var lines = Files.readAllLines(dir.resolve(RunLog.STEPS));
        assertEquals(4, lines.size(), "appended under the renamed header, which is not written twice");
        assertEquals("discrete_bound", RunLog.read(dir, 10).objectiveColumn());
    }

    private static String rows(int from, int to) {
        StringBuilder b = new StringBuilder();
        for (int i = from; i <= to; i++) {
            b.append(i).append(",1,-150.5,-151.0,900\n");
        }
        return b.toString();
    }

    /** Issue 26: a killed run's extra rows and torn last line are cut without a note or a copy, as before. */
    @Test
    void aKilledRunsLogIsCutQuietly() throws IOException {
        Files.writeString(dir.resolve(RunLog.STEPS), RunLog.STEPS_HEADER + "\n" + rows(1, 6) + "7,1,-15");
        assertEquals(List.of(), RunLog.truncate(dir, 5, 0, "relaxed_elbo"));
        assertEquals((RunLog.STEPS_HEADER + "\n" + rows(1, 5)), Files.readString(dir.resolve(RunLog.STEPS)));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(RunLog.STEPS), files.map(f -> f.getFileName().toString()).toList(), "no copy, no temp file");
        }
    }

    /** Issue 26: a deleted header cost step 1; a stray row "3,…" made step 3 appear twice. Repaired, with a copy. */
    @Test
    void aHandEditedLogIsRepairedWithACopyAndANote() throws IOException {
        String headless = rows(1, 4);
        Files.writeString(dir.resolve(RunLog.STEPS), headless);
        List<String> notes = RunLog.truncate(dir, 4, 0, "relaxed_elbo");
        assertEquals(RunLog.STEPS_HEADER + "\n" + rows(1, 4), Files.readString(dir.resolve(RunLog.STEPS)), "step 1 kept");
        assertEquals(headless, Files.readString(dir.resolve("training-before-repair.csv")));
        assertTrue(notes.size() == 1 && notes.get(0).contains("put back its missing header")
                && notes.get(0).contains("training-before-repair.csv"), notes.toString());

        Files.writeString(dir.resolve(RunLog.STEPS), RunLog.STEPS_HEADER + "\n" + rows(1, 5) + rows(3, 3) + rows(6, 7));
        notes = RunLog.truncate(dir, 7, 0, "relaxed_elbo");
        assertEquals(RunLog.STEPS_HEADER + "\n" + rows(1, 7), Files.readString(dir.resolve(RunLog.STEPS)), "each step once");
        assertTrue(notes.get(0).contains("dropped 1 row whose step does not increase")
                && notes.get(0).contains("training-before-repair-2.csv"), notes.toString());
        assertTrue(Files.exists(dir.resolve("training-before-repair-2.csv")));
    }

    /** Issue 26: a binary training.csv failed with "Input length = 1" and left training.csv.cut.tmp behind. */
    @Test
    void aBinaryLogIsRepairedAndLeavesNoTempFile() throws IOException {
        byte[] junk = new byte[4096];
        new java.util.Random(3).nextBytes(junk);
        Files.write(dir.resolve(RunLog.STEPS), junk);
        List<String> notes = RunLog.truncate(dir, 10, 0, "relaxed_elbo");
        assertEquals(RunLog.STEPS_HEADER + "\n", Files.readString(dir.resolve(RunLog.STEPS)));
        assertTrue(notes.get(0).contains("not text") && notes.get(0).contains("no row of numbers"), notes.toString());
        assertTrue(java.util.Arrays.equals(junk, Files.readAllBytes(dir.resolve("training-before-repair.csv"))));
        assertFalse(Files.exists(dir.resolve(RunLog.STEPS + ".cut.tmp")));
    }
}

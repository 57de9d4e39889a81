package org.concretelab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.concretelab.data.MnistFiles;
import org.concretelab.data.MnistSplits;
import org.concretelab.model.VaeModel;
import org.concretelab.model.VaeModels;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Run folders under careless use: reused, shared, resumed from the wrong file, killed mid-write, full. */
class RunFolderTest {
    static MnistSplits data;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() {
        data = MnistSplits.load(MnistFiles.defaultDir());
    }

    /** A finished run of {@code epochs} epochs (10 steps each) in {@code out}. */
    private static void finishedRun(Path out, int epochs) throws InterruptedException {
        Trainer t = new Trainer(TrainerTest.options(TrainerTest.SPEC, epochs, out), data);
        t.start();
        assertTrue(t.awaitTermination(60, TimeUnit.SECONDS));
        assertEquals(TrainerState.FINISHED, t.state());
    }

    private static List<TrainingEvent.Failed> run(Trainer t) throws InterruptedException {
        List<TrainingEvent.Failed> failures = new CopyOnWriteArrayList<>();
        t.addListener(e -> {
            if (e instanceof TrainingEvent.Failed f) {
                failures.add(f);
            }
        });
        t.start();
        assertTrue(t.awaitTermination(60, TimeUnit.SECONDS));
        return failures;
    }

    private static List<Long> firstColumn(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv).stream().filter(l -> !RunLog.isComment(l)).toList();
        return lines.subList(1, lines.size()).stream().map(l -> Long.parseLong(l.split(",")[0])).toList();
    }

    private static List<Long> oneTo(long n) {
        return java.util.stream.LongStream.rangeClosed(1, n).boxed().toList();
    }

    @Test
    void aNewRunIntoAFolderHoldingARunIsRefusedAndTouchesNothing() throws Exception {
        Path out = dir.resolve("run");
        finishedRun(out, 2);
        byte[] last = Files.readAllBytes(out.resolve("last.ckpt"));
        byte[] previous = Files.readAllBytes(out.resolve("previous.ckpt"));
        List<String> log = Files.readAllLines(out.resolve("training.csv"));

        RunFolderException e = assertThrows(RunFolderException.class,
                () -> new Trainer(TrainerTest.options(TrainerTest.SPEC, 2, out), data));
        assertTrue(e.getMessage().contains("16H~784V binary") && e.getMessage().contains("step 20")
                && e.getMessage().contains("--resume " + out.resolve("last.ckpt")) && e.getMessage().contains("--overwrite"),
                e.getMessage());
        assertArrayEquals(last, Files.readAllBytes(out.resolve("last.ckpt")));
        assertArrayEquals(previous, Files.readAllBytes(out.resolve("previous.ckpt")));
        assertEquals(log, Files.readAllLines(out.resolve("training.csv")));

        // the refusal released the folder: a run asked to overwrite it starts afresh
        Trainer again = new Trainer(TrainerTest.options(TrainerTest.SPEC, 1, out), data, true);
        assertTrue(run(again).isEmpty());
        assertEquals(oneTo(10), firstColumn(out.resolve("training.csv")), "a new log, not appended to the old one");
        assertTrue(Files.notExists(out.resolve("previous.ckpt")), "the old run's files are gone, as asked");
    }

    @Test
    void aFolderInUseIsRefusedNamingItsHolderAndFreedWhenTheRunEnds() throws Exception {
        Path out = dir.resolve("run");
        assertEquals(java.util.Optional.empty(), RunFolder.holder(out), "no folder: nobody holds it");
        Trainer first = new Trainer(TrainerTest.options(TrainerTest.SPEC, 1, out), data);
        assertEquals(java.util.Optional.of("this process, pid " + ProcessHandle.current().pid()), RunFolder.holder(out));
        RunFolderException e = assertThrows(RunFolderException.class,
                () -> new Trainer(TrainerTest.options(TrainerTest.SPEC, 1, out), data, true));
        assertTrue(e.getMessage().contains("in use") && e.getMessage().contains("pid " + ProcessHandle.current().pid()),
                e.getMessage());
        assertTrue(run(first).isEmpty());
        assertEquals(TrainerState.FINISHED, first.state());
        assertEquals(java.util.Optional.empty(), RunFolder.holder(out), "released when the run ended");
        Trainer after = new Trainer(TrainerTest.options(TrainerTest.SPEC, 1, out), data, true); // released at the end
        after.stop();
        new Trainer(TrainerTest.options(TrainerTest.SPEC, 1, out), data, true).stop(); // and by a stop before start
    }

    @Test
    void aFileWhereTheFolderShouldBeIsNamedAsSuch() throws Exception {
        Path file = Files.writeString(dir.resolve("notes.txt"), "mine");
        RunFolderException e = assertThrows(RunFolderException.class,
                () -> new Trainer(TrainerTest.options(TrainerTest.SPEC, 1, file), data));
        assertTrue(e.getMessage().contains("is a file, not a folder"), e.getMessage());
        assertEquals("mine", Files.readString(file));
        RunFolderException nested = assertThrows(RunFolderException.class,
                () -> new Trainer(TrainerTest.options(TrainerTest.SPEC, 1, file.resolve("run")), data));
        assertTrue(nested.getMessage().contains("a part of the path is a file, not a folder"), nested.getMessage());
    }

    /** A run killed before its first checkpoint left only logs: the refusal offers no --resume of a missing file. */
    @Test
    void aFolderWithLogsButNoCheckpointIsRefusedWithoutPointingAtAMissingFile() throws Exception {
        Path out = Files.createDirectories(dir.resolve("run"));
        Files.writeString(out.resolve("training.csv"), RunLog.STEPS_HEADER + "\n1,1,-500,-500,100\n");
        RunFolderException e = assertThrows(RunFolderException.class,
                () -> new Trainer(TrainerTest.options(TrainerTest.SPEC, 1, out), data));
        assertFalse(e.getMessage().contains("--resume"), e.getMessage());
        assertTrue(e.getMessage().contains("--overwrite"), e.getMessage());
    }

    @Test
    void defaultFolderNamesNeverCollide() {
        Set<Path> made = new HashSet<>();
        for (int i = 0; i < 20; i++) { // all within a second or two: the same date-time stamp
            Path p = RunFolder.createUnique(dir.resolve("runs"), "");
            assertTrue(made.add(p), "reused " + p);
            assertTrue(Files.isDirectory(p));
        }
    }

    /** previous.ckpt is last.ckpt's epoch before (a hard link to it), and stays so when the next epoch replaces last.ckpt. */
    @Test
    void previousKeepsTheEpochBeforeWhenLastIsReplaced() throws Exception {
        Path out = dir.resolve("run");
        finishedRun(out, 3);
        assertEquals(20, Checkpoints.load(out.resolve("previous.ckpt")).step());
        assertEquals(30, Checkpoints.load(out.resolve("last.ckpt")).step());
        byte[] epoch3 = Files.readAllBytes(out.resolve("last.ckpt"));
        try (RunFolder folder = RunFolder.forResume(out, out.resolve("last.ckpt"), Checkpoints.load(out.resolve("last.ckpt")))) {
            folder.keepLastAsPrevious();
            assertTrue(Files.isSameFile(out.resolve("previous.ckpt"), out.resolve("last.ckpt")), "linked, not copied");
            TrainingCheckpoint cp = Checkpoints.load(out.resolve("last.ckpt"));
            Checkpoints.save(out.resolve("last.ckpt"), new TrainingCheckpoint(cp.options(), cp.model(), 31, 3, 1));
        }
        assertArrayEquals(epoch3, Files.readAllBytes(out.resolve("previous.ckpt")), "the new last.ckpt left it alone");
        assertEquals(31, Checkpoints.load(out.resolve("last.ckpt")).step());
        assertTrue(Files.list(out).noneMatch(f -> f.toString().endsWith(".tmp")), "no temp file left");
    }

    /** The repro: last.ckpt damaged, the advice followed (resume previous.ckpt): nothing may be rotated over it. */
    @Test
    void resumingFromPreviousAfterLastWasDamagedKeepsBoth() throws Exception {
        Path out = dir.resolve("run");
        finishedRun(out, 2);
        Path last = out.resolve("last.ckpt");
        Path previous = out.resolve("previous.ckpt");
        byte[] damaged = java.util.Arrays.copyOf(Files.readAllBytes(last), 1000);
        Files.write(last, damaged);
        byte[] good = Files.readAllBytes(previous);
        TrainingCheckpoint cp = Checkpoints.load(previous);
        assertEquals(10, cp.step());

        Trainer t = Trainer.resume(cp, previous, data, out, 3);
        assertTrue(t.folderNotes().stream().anyMatch(n -> n.contains("last.ckpt.damaged")), t.folderNotes().toString());
        assertEquals(previous, t.lastGoodCheckpoint(), "the file resumed from is the way back until this run saves");
        assertTrue(run(t).isEmpty());
        assertEquals(30, Checkpoints.load(last).step());
        assertArrayEquals(damaged, Files.readAllBytes(out.resolve("last.ckpt.damaged")), "the damaged file is kept aside");
        assertEquals(20, Checkpoints.load(previous).step(), "previous.ckpt is a good checkpoint of this run");
        assertFalse(java.util.Arrays.equals(damaged, Files.readAllBytes(previous)));
        assertEquals(oneTo(30), firstColumn(out.resolve("training.csv")), "steps 11-20 logged once");
        assertEquals(oneTo(3), firstColumn(out.resolve("epochs.csv")));
        assertTrue(good.length > 0);
    }

    /** Going back to previous.ckpt while last.ckpt is good keeps last.ckpt too, under its step's name. */
    @Test
    void resumingFromPreviousKeepsTheNewerLastAside() throws Exception {
        Path out = dir.resolve("run");
        finishedRun(out, 2);
        byte[] newer = Files.readAllBytes(out.resolve("last.ckpt"));
        TrainingCheckpoint cp = Checkpoints.load(out.resolve("previous.ckpt"));
        Trainer t = Trainer.resume(cp, out.resolve("previous.ckpt"), data, out, 3);
        t.stop();
        assertArrayEquals(newer, Files.readAllBytes(out.resolve("last-step20.ckpt")));
        assertEquals(oneTo(20), firstColumn(out.resolve("training-step20.csv")), "the branch left behind keeps its log");
        assertEquals(oneTo(10), firstColumn(out.resolve("training.csv")), "the resumed run's log is cut to its step");
        assertEquals(10, Checkpoints.load(out.resolve("previous.ckpt")).step(), "the checkpoint resumed from is untouched");
    }

    @Test
    void resumingIntoAFolderHoldingAnotherRunIsRefused() throws Exception {
        finishedRun(dir.resolve("a"), 1);
        Trainer other = new Trainer(new TrainingOptions(TrainerTest.SPEC, 20, 1, 8, org.concretelab.data.Binarization.DYNAMIC,
                200, 40, 5, dir.resolve("b"), 0), data);
        assertTrue(run(other).isEmpty());
        byte[] b = Files.readAllBytes(dir.resolve("b/last.ckpt"));
        TrainingCheckpoint cp = Checkpoints.load(dir.resolve("a/last.ckpt"));
        RunFolderException e = assertThrows(RunFolderException.class,
                () -> Trainer.resume(cp, dir.resolve("a/last.ckpt"), data, dir.resolve("b"), 2));
        assertTrue(e.getMessage().contains("holds another run"), e.getMessage());
        assertArrayEquals(b, Files.readAllBytes(dir.resolve("b/last.ckpt")));
    }

    /** A crash after the last checkpoint leaves logged steps it does not cover: resuming cuts them, no row twice. */
    @Test
    void resumingAfterACrashLogsEveryStepOnce() throws Exception {
        Path out = dir.resolve("run");
        finishedRun(out, 2);
        TrainingCheckpoint cp = Checkpoints.load(out.resolve("previous.ckpt"));
        Files.copy(out.resolve("previous.ckpt"), out.resolve("last.ckpt"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        // as if killed in epoch 2: its rows (11-20) and row 2 of epochs.csv are on disk, a torn row after them
        Files.writeString(out.resolve("training.csv"), "21,3,-300.1,-301.2,9", java.nio.file.StandardOpenOption.APPEND);
        Files.writeString(out.resolve("last.ckpt1234567.tmp"), "half a checkpoint");

        Trainer t = Trainer.resume(cp, out.resolve("last.ckpt"), data, out, 3);
        assertTrue(Files.notExists(out.resolve("last.ckpt1234567.tmp")), "a killed save's temp file is removed");
        assertTrue(run(t).isEmpty());
        assertEquals(oneTo(30), firstColumn(out.resolve("training.csv")));
        assertEquals(oneTo(3), firstColumn(out.resolve("epochs.csv")));
    }

    @Test
    void aFailedWriteSaysWhatFailedWhyAndWhatIsSafe() throws Exception {
        Path out = dir.resolve("run");
        finishedRun(out, 1);
        TrainingCheckpoint cp = Checkpoints.load(out.resolve("last.ckpt"));
        // epochs.csv cannot be appended to (a folder in its place: permissions do not stop root, this does)
        Files.delete(out.resolve("epochs.csv"));
        Files.createDirectory(out.resolve("epochs.csv"));
        Trainer t = Trainer.resume(cp, out.resolve("last.ckpt"), data, out, 3);
        List<TrainingEvent.Failed> failures = run(t);
        assertEquals(TrainerState.FAILED, t.state());
        TrainingEvent.Failed f = failures.get(0);
        assertTrue(f.problem().startsWith("could not write " + out.resolve("epochs.csv")), f.problem());
        assertFalse(f.problem().contains("internal error") || f.advice().contains("report it"), f.toString());
        assertTrue(f.advice().contains("last good checkpoint is " + out.resolve("last.ckpt") + " (step 10)")
                && f.advice().contains("--resume"), f.advice());
        assertEquals(10, Checkpoints.load(out.resolve("last.ckpt")).step());
        assertEquals(out.resolve("last.ckpt"), t.lastGoodCheckpoint());
    }

    @Test
    void ioReasonsAreNamedPlainly() {
        assertEquals("no space left on the device", IoProblems.reason(
                new FileSystemException("/x/last.ckpt", null, "No space left on device")));
        assertEquals("permission denied", IoProblems.reason(new java.nio.file.AccessDeniedException("/x")));
        assertEquals("permission denied", IoProblems.reason(new java.io.UncheckedIOException(
                new IOException("Read-only file system"))));
    }

    /** {@code --lr 100}: the objective races to −10⁶ without a NaN; the run stops before saving a diverged model. */
    @Test
    void aDivergingRunStopsWithoutSavingTheDivergedModel() throws Exception {
        Path out = dir.resolve("run");
        finishedRun(out, 1);
        TrainingCheckpoint cp = Checkpoints.load(out.resolve("last.ckpt"));
        VaeModel real = VaeModels.restore(cp.model());
        int[] calls = {0};
        // healthy for three epochs of 10 steps, then falling by doubling from the first step of the fourth
        VaeModel diverging = (VaeModel) java.lang.reflect.Proxy.newProxyInstance(VaeModel.class.getClassLoader(),
                new Class<?>[] {VaeModel.class}, (proxy, method, args) -> {
                    Object r = method.invoke(real, args);
                    if (!method.getName().equals("trainStep")) {
                        return r;
                    }
                    int k = calls[0]++;
                    return k < 30 ? -150.0 + (k % 2) : -150.0 * Math.pow(2, k - 29);
                });
        TrainingOptions o = cp.options().withOutput(out, 100);
        Trainer t = Trainer.resume(o, cp, out.resolve("last.ckpt"), data, diverging);
        List<TrainingEvent.Failed> failures = run(t);
        assertEquals(TrainerState.FAILED, t.state());
        assertTrue(failures.get(0).problem().contains("diverging"), failures.get(0).problem());
        assertEquals(50, t.step(), "stopped at the end of the epoch in which it diverged");
        assertEquals(40, Checkpoints.load(out.resolve("last.ckpt")).step(), "the last checkpoint is the last healthy one");
        assertTrue(failures.get(0).advice().contains(out.resolve("last.ckpt").toString()), failures.get(0).advice());
    }

    @Test
    void aNoisyHealthyObjectiveIsNotDivergence() {
        DivergenceWatch w = new DivergenceWatch();
        java.util.Random r = new java.util.Random(3);
        double mean = Double.NaN;
        for (int step = 0; step < 20_000; step++) {
            double trend = -550 + 450 * (1 - Math.exp(-step / 500.0)); // −550 → −100, as the default model climbs
            double objective = trend + 15 * r.nextGaussian() + (step % 3000 == 0 ? -150 : 0); // noise and spikes
            mean = Double.isNaN(mean) ? objective : 0.98 * mean + 0.02 * objective;
            assertFalse(w.diverged(mean), "flagged at step " + step);
        }
    }

    /** Issue 26: resuming over a hand-edited log repairs it and says so in the folder's notes, a copy kept. */
    @Test
    void resumingOverAHandEditedLogRepairsItWithANote() throws Exception {
        Path out = dir.resolve("run");
        finishedRun(out, 2);
        Path log = out.resolve(RunLog.STEPS);
        java.util.List<String> lines = new java.util.ArrayList<>(Files.readAllLines(log));
        lines.remove(0); // the header, deleted by hand
        lines.add(3, lines.get(2)); // step 3 pasted twice
        Files.write(log, lines);
        try (RunFolder folder = RunFolder.forResume(out, out.resolve("last.ckpt"), Checkpoints.load(out.resolve("last.ckpt")))) {
            assertTrue(folder.notes().stream().anyMatch(n -> n.contains("repaired it: put back its missing header, dropped 1"
                    + " row whose step does not increase") && n.contains("training-before-repair.csv")), folder.notes().toString());
        }
        java.util.List<String> repaired = Files.readAllLines(log);
        assertEquals(1 + 20, repaired.size(), "header and steps 1..20, each once");
        assertTrue(repaired.get(1).startsWith("1,"), repaired.get(1));
        assertTrue(Files.exists(out.resolve("training-before-repair.csv")));
    }
}

package org.concretelab.train;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.concretelab.model.estimator.Estimators;

/**
 * The folder one training run writes into, held for the run's lifetime.
 *
 * <p>Opening it takes an exclusive lock ({@value #LOCK}, an OS file lock that dies with the process, so a
 * killed run never leaves the folder locked) and refuses what would destroy another run's files: a
 * second process writing the same folder, or a fresh run started over an existing one. Under the lock it
 * removes the temp files a killed save left behind and, when a run resumes, cuts its CSV logs back to the
 * checkpoint's step so that no step is logged twice.
 */
public final class RunFolder implements AutoCloseable {
    public static final String LAST = "last.ckpt";
    public static final String PREVIOUS = "previous.ckpt";
    public static final String LOCK = ".lock";

    /** The files a run writes; {@code --overwrite} removes exactly these (a user's own files stay). */
    private static final List<String> RUN_FILES = List.of(LAST, PREVIOUS, RunLog.STEPS, RunLog.EPOCHS);

    private final Path dir;
    private final FileChannel channel;
    private final FileLock lock;

    private RunFolder(Path dir, FileChannel channel, FileLock lock) {
        this.dir = dir;
        this.channel = channel;
        this.lock = lock;
    }

    public Path dir() {
        return dir;
    }

    /**
     * Opens {@code dir} for a new run: refuses a folder that already holds a run's files (saying which run
     * and how to continue it) unless {@code overwrite}, which deletes those files first.
     */
    public static RunFolder forNewRun(Path dir, boolean overwrite) {
        RunFolder folder = lock(dir);
        try {
            List<Path> existing = runFiles(dir);
            if (!existing.isEmpty()) {
                if (!overwrite) {
                    Optional<Path> readable = readableCheckpoint(dir);
                    throw new RunFolderException(dir + " already holds " + describeRun(dir) + ". "
                            + readable.map(p -> "Continue it with --resume " + p + ", choose").orElse("Choose")
                            + " another output folder, or give --overwrite to replace it");
                }
                for (Path p : existing) {
                    Files.deleteIfExists(p);
                }
            }
            return folder;
        } catch (IOException e) {
            folder.close();
            throw new RunFolderException("cannot prepare " + dir + ": " + IoProblems.reason(e), e);
        } catch (RuntimeException e) {
            folder.close();
            throw e;
        }
    }

    /**
     * Opens {@code dir} to continue {@code checkpoint} (read from {@code source}). The folder may be the
     * checkpoint's own run folder, or an empty one; a folder holding a different run is refused. When the run
     * continues from a file other than this folder's {@code last.ckpt} (e.g. {@code previous.ckpt} after
     * {@code last.ckpt} was damaged), that {@code last.ckpt} is renamed aside first, so the rotation that
     * follows can never copy it over the checkpoint being resumed from. The CSV logs are cut back to the
     * checkpoint's step.
     */
    public static RunFolder forResume(Path dir, Path source, TrainingCheckpoint checkpoint) {
        RunFolder folder = lock(dir);
        try {
            Path last = dir.resolve(LAST);
            boolean lastIsSource = Files.exists(last) && (source == null || Files.isSameFile(last, source));
            Optional<TrainingCheckpoint> there = lastIsSource ? Optional.empty() : tryLoad(last);
            Optional<TrainingCheckpoint> previous = tryLoad(dir.resolve(PREVIOUS));
            for (Optional<TrainingCheckpoint> other : List.of(there, previous)) {
                if (other.isPresent() && !sameRun(other.get(), checkpoint)) {
                    throw new RunFolderException(dir + " holds another run (" + describe(other.get())
                            + "); continue " + source + " in its own folder or in an empty one");
                }
            }
            // logs the checkpoint cannot vouch for (a branch left behind, or no checkpoint of the folder's own
            // to say whose they are) are kept as a copy before they are cut
            boolean confirmed = lastIsSource || there.isPresent() || previous.isPresent();
            if (Files.exists(last) && !lastIsSource || !confirmed && !runFiles(dir).isEmpty()) {
                long upTo = there.map(TrainingCheckpoint::step).orElse(-1L);
                folder.notes.addAll(RunLog.copyAside(dir, upTo >= 0 ? "-step" + upTo : "-before-resume"));
            }
            folder.notes.addAll(RunLog.truncate(dir, checkpoint.step(), checkpoint.epoch(),
                    Estimators.objectiveColumn(checkpoint.options().spec())));
            if (Files.exists(last) && !lastIsSource) { // after the cut: a failed cut leaves last.ckpt in place
                Path aside = freeName(dir, there.isPresent() ? "last-step" + there.get().step() + ".ckpt" : LAST + ".damaged");
                Files.move(last, aside);
                folder.notes.add("moved " + last.getFileName() + (there.isPresent() ? "" : " (damaged)")
                        + " aside to " + aside.getFileName() + " so that it replaces nothing");
            }
            return folder;
        } catch (IOException e) {
            folder.close();
            throw new RunFolderException("cannot prepare " + dir + " for the resumed run: " + IoProblems.reason(e), e);
        } catch (RuntimeException e) {
            folder.close();
            throw e;
        }
    }

    private final List<String> notes = new ArrayList<>();

    /**
     * Makes previous.ckpt the current last.ckpt if that reads back whole: a hard link under a temp name renamed
     * atomically over previous.ckpt (no copy: last.ckpt's bytes are already on disk, and the next checkpoint replaces
     * last.ckpt by a rename, never in place, so previous.ckpt keeps them), or a copy forced to disk where the file
     * system has no hard links. A damaged last.ckpt never replaces a good previous.ckpt — it is renamed aside to
     * last.ckpt.damaged instead, and a warning saying so is returned.
     */
    public Optional<String> keepLastAsPrevious() throws IOException {
        Path last = dir.resolve(LAST);
        if (!Files.exists(last)) {
            return Optional.empty();
        }
        if (tryLoad(last).isEmpty()) {
            Path aside = freeName(dir, LAST + ".damaged");
            Files.move(last, aside);
            return Optional.of(last + " no longer reads back; moved it to " + aside + " (previous.ckpt is kept)");
        }
        Path copy = Files.createTempFile(dir, PREVIOUS, ".tmp");
        try {
            if (!linked(last, copy)) {
                Files.copy(last, copy, StandardCopyOption.REPLACE_EXISTING);
                try (FileChannel c = FileChannel.open(copy, StandardOpenOption.WRITE)) {
                    c.force(true); // on disk before the rename, like every checkpoint
                }
            }
            Files.move(copy, dir.resolve(PREVIOUS), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(copy);
        }
        return Optional.empty();
    }

    /** Replaces {@code name} (an empty temp file) by a hard link to {@code target}; false where links are not supported. */
    private static boolean linked(Path target, Path name) {
        try {
            Files.delete(name);
            Files.createLink(name, target);
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false; // e.g. FAT or some network shares: the caller copies instead (name may be gone: copy recreates it)
        }
    }

    /** What opening the folder changed (files moved aside), for the user to read. */
    public List<String> notes() {
        return List.copyOf(notes);
    }

    /**
     * A new, empty folder under {@code parent} named {@code prefix} + date-time, with {@code -2}, {@code -3}, …
     * appended when another run took that name in the same second (created atomically, so two runs never share it).
     */
    public static Path createUnique(Path parent, String prefix) {
        String base = prefix + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        try {
            Files.createDirectories(parent);
            for (int i = 1; ; i++) {
                Path candidate = parent.resolve(i == 1 ? base : base + "-" + i);
                try {
                    return Files.createDirectory(candidate);
                } catch (FileAlreadyExistsException taken) {
                    // another run started this second: try the next suffix
                }
            }
        } catch (IOException e) {
            throw new RunFolderException("cannot create a run folder under " + parent + ": " + IoProblems.reason(e), e);
        }
    }

    /** Deletes {@code dir} if it holds nothing but a lock file (a run that never started in a folder made for it). */
    public static void removeIfUnused(Path dir) {
        try (var files = Files.list(dir)) {
            if (files.allMatch(f -> f.getFileName().toString().equals(LOCK))) {
                Files.deleteIfExists(dir.resolve(LOCK));
                Files.deleteIfExists(dir);
            }
        } catch (IOException ignored) {
            // nothing lost: an empty folder stays behind
        }
    }

    /** Releases the lock (the lock file stays: deleting it would let two processes lock different files). */
    @Override
    public void close() {
        try {
            if (lock.isValid()) {
                lock.release();
            }
            channel.close();
        } catch (IOException ignored) {
            // the OS releases the lock when the channel or process goes away
        }
    }

    /**
     * Who holds {@code dir}'s lock ("process 1234"), or empty when no run does (no lock file, or its lock is free).
     * Takes the lock for an instant to find out, so only a process about to start a run in {@code dir} should ask:
     * e.g. a sweep whose earlier attempt at a job left a training that is still stopping.
     */
    public static Optional<String> holder(Path dir) {
        Path file = dir.resolve(LOCK);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException sameProcess) {
                return Optional.of(readHolder(channel));
            }
            if (lock == null) {
                return Optional.of(readHolder(channel));
            }
            lock.release();
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // unreadable: the training's own lock attempt will say why
        }
    }

    // ------------------------------------------------------------------ helpers

    private static RunFolder lock(Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new RunFolderException(dir + " is a file, not a folder; choose another output folder");
        }
        FileChannel channel = null;
        try {
            Files.createDirectories(dir);
            channel = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException sameProcess) {
                lock = null;
            }
            if (lock == null) {
                String holder = readHolder(channel);
                channel.close();
                throw new RunFolderException(dir + " is in use by another training run (" + holder
                        + "); wait for it to end, stop it, or choose another output folder");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(false);
            RunFolder folder = new RunFolder(dir, channel, lock);
            folder.removeStaleTempFiles();
            return folder;
        } catch (IOException e) {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // already failing
                }
            }
            throw new RunFolderException("cannot use " + dir + " as a run folder: " + IoProblems.reason(e), e);
        }
    }

    private static String readHolder(FileChannel channel) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(64);
        channel.read(buf, 0);
        String text = new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8).trim();
        if (text.startsWith("pid ")) {
            String pid = text.substring(4).trim();
            return pid.equals(Long.toString(ProcessHandle.current().pid())) ? "this process, pid " + pid : "process " + pid;
        }
        return "another process";
    }

    /** Temp files of a save that a killed process never renamed ({@code last.ckpt1234.tmp}); safe to delete under the lock. */
    private void removeStaleTempFiles() throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.ckpt*.tmp")) {
            for (Path p : files) {
                Files.deleteIfExists(p);
                notes.add("removed " + p.getFileName() + ", left by an interrupted save");
            }
        }
        RunLog.removeStaleTempFiles(dir);
    }

    private static List<Path> runFiles(Path dir) {
        List<Path> out = new ArrayList<>();
        for (String name : RUN_FILES) {
            if (Files.isRegularFile(dir.resolve(name))) {
                out.add(dir.resolve(name));
            }
        }
        return out;
    }

    /** The folder's checkpoint that reads back (last.ckpt, else previous.ckpt), if any. */
    static Optional<Path> readableCheckpoint(Path dir) {
        return java.util.stream.Stream.of(LAST, PREVIOUS).map(dir::resolve).filter(p -> tryLoad(p).isPresent()).findFirst();
    }

    /** "a run of 200H~784V binary at step 1,500 (3 of 100 epochs)", or what files are there. */
    static String describeRun(Path dir) {
        for (String name : List.of(LAST, PREVIOUS)) {
            Optional<TrainingCheckpoint> cp = tryLoad(dir.resolve(name));
            if (cp.isPresent()) {
                return describe(cp.get()) + " (" + name + ")";
            }
        }
        return "a run's files (" + String.join(", ", runFiles(dir).stream().map(p -> p.getFileName().toString()).toList())
                + ") without a readable checkpoint";
    }

    private static String describe(TrainingCheckpoint cp) {
        return String.format(Locale.ROOT, "a run of %s at step %,d, %d of %d epochs", cp.options().spec().describe(),
                cp.step(), cp.epoch(), cp.options().epochs());
    }

    private static Optional<TrainingCheckpoint> tryLoad(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Checkpoints.load(file));
        } catch (RuntimeException damaged) {
            return Optional.empty();
        }
    }

    /** Two checkpoints of one run: same model, data order and noise (the step may differ). */
    private static boolean sameRun(TrainingCheckpoint a, TrainingCheckpoint b) {
        TrainingOptions x = a.options();
        TrainingOptions y = b.options();
        return x.spec().withLearningRate(1).equals(y.spec().withLearningRate(1)) && x.binarization() == y.binarization()
                && x.finalTemperatureFactor() == y.finalTemperatureFactor() && x.klWarmupSteps() == y.klWarmupSteps() && x.seed() == y.seed() && x.batchSize() == y.batchSize() && x.trainLimit() == y.trainLimit();
    }

    private static Path freeName(Path dir, String name) {
        Path p = dir.resolve(name);
        for (int i = 2; Files.exists(p); i++) {
            p = dir.resolve(name + "." + i);
        }
        return p;
    }
}

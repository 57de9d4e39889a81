package org.concretelab.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.concretelab.model.ModelState;
import org.concretelab.model.VaeModel;
import org.concretelab.model.estimator.Estimators;

/**
 * What a {@link Trainer} writes: its run folder (held, may be absent), the CSV logs in it, its checkpoints (last.ckpt
 * rotated to previous.ckpt) and the last one known to be good, which a failure's advice points at.
 * Used by the training thread only, except {@link #writeCheckpoint} and {@link #copyLogsBeside}, which callers reach
 * between two steps.
 */
final class RunFiles {
    private final RunFolder folder;
    private final TrainingOptions options;
    private final VaeModel model;
    /** The run's current position, taken when a checkpoint is written. */
    private final Supplier<TrainingCheckpoint> current;
    private final Consumer<TrainingEvent> publish;
    private RunLog log;
    private Path lastGood;
    private long lastGoodStep = -1;

    /**
     * {@code folder} may be null (no output); {@code source}: the checkpoint a resumed run came from, the last good one
     * until this run writes its own; {@code step}: the step the run starts at.
     */
    RunFiles(RunFolder folder, TrainingOptions options, Path source, long step, VaeModel model,
             Supplier<TrainingCheckpoint> current, Consumer<TrainingEvent> publish) {
        this.folder = folder;
        this.options = options;
        this.model = model;
        this.current = current;
        this.publish = publish;
        if (folder != null && Files.exists(folder.dir().resolve(RunFolder.LAST))) {
            lastGood = folder.dir().resolve(RunFolder.LAST); // what a failure before our first save points at
            lastGoodStep = step;
        } else if (source != null && Files.isRegularFile(source)) {
            lastGood = source; // e.g. previous.ckpt, its last.ckpt moved aside: still the way back
            lastGoodStep = step;
        }
    }

    boolean hasFolder() {
        return folder != null;
    }

    /** What opening the run folder changed (temp files removed, a file moved aside), for the user to read. */
    List<String> folderNotes() {
        return folder == null ? List.of() : folder.notes();
    }

    /** The last checkpoint known to be good (written by this run or found in its folder), or null. */
    Path lastGood() {
        return lastGood;
    }

    long lastGoodStep() {
        return lastGoodStep;
    }

    void release() {
        if (folder != null) {
            folder.close();
        }
    }

    // ------------------------------------------------------------------ checkpoints

    /** Keeps the current last.ckpt as previous.ckpt (see {@link RunFolder#keepLastAsPrevious}), then writes the new one. */
    void rotateAndSave() {
        if (folder == null) {
            return;
        }
        try {
            folder.keepLastAsPrevious().ifPresent(w -> System.err.println("warning: " + w));
        } catch (IOException e) {
            throw new RunWriteException(folder.dir().resolve(RunFolder.PREVIOUS), e);
        }
        writeCheckpoint(folder.dir().resolve(RunFolder.LAST));
    }

    /** A stop writes last.ckpt only when it would hold a step the existing one does not. */
    void rotateAndSaveIfMoved(long step) {
        if (lastGoodStep != step || lastGood == null || !lastGood.equals(folder.dir().resolve(RunFolder.LAST))) {
            rotateAndSave();
        }
    }

    /** Writes last.ckpt in the run folder (a finished run that never saved one). */
    void writeLast() {
        writeCheckpoint(folder.dir().resolve(RunFolder.LAST));
    }

    void writeCheckpoint(Path file) {
        if (!parametersFinite(model)) {
            throw new CheckpointException("refusing to write " + file + ": the model's parameters are not finite");
        }
        flushLogs(); // the logs on disk reach the checkpoint's step: a resume from it cuts, never leaves a gap
        TrainingCheckpoint checkpoint = current.get();
        Checkpoints.save(file, checkpoint);
        lastGood = file;
        lastGoodStep = checkpoint.step();
        publish.accept(new TrainingEvent.CheckpointSaved(checkpoint.step(), file));
    }

    /**
     * A checkpoint saved outside the run folder takes the run's curves up to its step along, as
     * {@code <name>.training.csv} and {@code <name>.epochs.csv} beside it, so that loading it shows its own curves.
     */
    void copyLogsBeside(Path file, long step, int epoch) {
        Path parent = file.toAbsolutePath().getParent();
        if (folder == null || parent == null || parent.equals(folder.dir().toAbsolutePath())) {
            return;
        }
        try {
            RunLog.copyBeside(folder.dir(), file, step, epoch, Estimators.objectiveColumn(options.spec()));
        } catch (IOException e) {
            throw new CheckpointException("saved " + file + ", but could not write its curves beside it: " + IoProblems.reason(e));
        }
    }

    static boolean parametersFinite(VaeModel model) {
        for (ModelState.NamedArray a : model.state().arrays().values()) {
            for (float v : a.values()) {
                if (!Float.isFinite(v)) {
                    return false;
                }
            }
        }
        return true;
    }

    // ------------------------------------------------------------------ CSV logs

    void openLogs() {
        if (folder == null) {
            return;
        }
        try {
            log = RunLog.open(folder.dir(), Estimators.objectiveColumn(options.spec()), RunLog.runHeader(options));
        } catch (IOException e) {
            throw new RunWriteException(folder.dir().resolve(RunLog.STEPS), e);
        }
    }

    void logStep(long step, int epoch, double objective, double runningMean, double examplesPerSecond) {
        if (log == null) {
            return;
        }
        try {
            // epochs count from 1 in both logs and on screen: a step of epoch 1 is followed by row "1" of epochs.csv
            log.step(step, epoch, objective, runningMean, examplesPerSecond);
        } catch (IOException e) {
            throw new RunWriteException(folder.dir().resolve(RunLog.STEPS), e);
        }
    }

    void logEpoch(TrainingEvent.Epoch e) {
        if (log == null) {
            return;
        }
        try {
            log.epoch(e);
        } catch (IOException ex) {
            throw new RunWriteException(folder.dir().resolve(RunLog.EPOCHS), ex);
        }
    }

    void flushLogs() {
        if (log != null) {
            try {
                log.flush();
            } catch (IOException ignored) {
                // the next write reports it
            }
        }
    }

    void closeLogs() {
        if (log != null) {
            try {
                log.close();
            } catch (IOException ignored) {
                // nothing left to save
            }
        }
    }
}

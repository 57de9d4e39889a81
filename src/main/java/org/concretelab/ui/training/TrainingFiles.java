package org.concretelab.ui.training;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.concretelab.train.CheckpointException;
import org.concretelab.train.RunLog;
import org.concretelab.train.Trainer;

/**
 * The Training tab's files: checkpoints saved and loaded in the background, the curves exported as CSV, and the
 * folders and recent files that go with them. Results and problems come back on the {@code ui} executor.
 */
final class TrainingFiles {
    private final Executor background;
    private final Executor ui;
    private final TrainingMemory memory;
    private final TrainingCharts charts;
    private final Supplier<TrainingViewModel.Feedback> feedback;

    TrainingFiles(Executor background, Executor ui, TrainingMemory memory, TrainingCharts charts,
                  Supplier<TrainingViewModel.Feedback> feedback) {
        this.background = background;
        this.ui = ui;
        this.memory = memory;
        this.charts = charts;
        this.feedback = feedback;
    }

    /** Writes a checkpoint of {@code t}'s current model to {@code file} in the background. */
    void save(Trainer t, Path file) {
        memory.rememberCheckpointFolder(file);
        background.execute(() -> {
            try {
                t.saveCheckpoint(file);
                ui.execute(() -> {
                    memory.addRecent(file);
                    boolean beside = Files.isRegularFile(RunLog.stepsBeside(file));
                    feedback.get().info("Checkpoint saved: " + file + (beside ? " (its curves beside it: "
                            + RunLog.stepsBeside(file).getFileName() + ", " + RunLog.epochsBeside(file).getFileName() + ")" : ""));
                });
            } catch (CheckpointException e) {
                ui.execute(() -> feedback.get().error(e.getMessage(), "choose another folder"));
            }
        });
    }

    /** Reads {@code file} in the background and hands it to {@code loaded} on the ui executor; a problem is told. */
    void load(Path file, Consumer<TrainingJobs.Loaded> loaded) {
        memory.rememberCheckpointFolder(file);
        background.execute(() -> {
            try {
                TrainingJobs.Loaded read = TrainingJobs.read(file);
                ui.execute(() -> {
                    loaded.accept(read);
                    memory.addRecent(file);
                });
            } catch (CheckpointException | IllegalArgumentException e) {
                ui.execute(() -> feedback.get().error("Cannot load " + file.getFileName() + ": " + e.getMessage(),
                        "pick a checkpoint written by Concrete Explorer (e.g. runs/<run>/last.ckpt)"));
            } catch (RuntimeException e) { // anything else must still reach the user, not die with the task
                ui.execute(() -> feedback.get().error("Cannot load " + file.getFileName() + ": " + e,
                        "pick another checkpoint; if this one should load, please report it"));
            }
        });
    }

    /** Writes the plotted curves (every step, not only the drawn ones) and the epochs' rows as CSV. */
    void exportCsv(Path file) {
        memory.rememberExportFolder(file);
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            charts.writeCsv(w); // the run log's own columns (RunLog's schema): the step curve, then the epochs' table
            feedback.get().info("Curves exported to " + file);
        } catch (IOException e) {
            feedback.get().error("Cannot write " + file + ": " + e.getMessage(), "choose another folder");
        }
    }

    /** The view wrote (or failed to write) the charts' image to {@code file}. */
    void exportedPng(Path file, IOException problem) {
        memory.rememberExportFolder(file);
        if (problem == null) {
            feedback.get().info("Charts exported to " + file);
        } else {
            feedback.get().error("Cannot write " + file + ": " + problem.getMessage(), "choose another folder");
        }
    }
}

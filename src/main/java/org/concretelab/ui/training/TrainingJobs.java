package org.concretelab.ui.training;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.concretelab.data.DataFileException;
import org.concretelab.model.VaeModel;
import org.concretelab.model.VaeModels;
import org.concretelab.train.Checkpoints;
import org.concretelab.train.RunFolder;
import org.concretelab.train.RunFolderException;
import org.concretelab.train.RunLog;
import org.concretelab.train.Trainer;
import org.concretelab.train.TrainingCheckpoint;
import org.concretelab.train.TrainingOptions;
import org.concretelab.ui.AppContext;

/**
 * The Training tab's work off the FX thread: preparing a new or continued run (data, run folder, trainer) and reading
 * a checkpoint with its curves; and, when a start fails, what to tell the user.
 */
final class TrainingJobs {
    /** Steps of a run's logs kept for the charts. */
    private static final int LOG_POINTS = 20_000;

    /** A prepared run and the curves of its folder (null: none). */
    record Started(Trainer trainer, RunLog.History logs) {
    }

    /** A checkpoint read from {@code file}, its model restored, and the curves saved with it (null: none). */
    record Loaded(Path file, TrainingCheckpoint checkpoint, VaeModel model, RunLog.History logs) {
    }

    /** A problem and what to do about it (null: the problem says). */
    record Problem(String what, String todo) {
    }

    private final AppContext context;

    TrainingJobs(AppContext context) {
        this.context = context;
    }

    /** A new run of {@code o} in a fresh folder under {@code runs}, prepared in the background. */
    CompletableFuture<Trainer> newRun(TrainingOptions o, Path runs) {
        return context.data(o.dataset()).thenApplyAsync(data -> {
            Path dir = RunFolder.createUnique(runs, "app-");
            try {
                return new Trainer(o.withOutput(dir, o.epochs()), data);
            } catch (RuntimeException e) {
                RunFolder.removeIfUnused(dir);
                throw e;
            }
        }, context.background());
    }

    /** {@code cp} (read from {@code source}) resumed with {@code options}, prepared in the background. */
    CompletableFuture<Started> continued(TrainingOptions options, TrainingCheckpoint cp, Path source) {
        return context.data(cp.options().dataset()).thenApplyAsync(data -> {
            Trainer t = Trainer.resume(options, cp, source, data);
            // the folder's logs were just cut back to the checkpoint: plot those, not what was loaded before
            return new Started(t, RunLog.read(options.outputDir(), LOG_POINTS));
        }, context.background());
    }

    /** Reads {@code file} (call in the background). */
    static Loaded read(Path file) {
        TrainingCheckpoint cp = Checkpoints.load(file);
        return new Loaded(file, cp, VaeModels.restore(cp.model()), RunLog.readFor(file, LOG_POINTS));
    }

    /** Why a run could not start ({@code what}: e.g. "Cannot start training"): the data, the run folder, the options, or a bug. */
    Problem cannotStart(Throwable e, String what) {
        Throwable cause = e;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof DataFileException) {
            return new Problem(what + ": data unavailable: " + cause.getMessage(), "check the data folder named above"
                    + " (`java -jar target/concrete-explorer.jar data --dataset NAME`), then restart");
        } else if (cause instanceof RunFolderException) {
            return new Problem(what + ": " + cause.getMessage(), null); // the message says what to do
        } else if (cause instanceof IllegalArgumentException) {
            return new Problem(what + ": invalid options: " + cause.getMessage(), "correct them in the form");
        }
        return new Problem(what + ": " + cause, "please report it");
    }
}

package org.concretelab.ui.training;

import java.nio.file.Path;
import java.util.Locale;
import org.concretelab.model.ModelSpec;
import org.concretelab.train.TrainerState;
import org.concretelab.train.TrainingEvent;

/**
 * The words of the Training tab's progress row for one run: the line beside the bar (step, objective, speed, ETA;
 * "validating… n/N" while an epoch is scored), the bar's own label ("epoch 3/10 · 70 %") and what the run ended
 * with (its last validation NLL beside the paper's figure for its configuration), so that nothing of a running run
 * stays on screen once it has ended.
 */
final class RunProgress {
    private final int epochs;
    private final String objective;
    private final Path folder;
    private TrainingEvent.Step lastStep;
    private TrainingEvent.Epoch lastEpoch;
    private final int validationSamples;
    /** The run's model (null if unknown), for the paper's figure beside its NLL. */
    private final ModelSpec spec;

    /** A run of {@code epochs} in all optimising {@code objective} (e.g. "relaxed bound"), writing to {@code folder}. */
    RunProgress(int epochs, String objective, int validationSamples, Path folder, ModelSpec spec) {
        this.epochs = epochs;
        this.spec = spec;
        this.objective = objective;
        this.validationSamples = validationSamples;
        this.folder = folder;
    }

    void step(TrainingEvent.Step s) {
        lastStep = s;
    }

    void epoch(TrainingEvent.Epoch e) {
        lastEpoch = e;
    }

    /** The line beside the bar after {@link #step}. */
    String stepLine() {
        TrainingEvent.Step s = lastStep;
        return String.format(Locale.ROOT, "step %,d · %s %.1f · %,.0f img/s · ETA %s", s.step(), objective, s.runningMean(),
                s.examplesPerSecond(), eta(s.etaSeconds()));
    }

    /** The bar's label: the epoch under way and how far through it. */
    String barLabel(int epoch, double fraction) {
        return String.format(Locale.ROOT, "epoch %d/%d · %.0f %%", epoch + 1, epochs, 100 * fraction);
    }

    /** The line while the validation of {@code v.epoch()} scores its images (no steps, so no ETA, meanwhile). */
    static String validatingLine(TrainingEvent.Validating v) {
        return String.format(Locale.ROOT, "validating epoch %d… %,d/%,d images", v.epoch() + 1, v.done(), v.total());
    }

    /** The bar's label while validating. */
    String validatingLabel(TrainingEvent.Validating v) {
        return String.format(Locale.ROOT, "epoch %d/%d · validating %.0f %%", v.epoch() + 1, epochs,
                v.total() == 0 ? 100.0 : 100.0 * v.done() / v.total());
    }

    /**
     * What the run ended with, for the banner and the progress line: where it stopped and its last validation's NLL
     * (the figure a run is judged by) beside the paper's test NLL for its configuration (or that the paper has none), or
     * that no epoch was validated.
     */
    String ended(TrainerState state) {
        long step = lastStep == null ? (lastEpoch == null ? 0 : lastEpoch.step()) : lastStep.step();
        String how = switch (state) {
            case FINISHED -> String.format(Locale.ROOT, "Run finished: %d epochs, %,d steps", epochs, step);
            case STOPPED -> String.format(Locale.ROOT, "Run stopped at step %,d", step);
            default -> String.format(Locale.ROOT, "Run ended (%s) at step %,d", state.name().toLowerCase(Locale.ROOT), step);
        };
        String score = lastEpoch == null || Double.isNaN(lastEpoch.validationNll())
                ? "; no epoch was validated, so no NLL"
                : String.format(Locale.ROOT, "; validation NLL %.2f nats (epoch %d, k = %d); %s", lastEpoch.validationNll(),
                lastEpoch.epoch() + 1, validationSamples, RunLabels.paperFigure(spec));
        return how + score + (folder == null ? "" : "; files in " + folder) + ".";
    }

    static String eta(double seconds) {
        if (!Double.isFinite(seconds)) {
            return "…";
        }
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60)
                : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
}

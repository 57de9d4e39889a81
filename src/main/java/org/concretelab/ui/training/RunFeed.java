package org.concretelab.ui.training;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.concretelab.train.Trainer;
import org.concretelab.train.TrainerState;
import org.concretelab.train.TrainingEvent;

/**
 * A running training's progress for the Training tab: the trainer's events are queued (on its thread) and moved by
 * {@link #flush()} (on the FX thread) into the charts, the state, the bar and its label, the speed and the progress
 * line (with the ETA), and the last checkpoint; warnings, failures and the run's end reach the user as feedback.
 */
final class RunFeed {
    private final TrainingCharts charts;
    private final Supplier<TrainingViewModel.Feedback> feedback;
    private final ConcurrentLinkedQueue<TrainingEvent> events = new ConcurrentLinkedQueue<>();
    private final ReadOnlyObjectWrapper<TrainerState> state = new ReadOnlyObjectWrapper<>(TrainerState.NEW);
    private final ReadOnlyDoubleWrapper examplesPerSecond = new ReadOnlyDoubleWrapper();
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper();
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper("Not started.");
    /** The bar's own label: which epoch it fills and how far ("epoch 3/10 · 70 %"); "" without a run. */
    private final ReadOnlyStringWrapper progressLabel = new ReadOnlyStringWrapper("");
    /** Where the run wrote its last checkpoint ("" before the first). */
    private final ReadOnlyStringWrapper lastCheckpoint = new ReadOnlyStringWrapper("");
    /** The words of the progress row for the run shown (null before one starts). */
    private RunProgress run;

    RunFeed(TrainingCharts charts, Supplier<TrainingViewModel.Feedback> feedback) {
        this.charts = charts;
        this.feedback = feedback;
    }

    /** Queues {@code t}'s events from now on; {@code words} describe its progress. */
    void follow(Trainer t, RunProgress words) {
        t.addListener(events::add);
        run = words;
        if (charts.lastEpoch() != null) {
            run.epoch(charts.lastEpoch()); // a continued run's last validation, until its next one
        }
        progressLabel.set("");
    }

    /** The run shown is no longer a live one (e.g. a checkpoint was loaded). */
    void forgetRun() {
        run = null;
    }

    void setState(TrainerState s) {
        state.set(s);
    }

    /** Replaces the progress line. */
    void say(String text) {
        progressText.set(text);
    }

    /** An empty bar without a label. */
    void clearBar() {
        progress.set(0);
        progressLabel.set("");
    }

    /** Epochs plotted from a run's logs: the live run's words take the last validation too. */
    void epochsShown(List<TrainingEvent.Epoch> epochs) {
        if (run != null) {
            epochs.forEach(run::epoch);
        }
    }

    /** Moves the queued trainer events into the data sets and the progress. */
    void flush() {
        if (events.isEmpty()) {
            return;
        }
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        List<Double> ms = new ArrayList<>();
        TrainingEvent.Step last = null;
        TrainingEvent.Validating validating = null;
        TrainingEvent.Failed failed = null;
        TrainerState ended = null;
        for (TrainingEvent e; (e = events.poll()) != null; ) {
            if (e instanceof TrainingEvent.Step s) {
                xs.add((double) s.step());
                ys.add(s.relaxedElbo());
                ms.add(s.runningMean());
                last = s;
                validating = null;
            } else if (e instanceof TrainingEvent.Validating v) {
                validating = v.done() < v.total() ? v : null;
            } else if (e instanceof TrainingEvent.Epoch ep) {
                if (run != null) {
                    run.epoch(ep);
                }
                charts.addEpoch(ep);
                validating = null;
            } else if (e instanceof TrainingEvent.StateChanged sc) {
                state.set(sc.state());
                ended = sc.state().isTerminal() ? sc.state() : null;
            } else if (e instanceof TrainingEvent.Failed f) {
                failed = f;
            } else if (e instanceof TrainingEvent.Warning w) {
                feedback.get().error("Warning at step " + String.format(Locale.ROOT, "%,d", w.step()) + ": " + w.message(), "");
            } else if (e instanceof TrainingEvent.CheckpointSaved cs) {
                lastCheckpoint.set(cs.path().toString());
            }
        }
        if (!xs.isEmpty()) {
            charts.addSteps(xs.stream().mapToDouble(Double::doubleValue).toArray(),
                    ys.stream().mapToDouble(Double::doubleValue).toArray(), ms.stream().mapToDouble(Double::doubleValue).toArray());
        }
        if (last != null && run != null) {
            run.step(last);
            progress.set(last.epochFraction());
            examplesPerSecond.set(last.examplesPerSecond());
            progressText.set(run.stepLine());
            progressLabel.set(run.barLabel(last.epoch(), last.epochFraction()));
        }
        if (validating != null && run != null) { // the ETA of the last step would sit at 0m00s meanwhile
            examplesPerSecond.set(0); // no image is trained while an epoch is scored: the last step's rate would be stale
            progress.set(validating.total() == 0 ? 1 : validating.done() / (double) validating.total());
            progressText.set(RunProgress.validatingLine(validating));
            progressLabel.set(run.validatingLabel(validating));
        }
        if (failed != null) {
            Path good = failed.lastGood();
            feedback.get().error("Training stopped at step " + failed.step() + ": " + failed.problem(), failed.advice()
                    + (good == null ? "" : ". In the app: Load checkpoint " + good + ", then Continue"));
            progressText.set(String.format(Locale.ROOT, "Stopped by a problem at step %,d (see the message above)", failed.step()));
            progressLabel.set("");
        } else if (ended != null && run != null) {
            // the ETA and "Training in …" belong to a running run: replace both with what the run ended with
            String summary = run.ended(ended);
            progressText.set(summary);
            progressLabel.set("");
            if (ended == TrainerState.FINISHED) {
                progress.set(1); // else it stays where the last validation flush left it, half full
            }
            examplesPerSecond.set(0);
            feedback.get().info(summary);
        }
    }

    ReadOnlyObjectProperty<TrainerState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    ReadOnlyDoubleProperty examplesPerSecondProperty() {
        return examplesPerSecond.getReadOnlyProperty();
    }

    ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    ReadOnlyStringProperty progressTextProperty() {
        return progressText.getReadOnlyProperty();
    }

    ReadOnlyStringProperty progressLabelProperty() {
        return progressLabel.getReadOnlyProperty();
    }

    ReadOnlyStringProperty lastCheckpointProperty() {
        return lastCheckpoint.getReadOnlyProperty();
    }
}

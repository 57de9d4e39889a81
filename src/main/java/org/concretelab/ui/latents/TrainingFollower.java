package org.concretelab.ui.latents;

import java.util.function.Supplier;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.util.Duration;
import org.concretelab.data.Dataset;
import org.concretelab.data.Datasets;
import org.concretelab.explore.LatentCode;
import org.concretelab.explore.Sensitivity;
import org.concretelab.model.ModelState;
import org.concretelab.model.VaeModel;
import org.concretelab.model.VaeModels;
import org.concretelab.model.task.Tasks;
import org.concretelab.train.Trainer;
import org.concretelab.train.TrainerState;
import org.concretelab.train.TrainingEvent;
import org.concretelab.ui.BackgroundWork;

/**
 * Following a running training for the Latents tab: every period (while a run is active and following is on) a
 * snapshot of the trainer's model is copied and the tab's code decoded with it, in the background; the tab then
 * shows the result ({@link Target#show}). A snapshot still under way is not queued twice; a paused run is not
 * copied again.
 */
final class TrainingFollower {
    /** What a tick decodes, read on the FX thread when it starts. */
    record Request(LatentCode code, float[] input, boolean sensitivity) {
    }

    /**
     * A snapshot and its decoding: {@code shown} is the input's code re-encoded by {@code model} (or the kept code),
     * {@code means} null when that code does not fit the model's layout.
     */
    record Snapshot(Request request, VaeModel model, Dataset dataset, long step, LatentCode shown, float[] means,
                    double[] sensitivity) {
    }

    /** The tab the follower feeds (called on the FX thread). */
    interface Target {
        Request request();

        VaeModel currentModel();

        void show(Snapshot s);

        /** "Refresh from training": a copy of the run's model, trained on {@code d}. */
        void refreshed(VaeModel copy, Dataset d);
    }

    private final BackgroundWork work;
    private final Target target;
    private final ObjectProperty<Trainer> trainer = new SimpleObjectProperty<>();
    private final ReadOnlyBooleanWrapper trainingActive = new ReadOnlyBooleanWrapper();
    private final BooleanProperty following = new SimpleBooleanProperty(true);
    private final ObjectProperty<Supplier<VaeModel>> trainingSource = new SimpleObjectProperty<>();
    private final ReadOnlyBooleanWrapper refreshing = new ReadOnlyBooleanWrapper();
    private final BooleanBinding canRefresh = Bindings.createBooleanBinding(
            () -> trainingSource.get() != null && !refreshing.get(), trainingSource, refreshing);
    /** Ticks of the timer so far: each one looked for a newer model (tests wait on it instead of sleeping). */
    private final ReadOnlyIntegerWrapper ticks = new ReadOnlyIntegerWrapper();
    private final Timeline timer;
    private boolean snapshotPending;
    private VaeModel followed;       // the last snapshot shown, of followedTrainer at followedStep
    private Trainer followedTrainer;
    private long followedStep = -1;

    TrainingFollower(BackgroundWork work, Duration period, Target target) {
        this.work = work;
        this.target = target;
        timer = new Timeline(new KeyFrame(period, e -> {
            ticks.set(ticks.get() + 1);
            followOnce();
        }));
        timer.setCycleCount(Timeline.INDEFINITE);
        trainer.addListener((o, old, t) -> watch(t));
        trainingActive.addListener((o, a, b) -> update());
        following.addListener((o, a, on) -> {
            update();
            if (on && trainingActive.get()) {
                followOnce(); // at once rather than after a period
            }
        });
    }

    private void watch(Trainer t) {
        trainingActive.set(t != null && isActive(t.state()));
        if (t != null) {
            t.addListener(e -> {
                if (e instanceof TrainingEvent.StateChanged s) {
                    Platform.runLater(() -> {
                        if (trainer.get() == t) {
                            boolean wasActive = trainingActive.get();
                            trainingActive.set(isActive(s.state()));
                            // the run's final model, not one up to a period old (a failed run's may be non-finite)
                            boolean ended = s.state() == TrainerState.STOPPED || s.state() == TrainerState.FINISHED;
                            if (wasActive && ended && following.get()) {
                                followOnce();
                            }
                        }
                    });
                }
            });
        }
    }

    private static boolean isActive(TrainerState s) {
        return s == TrainerState.RUNNING || s == TrainerState.PAUSED;
    }

    private void update() {
        if (following.get() && trainingActive.get()) {
            timer.play();
        } else {
            timer.stop();
        }
    }

    /**
     * Snapshots the trainer's model (at a step boundary: the trainer's model methods are synchronized) into
     * a copy of our own and decodes the request with it, all in the background; training only waits
     * for the copy of its arrays.
     */
    private void followOnce() {
        Trainer t = trainer.get();
        VaeModel current = target.currentModel();
        if (t == null || snapshotPending
                || (current != null && current == followed && t == followedTrainer && t.step() == followedStep)) {
            return; // nothing new to show (paused): spare the copy
        }
        snapshotPending = true;
        Request r = target.request();
        Supplier<Runnable> task = () -> {
            long stepBefore = t.step(); // read first: a step during the copy makes the next tick copy again
            if (Tasks.create(t.options().spec().task()).conditionalPrior()) {
                return () -> snapshotPending = false; // a completion run: nothing for this tab to follow
            }
            ModelState state = t.snapshot();
            VaeModel copy = VaeModels.restore(state);
            LatentCode shown = r.input() != null ? LatentCode.of(copy.latentLayout(), copy.encodeMode(r.input())) : r.code();
            float[] means = null;
            double[] s = null;
            if (shown != null && shown.layout().equals(copy.latentLayout())) {
                means = copy.decode(shown.values());
                s = r.sensitivity() ? Sensitivity.of(copy, shown, means) : null;
            }
            Snapshot snap = new Snapshot(r, copy, t.options().dataset(), state.step(), shown, means, s);
            return () -> {
                snapshotPending = false;
                if (!following.get() || trainer.get() != t) {
                    return;
                }
                target.show(snap);
                followed = copy;
                followedTrainer = t;
                followedStep = stepBefore;
            };
        };
        work.run(task, () -> snapshotPending = false);
    }

    /** Takes one copy of the run's model from the training source (at once, following or not). */
    void refresh() {
        Supplier<VaeModel> source = trainingSource.get();
        if (source == null || refreshing.get()) {
            return;
        }
        refreshing.set(true);
        Trainer t = trainer.get(); // the run whose model the source copies: its dataset is the copy's
        work.run(() -> {
            VaeModel copy = source.get();
            return () -> {
                refreshing.set(false);
                if (copy != null) {
                    target.refreshed(copy, t != null ? t.options().dataset() : Datasets.defaultDataset());
                }
            };
        }, () -> refreshing.set(false));
    }

    ObjectProperty<Supplier<VaeModel>> trainingSourceProperty() {
        return trainingSource;
    }

    BooleanBinding canRefreshProperty() {
        return canRefresh;
    }

    ObjectProperty<Trainer> trainerProperty() {
        return trainer;
    }

    ReadOnlyBooleanProperty trainingActiveProperty() {
        return trainingActive.getReadOnlyProperty();
    }

    BooleanProperty followingProperty() {
        return following;
    }

    ReadOnlyIntegerProperty ticksProperty() {
        return ticks.getReadOnlyProperty();
    }
}

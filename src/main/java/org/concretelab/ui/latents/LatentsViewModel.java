package org.concretelab.ui.latents;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.util.Duration;
import org.concretelab.data.Dataset;
import org.concretelab.data.Datasets;
import org.concretelab.explore.CodeSampler;
import org.concretelab.explore.Interpolation;
import org.concretelab.explore.LatentCode;
import org.concretelab.model.LatentLayout;
import org.concretelab.model.VaeModel;
import org.concretelab.train.Trainer;
import org.concretelab.ui.latents.StartingCode.Origin;
import org.concretelab.ui.BackgroundWork;

/**
 * The Latents tab's state and commands, without controls: the model, the current code and its decoding,
 * the sensitivity map and interpolation frames, and whether to follow a running training. Call it on the
 * FX thread; every model call runs on the given background executor and comes back with
 * {@link javafx.application.Platform#runLater}, so the FX thread never does tensor math.
 */
public final class LatentsViewModel {
    /** How often a followed training run is snapshotted and the current code re-decoded. */
    public static final Duration FOLLOW_PERIOD = Duration.seconds(3);
    private static final int INTERPOLATION_FRAMES = 10;

    final BackgroundWork work; // FlipsViewModel queues its ranking here too: one queue, in order
    private final ReadOnlyObjectWrapper<VaeModel> model = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Dataset> dataset = new ReadOnlyObjectWrapper<>(); // the model's: whose images
    private final ReadOnlyObjectWrapper<LatentLayout> layout = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<LatentCode> code = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<float[]> decoded = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<double[]> sensitivity = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<List<Interpolation.Frame>> interpolation = new ReadOnlyObjectWrapper<>(List.of());
    private final BooleanProperty sensitivityShown = new SimpleBooleanProperty();
    private final BooleanProperty interpolateNext = new SimpleBooleanProperty();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("No model loaded yet.");
    private final TrainingFollower follower;
    private final LatestDecode decoder;
    private final StartingCode start = new StartingCode();
    /** Which model decoded the image shown ("" before the first decode): input, code and image are that model's. */
    private final ReadOnlyStringWrapper decodedBy = new ReadOnlyStringWrapper("");
    private long sampleSeed = 1;
    /** Counts the starting codes asked for (encode, prior sample, a code set): a late answer to an older one is dropped. */
    private long choice;

    /** {@code background} must run its tasks one at a time, in order (AppContext.background() does). */
    public LatentsViewModel(Executor background) {
        this(background, FOLLOW_PERIOD);
    }

    /** As above, following a training run every {@code followPeriod} (tests take a short one). */
    LatentsViewModel(Executor background, Duration followPeriod) {
        this.work = new BackgroundWork(background, status::set);
        decoder = new LatestDecode(work, (name, means, s) -> {
            decodedBy.set(name);
            decoded.set(means);
            sensitivity.set(sensitivityShown.get() ? s : null);
        });
        follower = new TrainingFollower(work, followPeriod, new TrainingFollower.Target() {
            @Override
            public TrainingFollower.Request request() {
                // an unedited encoding follows the model: the snapshot encodes the input afresh (else the input is one
                // model's and the code another's, decoded by a third)
                return new TrainingFollower.Request(code.get(), start.origin() == Origin.ENCODED ? start.input() : null,
                        sensitivityShown.get());
            }

            @Override
            public VaeModel currentModel() {
                return model.get();
            }

            @Override
            public void show(TrainingFollower.Snapshot s) {
                showSnapshot(s);
            }

            @Override
            public void refreshed(VaeModel copy, Dataset d) {
                showRefreshed(copy, d);
            }
        });
        sensitivityShown.addListener((o, a, on) -> {
            if (on) {
                requestDecode();
            } else {
                sensitivity.set(null);
            }
        });
    }

    // ------------------------------------------------------------------ model

    /** Shows {@code m} (any layout, trained on MNIST), starting from the last encoded digit (or the first test digit). */
    public void setModel(VaeModel m) {
        setModel(m, m == null ? "" : m.spec().describe());
    }

    /** As {@link #setModel(VaeModel)}, named {@code name} under the decoded image (e.g. "… (shipped model)"). */
    public void setModel(VaeModel m, String name) {
        setModel(m, name, Datasets.defaultDataset());
    }

    /**
     * As {@link #setModel(VaeModel, String)} for a model trained on {@code trainedOn}: another dataset's model starts
     * afresh (its input and digits are the old dataset's) and {@link #datasetProperty()} asks for its images.
     */
    public void setModel(VaeModel m, String name, Dataset trainedOn) {
        applyModel(m, name, trainedOn, false);
    }

    /**
     * Switches to {@code m}, trained on {@code trainedOn}, named {@code name} under the image; with {@code keepCode} a
     * code of the same layout stays as it is and is only decoded again (no re-encode of the last digit may overwrite it
     * later). The input, the code and the image stay one model's: an unedited encoding is encoded afresh by {@code m};
     * an edited code kept by {@code keepCode} loses its input; another dataset's model keeps neither.
     */
    private void applyModel(VaeModel m, String name, Dataset trainedOn, boolean keepCode) {
        if (m != null && org.concretelab.model.task.Tasks.create(m.spec().task()).conditionalPrior()) {
            status.set(m.spec().describe() + " completes bottom halves: see the Complete tab"); // no encoder to explore
            return;
        }
        LatentCode kept = code.get();
        if (m != null && trainedOn != dataset.get()) {
            // another dataset's model: the input and digits are the old one's, never encoded or shown beside its code
            keepCode = false;
            start.otherDataset(trainedOn);
        }
        model.set(m);
        if (m != null) {
            dataset.set(trainedOn);
        }
        decoder.use(m, name);
        interpolation.set(List.of());
        if (m == null) {
            return;
        }
        LatentLayout l = m.latentLayout();
        layout.set(l);
        status.set(m.spec().describe() + ": " + l.discreteUnits() + " discrete latents"
                + (l.gaussianUnits() > 0 ? " + " + l.gaussianUnits() + " Gaussian" : ""));
        boolean sameLayout = kept != null && kept.layout().equals(l);
        Origin origin = start.origin();
        if (keepCode && sameLayout && origin == Origin.ENCODED && start.input() != null) {
            encode(start.input()); // the old model's code of this input is not the new one's
        } else if (keepCode && sameLayout) {
            if (origin == Origin.EDITED) {
                start.dropInput();
                status.set(status.get() + "; the input was cleared: its code, edited, is now decoded by this model");
            }
            showCode(kept, start.origin(), true); // the same layout: its undo steps still apply
        } else {
            code.set(LatentCode.cleared(l));
            showStartingCode();
        }
    }

    /** MNIST test digits (784 intensities each); the first is shown until something is encoded. */
    public void setDigits(List<float[]> digits) {
        setDigits(Datasets.defaultDataset(), digits);
    }

    /** Test images of {@code d}: used while the model shown is {@code d}'s (or the next one of {@code d}). */
    public void setDigits(Dataset d, List<float[]> digits) {
        start.setDigits(d, digits);
        if (model.get() != null && d == dataset.get() && start.input() == null && start.hasFirstDigit()) {
            showStartingCode(); // the model came first and shows a prior sample: replace it with a digit
        }
    }

    /** A real digit and its reconstruction say more on first sight than a prior sample; the prior if no digits yet. */
    private void showStartingCode() {
        float[] digit = start.startingDigit(dataset.get());
        if (digit != null) {
            encode(digit);
        } else {
            samplePrior();
        }
    }

    // ------------------------------------------------------------------ commands

    /** Replaces the whole code and decodes it; it is no input's code, so no input is shown. */
    public void setCode(LatentCode newCode) {
        choice++;
        showCode(newCode, Origin.FREE);
    }

    private void showCode(LatentCode newCode, Origin from) {
        showCode(newCode, from, false);
    }

    /** Shows {@code newCode}, from {@code from}, and decodes it; unless a {@code step} (edit, undo, redo) a new start. */
    private void showCode(LatentCode newCode, Origin from, boolean step) {
        if (layout.get() == null || !newCode.layout().equals(layout.get())) {
            throw new IllegalArgumentException("code of layout " + newCode.layout() + " for a model of " + layout.get());
        }
        start.started(newCode, from, step);
        code.set(newCode);
        requestDecode();
    }

    /** The user changed part of the code (undoably): an encoding becomes an edited one, until it is set back. */
    void edit(LatentCode newCode) {
        if (!newCode.equals(code.get())) {
            start.history().record(code.get());
        }
        step(newCode);
    }

    /** Shows {@code c}, reached by an edit, undo or redo: the encoding again when it equals it. */
    void step(LatentCode c) {
        if (c != null) {
            showCode(c, start.originOfStep(c), true);
        }
    }

    /** The edits of the current starting code ({@link FlipsViewModel} undoes and redoes them). */
    CodeHistory history() {
        return start.history();
    }

    /** The shown input's code while it has been edited (else null): what "Reset to the encoding" returns to. */
    LatentCode editedEncoding() {
        return start.editedEncoding();
    }

    /** A discrete slot's toggle was switched (binary: the unit's value; categorical: that class chosen; corners: that bit). */
    public void setSlot(int slot, boolean on) {
        if (code.get() != null) {
            edit(code.get().withSlot(slot, on));
        }
    }

    public void setGaussian(int g, double value) {
        if (code.get() != null) {
            edit(code.get().withGaussian(g, (float) value));
        }
    }

    /** Every binary latent 0, every categorical one in its first class. */
    public void clear() {
        if (layout.get() != null) {
            setCode(LatentCode.cleared(layout.get()));
        }
    }

    /** Every latent uniformly at random. */
    public void randomize() {
        if (layout.get() != null) {
            setCode(CodeSampler.uniform(layout.get(), sampleSeed++));
        }
    }

    /** A code drawn from the model's prior. */
    public void samplePrior() {
        VaeModel m = model.get();
        if (m != null) {
            long seed = sampleSeed++;
            long mine = ++choice;
            work.run(() -> {
                LatentCode c = CodeSampler.prior(m, seed);
                return () -> {
                    if (choice == mine) { // else a digit (or another code) was chosen meanwhile: it stays
                        setCodeIfCurrent(c, m, Origin.FREE);
                    }
                };
            });
        }
    }

    /** A test digit was clicked: encode it, or interpolate to it when that was asked for. */
    public void digitChosen(float[] image) {
        if (interpolateNext.get()) {
            interpolateTo(image);
        } else {
            encode(image);
        }
    }

    /** Takes the most probable code of {@code image} (a test digit or a prepared drawing). */
    public void encode(float[] image) {
        VaeModel m = model.get();
        if (m == null) {
            return;
        }
        start.choose(image);
        long mine = ++choice;
        work.run(() -> {
            LatentCode c = LatentCode.of(m.latentLayout(), m.encodeMode(image));
            return () -> {
                if (start.input() != image || choice != mine) {
                    return; // another input (or none) was chosen meanwhile
                }
                if (model.get() == m) {
                    setCodeIfCurrent(c, m, Origin.ENCODED);
                } else if (model.get() != null) {
                    encode(image); // a followed run's newer snapshot came meanwhile: the input is encoded by it
                }
            };
        });
    }

    /** Walks from the current code to {@code image}'s code one flip at a time. */
    public void interpolateTo(float[] image) {
        VaeModel m = model.get();
        LatentCode from = code.get();
        if (m == null || from == null) {
            return;
        }
        work.run(() -> {
            LatentCode to = LatentCode.of(m.latentLayout(), m.encodeMode(image));
            List<Interpolation.Frame> frames = Interpolation.between(m, from, to, INTERPOLATION_FRAMES);
            return () -> {
                interpolation.set(frames);
                interpolateNext.set(false);
            };
        });
    }

    /** Takes a copy of the model being trained (from the training source), keeping the current code. */
    public void refreshFromTraining() {
        follower.refresh();
    }

    /** The refreshed copy of the run's model (trained on {@code d}) replaces the shown one; the code stays. */
    private void showRefreshed(VaeModel copy, Dataset d) {
        String note = start.origin() == Origin.EDITED && start.input() != null ? "; the input was cleared: its code, edited, "
                + "is now decoded by this model" : "";
        applyModel(copy, copy.spec().describe() + " (from training)", d, true);
        status.set("Model refreshed from training: " + copy.spec().describe() + note);
    }

    // ------------------------------------------------------------------ following a training run

    /** A snapshot of the followed run, decoded in the background: shown unless the screen changed meanwhile. */
    private void showSnapshot(TrainingFollower.Snapshot snap) {
        TrainingFollower.Request r = snap.request();
        LatentCode c = r.code();
        float[] in = r.input();
        VaeModel copy = snap.model();
        LatentCode shown = snap.shown();
        float[] m = snap.means();
        String name = String.format(Locale.ROOT, "%s (training, step %,d)", copy.spec().describe(), snap.step());
        // nothing changed on screen meanwhile: the code (re-encoded or kept) was decoded already
        boolean unchanged = snap.dataset() == dataset.get() && c != null && c.equals(code.get()) && m != null
                && shown.layout().equals(layout.get())
                && (in == null ? start.origin() != Origin.ENCODED || start.input() == null
                        : start.input() == in && start.origin() == Origin.ENCODED);
        String note = "";
        if (unchanged) {
            model.set(copy);
            decoder.use(copy, name);
            if (start.origin() == Origin.EDITED && start.input() != null) {
                start.dropInput(); // its code, edited, now decoded by another model: the input no longer belongs
                note = "; the input was cleared: its edited code is now decoded by this snapshot";
            }
            if (in != null && !shown.equals(code.get())) { // the snapshot's encoding: a new starting point
                start.reEncoded(shown);
                code.set(shown);
            }
            decodedBy.set(name);
            decoded.set(m); // decoded already: shown without another trip to the background
            if (sensitivityShown.get() == r.sensitivity()) {
                sensitivity.set(snap.sensitivity());
            } else {
                requestDecode();
            }
        } else {
            applyModel(copy, name, snap.dataset(), true);
        }
        status.set(String.format(Locale.ROOT, "Following training: %s, step %,d%s", copy.spec().describe(), snap.step(), note));
    }

    // ------------------------------------------------------------------ background work

    /** Decodes the current code in the background (see {@link LatestDecode}). */
    private void requestDecode() {
        if (model.get() != null && code.get() != null) {
            decoder.request(code.get(), sensitivityShown.get());
        }
    }

    /** A code {@code m} computed in the background, unless the model changed meanwhile (it is not the new one's code). */
    private void setCodeIfCurrent(LatentCode c, VaeModel m, Origin from) {
        if (model.get() == m && c.layout().equals(layout.get())) {
            showCode(c, from);
        }
    }

    // ------------------------------------------------------------------ state

    /** The model that decoded the image shown, by name ("" before the first decode). */
    public ReadOnlyStringProperty decodedByProperty() {
        return decodedBy.getReadOnlyProperty();
    }

    /** The input's caption ("Input", or that its code was edited since). */
    public ReadOnlyStringProperty inputCaptionProperty() {
        return start.captionProperty();
    }

    public ReadOnlyObjectProperty<VaeModel> modelProperty() {
        return model.getReadOnlyProperty();
    }

    /** The dataset the shown model was trained on (null before the first model): its test images are the ones to show. */
    public ReadOnlyObjectProperty<Dataset> datasetProperty() {
        return dataset.getReadOnlyProperty();
    }

    /** The current model's layout; changes only when a model of another layout comes. */
    public ReadOnlyObjectProperty<LatentLayout> layoutProperty() {
        return layout.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<LatentCode> codeProperty() {
        return code.getReadOnlyProperty();
    }

    /** The decoder's Bernoulli means (784) for the current code; null before the first decode. */
    public ReadOnlyObjectProperty<float[]> decodedProperty() {
        return decoded.getReadOnlyProperty();
    }

    /** The digit last encoded (null before). */
    public ReadOnlyObjectProperty<float[]> inputProperty() {
        return start.inputProperty();
    }

    /** Per discrete slot, how much flipping its unit changes the image; null while the map is off. */
    public ReadOnlyObjectProperty<double[]> sensitivityProperty() {
        return sensitivity.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<List<Interpolation.Frame>> interpolationProperty() {
        return interpolation.getReadOnlyProperty();
    }

    public BooleanProperty sensitivityShownProperty() {
        return sensitivityShown;
    }

    /** The next digit chosen is interpolated to rather than encoded. */
    public BooleanProperty interpolateNextProperty() {
        return interpolateNext;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** True while model work is queued or running in the background. */
    public BooleanBinding busyProperty() {
        return work.busyProperty();
    }

    /** Where "Refresh from training" takes a model copy (called in the background); null disables it. */
    public ObjectProperty<Supplier<VaeModel>> trainingSourceProperty() {
        return follower.trainingSourceProperty();
    }

    public BooleanBinding canRefreshProperty() {
        return follower.canRefreshProperty();
    }

    /** The training run to follow (the Training tab's); null when none. */
    public ObjectProperty<Trainer> trainerProperty() {
        return follower.trainerProperty();
    }

    /** True while the trainer runs or is paused. */
    public ReadOnlyBooleanProperty trainingActiveProperty() {
        return follower.trainingActiveProperty();
    }

    /** While a run is active, re-decode the current code with a fresh snapshot of its model every period. */
    public BooleanProperty followTrainingProperty() {
        return follower.followingProperty();
    }

    /** Ticks of the follow timer so far (each looked for a newer model of the run). */
    ReadOnlyIntegerProperty followTicksProperty() {
        return follower.ticksProperty();
    }
}

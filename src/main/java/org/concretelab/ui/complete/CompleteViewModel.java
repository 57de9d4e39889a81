package org.concretelab.ui.complete;

import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.concretelab.explore.LatentCode;
import org.concretelab.model.ConditionalSamples;
import org.concretelab.model.LatentLayout;
import org.concretelab.model.VaeModel;
import org.concretelab.model.task.Task;
import org.concretelab.model.task.Tasks;
import org.concretelab.ui.BackgroundWork;

/**
 * The Complete tab's state and commands, without controls: a completion model (the paper's structured output
 * prediction), the top half it is given (a test digit's or a drawing's), {@value #DRAWS} draws of the bottom half from
 * p(z | top) — the first {@value #SHOWN} shown, all of them averaged into the mean completion — and one draw's latent
 * code, whose flips re-decode its bottom half at once. Call it on the FX thread; every model call runs on the given
 * background executor (one task at a time, in order) and comes back with {@link Platform#runLater}.
 */
public final class CompleteViewModel {
    /** Draws per re-sample: the grid shows the first {@link #SHOWN}, the mean completion averages them all. */
    public static final int DRAWS = 256;
    /** Completions in the grid. */
    public static final int SHOWN = 16;

    private final BackgroundWork work;
    private final ReadOnlyObjectWrapper<VaeModel> model = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<LatentLayout> layout = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<float[]> top = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<float[]> truth = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<ConditionalSamples> samples = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<float[]> mean = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyIntegerWrapper selected = new ReadOnlyIntegerWrapper(-1);
    private final ReadOnlyObjectWrapper<LatentCode> code = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<float[]> decoded = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyIntegerWrapper digitIndex = new ReadOnlyIntegerWrapper(-1);
    private final ReadOnlyIntegerWrapper digitCount = new ReadOnlyIntegerWrapper();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("No completion model loaded yet.");
    /** Which model the tab shows (and, for the shipped one, its measured NLL): stays while the status changes. */
    private final ReadOnlyStringWrapper modelName = new ReadOnlyStringWrapper("No completion model loaded yet.");
    private final AtomicReference<LatentCode> pendingDecode = new AtomicReference<>();
    private final AtomicBoolean decodeScheduled = new AtomicBoolean();
    private volatile VaeModel decodingModel;
    private IntFunction<float[]> digits;
    private long seed = 1;
    private long randomDigits = 1;

    /** {@code background} must run its tasks one at a time, in order (AppContext.background() does). */
    public CompleteViewModel(Executor background) {
        this.work = new BackgroundWork(background, status::set);
    }

    // ------------------------------------------------------------------ inputs

    /**
     * Shows {@code m}, a model of a task with a conditional prior (completion); any other is refused with a message in
     * the status. The current top half, if any, is completed again.
     */
    public void setModel(VaeModel m) {
        setModel(m, m == null ? null : m.spec().describe());
    }

    /** {@link #setModel(VaeModel)}, the model named {@code name} above the completions (e.g. the shipped one's NLL). */
    public void setModel(VaeModel m, String name) {
        if (m == null) {
            return;
        }
        if (!task(m).conditionalPrior()) {
            status.set(m.spec().describe() + " models whole digits: the Complete tab needs a completion model"
                    + " (train --task completion, or Task: completion in the Training tab)");
            return;
        }
        model.set(m);
        modelName.set("Model: " + name);
        decodingModel = m;
        layout.set(m.latentLayout());
        code.set(null);
        status.set(m.spec().describe());
        if (top.get() != null) {
            resample();
        } else if (digits != null) {
            chooseDigit(0);
        }
    }

    /** The test digits to pick from ({@code count} of them, 784 intensities each); the first is completed at once. */
    public void setDigits(int count, IntFunction<float[]> digit) {
        digits = digit;
        digitCount.set(count);
        if (top.get() == null && count > 0) {
            chooseDigit(0);
        }
    }

    /** Takes test digit {@code index}'s top half (its bottom half is shown as the original) and completes it. */
    public void chooseDigit(int index) {
        if (digits == null || index < 0 || index >= digitCount.get()) {
            return;
        }
        float[] image = digits.apply(index);
        digitIndex.set(index);
        truth.set(image);
        setTop(java.util.Arrays.copyOf(image, topWidth()));
    }

    /** A test digit picked at random (reproducibly, one after another). */
    public void randomDigit() {
        if (digitCount.get() > 0) {
            long z = randomDigits++ * 0x9E3779B97F4A7C15L;
            chooseDigit((int) Math.floorMod(z ^ (z >>> 29), (long) digitCount.get()));
        }
    }

    /** A drawn top half ({@value org.concretelab.model.task.Completion#HALF} intensities); there is no original bottom half. */
    public void useDrawing(float[] topHalf) {
        digitIndex.set(-1);
        truth.set(null);
        setTop(topHalf.clone());
    }

    private void setTop(float[] t) {
        top.set(t);
        resample();
    }

    // ------------------------------------------------------------------ commands

    /** New draws of the bottom half given the current top half: the grid, the mean completion, the first draw's code. */
    public void resample() {
        VaeModel m = model.get();
        float[] t = top.get();
        if (m == null || t == null) {
            return;
        }
        if (t.length != task(m).inputWidth()) {
            status.set("this model reads " + task(m).inputWidth() + " input values, the top half has " + t.length);
            return;
        }
        long s = seed++;
        inBackground(() -> {
            ConditionalSamples draws = m.sampleGiven(t, DRAWS, s);
            float[] average = draws.meanOfMeans();
            return () -> {
                if (model.get() != m || top.get() != t) {
                    return; // another model or top half came meanwhile: its own draws follow
                }
                samples.set(draws);
                mean.set(average);
                select(0);
                status.set(String.format(Locale.ROOT, "%s: %d draws from p(z | top half); the mean completion averages all %d",
                        m.spec().describe(), SHOWN, DRAWS));
            };
        });
    }

    /** Shows draw {@code i}'s code as toggles and its bottom half as decoded. */
    public void select(int i) {
        ConditionalSamples s = samples.get();
        if (s == null || i < 0 || i >= Math.min(SHOWN, s.count())) {
            return;
        }
        selected.set(i);
        code.set(LatentCode.of(layout.get(), s.code(i)));
        decoded.set(s.means(i));
    }

    /** A toggle of the selected draw's code was switched: re-decode its bottom half at once. */
    public void setSlot(int slot, boolean on) {
        LatentCode c = code.get();
        if (c != null && c.isOn(slot) != on) {
            code.set(c.withSlot(slot, on));
            requestDecode();
        }
    }

    /** Flips one discrete unit of the selected draw (categorical and corners: to its next class). */
    public void flip(int unit) {
        LatentCode c = code.get();
        if (c != null) {
            code.set(c.flip(unit));
            requestDecode();
        }
    }

    // ------------------------------------------------------------------ background work

    /** Decodes the latest code off the FX thread; flips faster than decoding collapse into one decode. */
    private void requestDecode() {
        pendingDecode.set(code.get());
        if (decodeScheduled.compareAndSet(false, true)) {
            inBackground(() -> {
                decodeScheduled.set(false);
                LatentCode c = pendingDecode.getAndSet(null);
                VaeModel m = decodingModel;
                if (c == null || m == null || !c.layout().equals(m.latentLayout())) {
                    return () -> { };
                }
                float[] means = m.decode(c.values());
                return () -> {
                    if (c.equals(code.get())) {
                        decoded.set(means);
                    }
                };
            });
        }
    }

    /** Runs {@code task} in the background and its result (an update of this model) on the FX thread. */
    private void inBackground(Supplier<Runnable> task) {
        work.run(task);
    }

    private static Task task(VaeModel m) {
        return Tasks.create(m.spec().task());
    }

    private int topWidth() {
        VaeModel m = model.get();
        return m != null ? task(m).inputWidth() : org.concretelab.model.task.Completion.HALF;
    }

    // ------------------------------------------------------------------ state

    public ReadOnlyStringProperty modelNameProperty() {
        return modelName.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<VaeModel> modelProperty() {
        return model.getReadOnlyProperty();
    }

    /** The model's code layout (its decoder's layer); changes only with a model of another layout. */
    public ReadOnlyObjectProperty<LatentLayout> layoutProperty() {
        return layout.getReadOnlyProperty();
    }

    /** The top half being completed (392 intensities); null before one is chosen. */
    public ReadOnlyObjectProperty<float[]> topProperty() {
        return top.getReadOnlyProperty();
    }

    /** The whole test digit whose top half is completed (784 intensities), null for a drawing. */
    public ReadOnlyObjectProperty<float[]> truthProperty() {
        return truth.getReadOnlyProperty();
    }

    /** The last draws given the top half (the grid shows the first {@link #SHOWN}). */
    public ReadOnlyObjectProperty<ConditionalSamples> samplesProperty() {
        return samples.getReadOnlyProperty();
    }

    /** The mean of all draws' Bernoulli means: the bottom half's pixel probabilities given the top half. */
    public ReadOnlyObjectProperty<float[]> meanProperty() {
        return mean.getReadOnlyProperty();
    }

    /** The draw whose code the toggles show (−1 before the first draws). */
    public ReadOnlyIntegerProperty selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    /** The selected draw's code as the toggles set it. */
    public ReadOnlyObjectProperty<LatentCode> codeProperty() {
        return code.getReadOnlyProperty();
    }

    /** The bottom half (392 Bernoulli means) the current code decodes to. */
    public ReadOnlyObjectProperty<float[]> decodedProperty() {
        return decoded.getReadOnlyProperty();
    }

    /** The test digit shown (−1 for a drawing or none). */
    public ReadOnlyIntegerProperty digitIndexProperty() {
        return digitIndex.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty digitCountProperty() {
        return digitCount.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** True while model work is queued or running in the background. */
    public BooleanBinding busyProperty() {
        return work.busyProperty();
    }
}

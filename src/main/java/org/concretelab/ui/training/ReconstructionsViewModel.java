package org.concretelab.ui.training;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.concretelab.data.ImageSet;
import org.concretelab.model.ModelState;
import org.concretelab.model.VaeModel;
import org.concretelab.model.VaeModels;
import org.concretelab.model.task.Tasks;
import org.concretelab.train.Trainer;
import org.concretelab.train.TrainingEvent;

/**
 * The reconstructions strip under the bound chart: a fixed set of test digits (the first test image of each digit
 * 0–7, the same every epoch) and, per epoch of the live run, their reconstructions by that epoch's model: the decoder's
 * pixel means for the most probable code of each digit. The model is copied on the trainer's thread when the epoch's
 * validation event arrives (a copy of its arrays, a few ms once an epoch, so the column is exactly that epoch's model
 * and not one some steps on), and decoded in the background. Keeps the last {@link #MAX_COLUMNS} epochs. Confined to the
 * FX thread ({@code ui} brings results back).
 */
final class ReconstructionsViewModel {
    /** The test digits reconstructed: one of each digit 0 to DIGITS − 1. */
    static final int DIGITS = 8;
    /** Epochs kept (each column holds DIGITS × 784 floats): a long run shows its last ones. */
    static final int MAX_COLUMNS = 20;

    /** One epoch's reconstructions: {@code means[d]} the 784 pixel means of test digit d. */
    record Column(int epoch, long step, float[][] means) {
    }

    private final Executor background;
    private final Executor ui;
    private final Supplier<ImageSet> testImages;
    private final ObjectProperty<Trainer> trainer = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<float[][]> inputs = new ReadOnlyObjectWrapper<>();
    private final ObservableList<Column> columns = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper caption = new ReadOnlyStringWrapper("");
    /** The trainer whose epochs are shown (read on the trainer's thread: its events for another trainer are dropped). */
    private volatile Trainer followed;
    /** The digits' images, chosen once in the background (read there only). */
    private float[][] digits;
    private int dropped;

    /** {@code testImages} is called in the background (it may wait for MNIST). */
    ReconstructionsViewModel(Executor background, Executor ui, Supplier<ImageSet> testImages) {
        this.background = background;
        this.ui = ui;
        this.testImages = testImages;
        trainer.addListener((o, a, t) -> follow(t));
    }

    private void follow(Trainer t) {
        followed = t;
        columns.clear();
        dropped = 0;
        inputs.set(null);
        if (t == null) {
            caption.set("");
            return;
        }
        if (Tasks.create(t.options().spec().task()).conditionalPrior()) {
            caption.set("Reconstructions: none for a completion model (it draws bottom halves; see the Complete tab).");
            return;
        }
        caption.set("Reconstructions of test digits 0–7 by each epoch's model" + of(t) + " (a column per epoch; the input first)");
        background.execute(() -> {
            float[][] d = digits();
            ui.execute(() -> {
                if (followed == t) {
                    inputs.set(d);
                }
            });
        });
        t.addListener(e -> {
            if (e instanceof TrainingEvent.Epoch ep && followed == t) {
                ModelState state = t.snapshot(); // on the trainer's thread, between the epoch's validation and the next step
                background.execute(() -> reconstruct(t, ep, state));
            }
        });
    }

    private void reconstruct(Trainer t, TrainingEvent.Epoch ep, ModelState state) {
        Runnable update;
        try {
            VaeModel m = VaeModels.restore(state);
            float[][] d = digits();
            int c = m.latentLayout().codeLength();
            float[] codes = new float[d.length * c];
            for (int i = 0; i < d.length; i++) {
                System.arraycopy(m.encodeMode(d[i]), 0, codes, i * c, c);
            }
            float[] all = m.decodeRows(codes, d.length);
            float[][] means = new float[d.length][];
            for (int i = 0; i < d.length; i++) {
                means[i] = java.util.Arrays.copyOfRange(all, i * ImageSet.PIXELS, (i + 1) * ImageSet.PIXELS);
            }
            Column column = new Column(ep.epoch() + 1, ep.step(), means);
            update = () -> add(t, column);
        } catch (RuntimeException e) {
            update = () -> caption.set("Reconstructions of epoch " + (ep.epoch() + 1) + " failed: " + e.getMessage());
        }
        Runnable u = update;
        ui.execute(() -> {
            if (followed == t) {
                u.run();
            }
        });
    }

    private void add(Trainer t, Column column) {
        columns.add(column);
        if (columns.size() > MAX_COLUMNS) {
            columns.remove(0);
            dropped++;
            caption.set(String.format(Locale.ROOT, "Reconstructions of test digits 0–7%s: the input, then the last %d epochs"
                    + " (%d earlier not kept)", of(t), MAX_COLUMNS, dropped));
        }
    }

    /** Whose epochs: " of <run folder>" (the charts may show a loaded run meanwhile), "" for a run without a folder. */
    private static String of(Trainer t) {
        Path dir = t.options().outputDir();
        return dir == null || dir.getFileName() == null ? "" : " of " + dir.getFileName();
    }

    /** The first test image of each digit 0 … DIGITS − 1 (in the background: the test set may still be loading). */
    private synchronized float[][] digits() {
        if (digits == null) {
            ImageSet test = testImages.get();
            float[][] d = new float[DIGITS][];
            for (int i = 0; i < test.size(); i++) {
                int label = test.label(i);
                if (label < DIGITS && d[label] == null) {
                    d[label] = test.pixelsOf(i);
                }
            }
            for (int k = 0; k < DIGITS; k++) {
                if (d[k] == null) {
                    d[k] = new float[ImageSet.PIXELS]; // a test set without this digit (a cut-down one): a blank input
                }
            }
            digits = d;
        }
        return digits;
    }

    /** The live run whose epochs are reconstructed (the pane binds it to the Training tab's trainer). */
    ObjectProperty<Trainer> trainerProperty() {
        return trainer;
    }

    /** The test digits' images (784 intensities each), null until read or without a run. */
    ReadOnlyObjectProperty<float[][]> inputsProperty() {
        return inputs.getReadOnlyProperty();
    }

    /** One column per epoch reconstructed, oldest first, at most {@link #MAX_COLUMNS}. */
    ObservableList<Column> columns() {
        return columns;
    }

    /** What the strip shows ("" without a run). */
    ReadOnlyStringProperty captionProperty() {
        return caption.getReadOnlyProperty();
    }
}

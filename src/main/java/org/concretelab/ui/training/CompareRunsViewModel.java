package org.concretelab.ui.training;

import io.fair_acc.dataset.spi.DoubleDataSet;
import io.fair_acc.dataset.utils.DataSetStyleBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.concretelab.train.TrainingEvent;

/**
 * Other runs overlaid on the Training charts: each compared run folder becomes two labelled curves, its objective's
 * running mean on the step chart and its validation log p(x) on the validation chart, drawn dashed so that the current
 * run's solid curves stay apart; a key says which is which. Folders are listed and read in the background; a folder that
 * is no run (or is damaged) is refused with a message, never thrown. Confined to the FX thread ({@code ui} brings results
 * back).
 */
final class CompareRunsViewModel {
    /** A compared run on the charts. */
    record Overlay(Path folder, String label, String description, DoubleDataSet steps, DoubleDataSet validation) {
    }

    /** The chooser's list of {@code dir}, or why it could not be read ({@code problem} non-empty). */
    record Listed(Path dir, List<RunOverlays.Listing> runs, String problem) {
    }

    /** Colours of compared runs, none of them the current run's blue, red or green (chart-fx's first three). */
    private static final List<String> COLOURS = List.of("#ff7f0e", "#9467bd", "#17becf", "#8c564b", "#e377c2", "#7f7f7f");

    private final Executor background;
    private final Executor ui;
    private final Path runsFolder;
    private final Supplier<TrainingViewModel.Feedback> feedback;
    /** The current run's label (null without one), for the key. */
    private final Supplier<String> current;
    /** The current run's folder (null without one): it is not compared with itself. */
    private final Supplier<Path> currentFolder;
    private final ObservableList<Overlay> overlays = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper key = new ReadOnlyStringWrapper("");
    /** The charts' steps span the current run only (a short run beside long compared ones is a sliver otherwise). */
    private final javafx.beans.property.BooleanProperty zoomToCurrent = new javafx.beans.property.SimpleBooleanProperty();
    private int nextColour;

    CompareRunsViewModel(Executor background, Executor ui, Path runsFolder, Supplier<TrainingViewModel.Feedback> feedback,
                         Supplier<String> current, Supplier<Path> currentFolder) {
        this.background = background;
        this.ui = ui;
        this.runsFolder = runsFolder;
        this.feedback = feedback;
        this.current = current;
        this.currentFolder = currentFolder;
        overlays.addListener((javafx.collections.ListChangeListener<Overlay>) c -> refreshKey());
    }

    /** The folder the chooser lists first: the app's runs. */
    Path runsFolder() {
        return runsFolder;
    }

    /** Lists the run folders under {@code dir} in the background and hands them to {@code shown} on the ui executor. */
    void list(Path dir, Consumer<Listed> shown) {
        background.execute(() -> {
            Listed listed;
            try {
                listed = new Listed(dir, RunOverlays.list(dir), "");
            } catch (IOException | RuntimeException e) {
                listed = new Listed(dir, List.of(), java.nio.file.Files.isDirectory(dir) ? "cannot read " + dir + ": " + e
                        : dir + " does not exist yet (a run started here creates it)");
            }
            Listed l = listed;
            ui.execute(() -> shown.accept(l));
        });
    }

    /** Reads each folder in the background and overlays it; one already shown is not added twice. */
    void add(List<Path> folders) {
        for (Path folder : folders) {
            Path abs = folder.toAbsolutePath().normalize();
            if (overlays.stream().anyMatch(o -> o.folder().equals(abs))) {
                feedback.get().info(abs.getFileName() + " is already on the charts.");
                continue;
            }
            Path now = currentFolder.get();
            if (now != null && now.toAbsolutePath().normalize().equals(abs)) {
                feedback.get().info(abs.getFileName() + " is the current run: its curves are the solid ones.");
                continue;
            }
            background.execute(() -> {
                try {
                    RunOverlays.Run run = RunOverlays.read(abs);
                    ui.execute(() -> show(run));
                } catch (RunOverlays.NotARunException e) {
                    ui.execute(() -> feedback.get().error("Cannot compare " + e.getMessage(),
                            "pick a run folder of Concrete Explorer (one holding training.csv and epochs.csv, e.g. "
                                    + runsFolder + "/app-…)"));
                } catch (RuntimeException e) { // anything else must reach the user too, not die with the task
                    ui.execute(() -> feedback.get().error("Cannot compare " + abs.getFileName() + ": " + e,
                            "pick another run folder; if this one should be read, please report it"));
                }
            });
        }
    }

    private void show(RunOverlays.Run run) {
        if (overlays.stream().anyMatch(o -> o.folder().equals(run.folder()))) {
            return; // asked for twice before the first read came back
        }
        String label = run.label();
        if (overlays.stream().anyMatch(o -> o.label().equals(run.label()))) {
            label = label + " (" + run.folder().getFileName() + ")"; // two runs of one configuration: the folder tells them apart
        }
        RunOverlays.Run r = run;
        DoubleDataSet steps = new DoubleDataSet(label + " · " + r.objective(), r.logs().steps().length); // its running mean
        steps.add(r.logs().steps(), r.logs().runningMean());
        DoubleDataSet validation = new DoubleDataSet(label + " · log p(x)", r.logs().epochs().size());
        for (TrainingEvent.Epoch e : r.logs().epochs()) {
            if (Double.isFinite(e.validationNll())) {
                validation.add(e.step(), -e.validationNll());
            }
        }
        // one colour per compared run on both charts (the renderer's own count would differ between them), dashed
        String colour = COLOURS.get(nextColour++ % COLOURS.size());
        String style = DataSetStyleBuilder.newInstance().setLineDashes(7, 4).setLineWidth(1.5).setLineColor(colour)
                .setStroke(colour).setMarkerColor(colour).setFill(colour).build();
        steps.setStyle(style);
        validation.setStyle(style);
        overlays.add(new Overlay(r.folder(), label, r.description(), steps, validation));
        TrainingEvent.Epoch last = r.logs().epochs().isEmpty() ? null : r.logs().epochs().get(r.logs().epochs().size() - 1);
        feedback.get().info("Compared: " + label + " from " + r.folder() + (last == null ? " (no validated epoch yet)"
                : String.format(Locale.ROOT, " (%d epochs, last validation NLL %.2f nats)", last.epoch() + 1, last.validationNll())));
    }

    /** Takes {@code o} off the charts. */
    void remove(Overlay o) {
        overlays.remove(o);
    }

    /** The compared runs, in the order added. */
    ObservableList<Overlay> overlays() {
        return overlays;
    }

    /** Says again which curves are the current run's (call when the current run changes). */
    void refreshKey() {
        if (overlays.isEmpty()) {
            key.set("");
            return;
        }
        String now = current.get();
        key.set("Solid lines: the current run" + (now == null ? " (none yet)" : " (" + now + ")") + " · dashed: "
                + (overlays.size() == 1 ? "1 compared run" : overlays.size() + " compared runs") + ", named in the legends");
    }

    javafx.beans.property.BooleanProperty zoomToCurrentProperty() {
        return zoomToCurrent;
    }

    /** Which curves are whose, "" while nothing is compared. */
    ReadOnlyStringProperty keyProperty() {
        return key.getReadOnlyProperty();
    }
}

package org.concretelab.ui.training;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;

/**
 * The row above the Training charts for comparing runs: "Compare runs…" opens a chooser of the run folders (the app's
 * runs, or another folder of runs) with each one's configuration and progress; every compared run is a chip with its
 * label and a ✕ that takes it off the charts; a key says which curves are the current run's.
 */
final class CompareRunsBar extends VBox {
    static final ButtonType COMPARE = new ButtonType("Compare", ButtonBar.ButtonData.OK_DONE);

    private final CompareRunsViewModel vm;
    private final FlowPane chips = new FlowPane(6, 4);
    /** Which curves are whose, on a row of its own under the chips (wrapped: in the chips' row it widened the tab). */
    private final Label key = new Label();

    CompareRunsBar(CompareRunsViewModel vm) {
        this.vm = vm;
        setId("compare-runs-bar");
        Button open = new Button("Compare runs…");
        open.setId("compare-runs-button");
        open.setTooltip(new Tooltip("Overlay other runs' curves on these charts: pick run folders (" + vm.runsFolder()
                + "/ or another folder of runs)."));
        open.setOnAction(e -> choose());
        open.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // its text whole, however many runs are compared
        chips.setId("compared-runs");
        chips.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(chips, Priority.ALWAYS);
        CheckBox zoom = new CheckBox("Steps of the current run only");
        zoom.setId("compare-zoom");
        zoom.setTooltip(new Tooltip("Show the steps the current run has trained, not the compared runs' whole length."));
        zoom.selectedProperty().bindBidirectional(vm.zoomToCurrentProperty());
        zoom.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(vm.overlays()));
        zoom.managedProperty().bind(zoom.visibleProperty());
        zoom.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        HBox top = new HBox(8, open, zoom, chips);
        top.setAlignment(Pos.CENTER_LEFT);
        key.setId("compare-key");
        key.setStyle("-fx-font-size: 11px;");
        key.setMinWidth(0);
        key.setWrapText(true);
        key.visibleProperty().bind(vm.keyProperty().isNotEmpty());
        key.managedProperty().bind(key.visibleProperty());
        chips.setMinWidth(0); // a long chip wraps to a new row instead of widening the tab
        key.textProperty().bind(vm.keyProperty());
        setPadding(new Insets(4, 10, 0, 10));
        setSpacing(2);
        getChildren().setAll(top, key);
        vm.overlays().addListener((ListChangeListener<CompareRunsViewModel.Overlay>) c -> fillChips());
    }

    private void fillChips() {
        List<javafx.scene.Node> nodes = new ArrayList<>();
        int i = 0;
        for (CompareRunsViewModel.Overlay o : vm.overlays()) {
            Label name = new Label(o.label());
            name.setMinWidth(0);
            Button remove = new Button("✕");
            remove.setId("remove-compared-" + i++);
            remove.setTooltip(new Tooltip("Take " + o.label() + " off the charts (its files stay)."));
            remove.setStyle("-fx-padding: 0 4 0 4; -fx-font-size: 10px;");
            remove.setOnAction(e -> vm.remove(o));
            HBox chip = new HBox(4, name, remove);
            chip.setAlignment(Pos.CENTER_LEFT);
            chip.getStyleClass().add("compared-run");
            chip.setStyle("-fx-border-color: #9a9a9a; -fx-border-style: dashed; -fx-border-radius: 3; -fx-padding: 1 3 1 5;");
            Tooltip.install(chip, new Tooltip(o.folder() + (o.description().isEmpty() ? "" : "\n" + o.description())));
            nodes.add(chip);
        }
        chips.getChildren().setAll(nodes);
    }

    /** Opens the chooser on the app's runs folder; the chosen folders are compared. */
    void choose() {
        choose(vm.runsFolder());
    }

    /** Opens the chooser listing the runs under {@code dir}. */
    void choose(Path dir) {
        if (getScene() == null || getScene().getWindow() == null) {
            return;
        }
        Dialog<List<Path>> dialog = new Dialog<>();
        dialog.initOwner(getScene().getWindow());
        dialog.setTitle("Compare runs");
        dialog.getDialogPane().setId("compare-runs-dialog");
        dialog.getDialogPane().getButtonTypes().setAll(COMPARE, ButtonType.CANCEL);
        Label where = new Label();
        where.setId("compare-runs-folder");
        where.setWrapText(true);
        VBox list = new VBox(6);
        list.setId("compare-runs-list");
        ScrollPane scroll = new ScrollPane(list);
        scroll.setFitToWidth(true);
        scroll.setPrefViewportHeight(320);
        scroll.setPrefViewportWidth(640);
        Button other = new Button("Other folder of runs…");
        other.setId("compare-other-folder");
        other.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("A folder of run folders (or a run folder itself)");
            File picked = chooser.showDialog(dialog.getDialogPane().getScene().getWindow());
            if (picked != null) {
                show(picked.toPath(), where, list);
            }
        });
        VBox content = new VBox(8, where, scroll, other);
        content.setPadding(new Insets(4));
        dialog.getDialogPane().setContent(content);
        dialog.setResultConverter(b -> b == COMPARE ? chosen(list) : List.of());
        show(dir, where, list);
        dialog.setOnHidden(e -> {
            List<Path> picked = dialog.getResult();
            if (picked != null && !picked.isEmpty()) {
                vm.add(picked);
            }
        });
        dialog.show();
    }

    /** Lists the runs under {@code dir} in the dialog (a run folder itself is listed alone). */
    private void show(Path dir, Label where, VBox list) {
        where.setText("Reading " + dir.toAbsolutePath() + "…");
        list.getChildren().clear();
        vm.list(dir, listed -> {
            if (!listed.problem().isEmpty()) {
                where.setText(listed.problem() + ".");
                return;
            }
            boolean itself = listed.runs().size() == 1 && listed.runs().get(0).folder().equals(dir);
            where.setText(listed.runs().isEmpty() ? "No run folders in " + dir.toAbsolutePath() + "."
                    : itself ? "The run folder " + dir.toAbsolutePath() + " (tick it to overlay):"
                    : "Run folders in " + dir.toAbsolutePath() + " (tick the ones to overlay):");
            int i = 0;
            for (RunOverlays.Listing run : listed.runs()) {
                String what = run.problem().isEmpty()
                        ? (run.configuration().isEmpty() ? "configuration unknown (no readable checkpoint)" : run.configuration())
                        + (run.progress().isEmpty() ? "" : " · " + run.progress())
                        : "cannot be compared: " + run.problem();
                CheckBox box = new CheckBox(run.name() + "\n" + what);
                box.setId("compare-run-" + i++);
                box.setUserData(run.folder());
                box.setDisable(!run.problem().isEmpty());
                box.setWrapText(true);
                list.getChildren().add(box);
            }
        });
    }

    private static List<Path> chosen(VBox list) {
        List<Path> out = new ArrayList<>();
        for (javafx.scene.Node n : list.getChildren()) {
            if (n instanceof CheckBox b && b.isSelected() && !b.isDisabled()) {
                out.add((Path) b.getUserData());
            }
        }
        return out;
    }
}

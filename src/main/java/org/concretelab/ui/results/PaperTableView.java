package org.concretelab.ui.results;

import java.util.List;
import java.util.Locale;
import javafx.geometry.HPos;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.concretelab.sweep.PaperTable;

/**
 * The Results tab's view of the paper's Table 1: per task a grid of architectures × (m, estimator), each cell our best
 * figure beside the paper's, with how our figures were measured beside it. A click selects the cell's best job; a
 * double-click opens its curves.
 */
final class PaperTableView extends ScrollPane {
    private final ResultsViewModel vm;
    private final VBox paperBox = new VBox(10);

    PaperTableView(ResultsViewModel vm) {
        this.vm = vm;
        Label note = new Label();
        note.setId("results-table-note");
        note.getStyleClass().add("caption");
        note.setWrapText(true);
        note.textProperty().bind(vm.tableNoteProperty());
        note.setMinWidth(160);
        note.setMaxWidth(420);
        HBox.setHgrow(note, Priority.ALWAYS);
        paperBox.setMinWidth(Region.USE_PREF_SIZE);
        HBox box = new HBox(14, paperBox, note);
        box.setPadding(new Insets(6, 10, 8, 10));
        setContent(box);
        setId("results-paper-scroll");
        setFitToWidth(true);
        getStyleClass().add("tab-scroll");
        vm.sectionsProperty().addListener((o, a, s) -> fillPaper(s));
        fillPaper(vm.sectionsProperty().get());
    }

    private void fillPaper(List<PaperTable.Section> sections) {
        paperBox.getChildren().clear();
        for (PaperTable.Section s : sections) {
            paperBox.getChildren().add(section(s));
        }
    }

    private VBox section(PaperTable.Section s) {
        Label title = new Label(ResultsText.sectionTitle(s));
        title.getStyleClass().add("paper-title");
        GridPane grid = new GridPane();
        grid.setId("paper-table-" + s.task());
        grid.getStyleClass().add("paper-table");
        grid.setMaxWidth(Region.USE_PREF_SIZE);
        List<PaperTable.Column> columns = PaperTable.columns();
        ColumnConstraints first = new ColumnConstraints();
        first.setMinWidth(Region.USE_PREF_SIZE);
        grid.getColumnConstraints().add(first);
        for (int i = 0; i < columns.size(); i++) {
            ColumnConstraints c = new ColumnConstraints(134, 136, 180);
            c.setHalignment(HPos.CENTER);
            grid.getColumnConstraints().add(c);
        }
        grid.add(header("", "corner"), 0, 0, 1, 2);
        for (int i = 0; i < PaperTable.SAMPLES.size(); i++) {
            grid.add(header("m = " + PaperTable.SAMPLES.get(i), "m-header"), 1 + 2 * i, 0, 2, 1);
        }
        for (int i = 0; i < columns.size(); i++) {
            grid.add(header(columns.get(i).estimatorLabel(), "estimator-header"), 1 + i, 1);
        }
        int r = 2;
        for (PaperTable.Row row : s.shownRows()) {
            Label arch = header(row.label(), "arch-header");
            arch.setAlignment(Pos.CENTER_LEFT);
            grid.add(arch, 0, r);
            for (int i = 0; i < row.cells().size(); i++) {
                grid.add(cell(row.cells().get(i)), 1 + i, r);
            }
            r++;
        }
        return new VBox(4, title, grid);
    }

    private static Label header(String text, String style) {
        Label l = new Label(text);
        l.getStyleClass().addAll("paper-header", style);
        l.setMaxWidth(Double.MAX_VALUE);
        l.setMaxHeight(Double.MAX_VALUE);
        l.setAlignment(Pos.CENTER);
        return l;
    }

    private VBox cell(PaperTable.Cell cell) {
        ResultsText.CellText t = ResultsText.cellText(cell);
        Label ours = new Label(t.ours());
        ours.getStyleClass().add("ours");
        Label paper = new Label(t.paper());
        paper.getStyleClass().add("paper");
        VBox box = new VBox(1, ours, paper);
        box.setAlignment(Pos.CENTER);
        box.setMaxWidth(Double.MAX_VALUE);
        PaperTable.Place p = cell.place();
        box.setId("t1-" + p.task() + "-" + p.architecture().name().toLowerCase(Locale.ROOT) + "-m" + p.column().samples() + "-"
                + p.column().estimator());
        box.getStyleClass().addAll("paper-cell", t.style());
        Tooltip.install(box, new Tooltip(t.tooltip() + (cell.jobs().isEmpty() ? ""
                : "\nClick: select its best job below; double-click: open its curves in the Training tab.")));
        box.setOnMouseClicked(e -> {
            if (cell.jobs().isEmpty() || e.getButton() != MouseButton.PRIMARY) {
                return;
            }
            vm.select(cell);
            if (e.getClickCount() == 2) {
                vm.openCurves();
            }
        });
        return box;
    }
}

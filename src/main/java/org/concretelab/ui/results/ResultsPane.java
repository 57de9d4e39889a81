package org.concretelab.ui.results;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.util.Duration;
import javafx.util.StringConverter;
import org.concretelab.sweep.ResultsRoot;

/**
 * The Results tab's view: a results root's jobs beside the paper's Table 1. A toolbar opens a root (a folder chooser,
 * the recent roots) and refreshes it; the paper's table, laid out as in the paper, shows our best figure of each cell
 * above the paper's (cells without a job marked "not run"); the jobs' table below sorts by any column and filters by
 * text, state and option. Double-clicking a job (or its buttons) opens its curves in the Training tab or its model in
 * the Latents tab. Binds to a {@link ResultsViewModel}, which reads roots and checkpoints off the FX thread.
 */
public final class ResultsPane extends BorderPane {
    /** How often a live root (a sweep still running) is read again when auto-refresh is on. */
    static final Duration REFRESH_EVERY = Duration.seconds(10);

    private final ResultsViewModel vm;
    private final TableView<JobRow> table = new TableView<>();
    private final FlowPane optionChoices = new FlowPane(8, 6);
    private final Label message = new Label();
    private final MenuButton recent = new MenuButton("Recent");
    private List<String> shownOptionColumns = List.of();
    private boolean syncing;

    public ResultsPane(ResultsViewModel vm) {
        this.vm = vm;
        getStyleClass().add("results-pane");
        getStylesheets().add(ResultsPane.class.getResource("results.css").toExternalForm());
        setTop(toolbar());
        SplitPane split = new SplitPane(new PaperTableView(vm), jobsView());
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.42);
        setCenter(split);
        Timeline timer = new Timeline(new KeyFrame(REFRESH_EVERY, e -> {
            if (vm.autoRefreshProperty().get() && vm.liveProperty().get() && !vm.loadingProperty().get() && getScene() != null) {
                vm.refresh();
            }
        }));
        timer.setCycleCount(Timeline.INDEFINITE);
        // only while the pane is in a window: a timer left playing holds the pane, and through its scene the whole
        // app (its data and models), for as long as the JavaFX toolkit runs
        javafx.beans.value.ObservableValue<javafx.stage.Window> window = sceneProperty().flatMap(s -> s.windowProperty());
        window.addListener((o, a, w) -> {
            if (w != null) {
                timer.play();
            } else {
                timer.stop();
            }
        });
        if (window.getValue() != null) {
            timer.play();
        }
    }

    public ResultsViewModel viewModel() {
        return vm;
    }

    // ------------------------------------------------------------------ toolbar and messages

    private VBox toolbar() {
        Button open = button("Open results root…", "results-open",
                "Choose the folder a sweep wrote (its --root, by default runs/sweep-<sweep file>) or a folder of training"
                        + " runs (the app's and train's runs/): one row per run.");
        open.setOnAction(e -> chooseRoot());
        recent.setId("results-recent");
        recent.setTooltip(new Tooltip("Open one of the last " + ResultsViewModel.RECENT_MAX + " results roots opened."));
        recent.setOnShowing(e -> vm.refreshRecent());
        recent.disableProperty().bind(Bindings.isEmpty(vm.recentRoots()));
        vm.recentRoots().addListener((ListChangeListener<Path>) c -> fillRecent());
        fillRecent();
        Button refresh = button("Refresh", "results-refresh", "Read the root again: a running sweep adds jobs and results.");
        refresh.setOnAction(e -> vm.refresh());
        refresh.disableProperty().bind(vm.rootProperty().isNull().or(vm.loadingProperty()));
        CheckBox auto = new CheckBox("Auto-refresh while a sweep runs");
        auto.setId("results-auto-refresh");
        auto.setTooltip(new Tooltip("Read the root again every " + (int) REFRESH_EVERY.toSeconds()
                + " s while a sweep holds it or a job runs."));
        auto.selectedProperty().bindBidirectional(vm.autoRefreshProperty());
        Label root = new Label();
        root.setId("results-root-label");
        root.getStyleClass().add("root-label");
        root.textProperty().bind(Bindings.createStringBinding(() -> vm.loadingProperty().get() ? "Reading…"
                : vm.rootProperty().get() == null ? "No results root open" : vm.rootProperty().get().toAbsolutePath().toString(),
                vm.rootProperty(), vm.loadingProperty()));
        root.setMinWidth(Region.USE_PREF_SIZE);
        Label summary = new Label();
        summary.setId("results-summary");
        summary.getStyleClass().add("caption");
        summary.textProperty().bind(vm.summaryProperty());
        summary.tooltipProperty().bind(Bindings.createObjectBinding(() -> new Tooltip(vm.summaryProperty().get()
                + (vm.liveProperty().get() ? "\nJobs the running sweep has not started yet have no folder: they appear as it"
                        + " starts them (Refresh, or every " + (int) REFRESH_EVERY.toSeconds() + " s)." : "")),
                vm.summaryProperty(), vm.liveProperty()));
        summary.setMinWidth(0);
        HBox.setHgrow(summary, Priority.ALWAYS);
        for (javafx.scene.control.Control c : List.of(open, recent, refresh, auto)) {
            c.setMinWidth(Region.USE_PREF_SIZE); // the summary gives way, not the controls
        }
        HBox bar = new HBox(8, open, recent, refresh, auto, root, summary);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 10, 6, 10));
        message.setId("results-message");
        message.setWrapText(true);
        message.setMinHeight(Region.USE_PREF_SIZE);
        message.setMaxWidth(Double.MAX_VALUE);
        message.setVisible(false);
        message.setManaged(false);
        message.setOnMouseClicked(e -> hideMessage());
        vm.messageProperty().addListener((o, a, text) -> showMessage(text));
        return new VBox(bar, message);
    }

    private void showMessage(String text) {
        if (text == null || text.isEmpty()) {
            if (!vm.messageIsErrorProperty().get()) {
                hideMessage();
            }
            return;
        }
        message.getStyleClass().removeAll("banner", "error", "info");
        message.getStyleClass().addAll("banner", vm.messageIsErrorProperty().get() ? "error" : "info");
        message.setText(text + "   (click to dismiss)");
        message.setVisible(true);
        message.setManaged(true);
    }

    private void hideMessage() {
        message.setVisible(false);
        message.setManaged(false);
    }

    /** The message shown above the tables ("" when none). */
    public String messageText() {
        return message.isVisible() ? message.getText() : "";
    }

    private void fillRecent() {
        recent.getItems().setAll(vm.recentRoots().stream().map(p -> {
            MenuItem item = new MenuItem(p.toString());
            item.setMnemonicParsing(false);
            item.setOnAction(e -> vm.open(p));
            return item;
        }).toList());
    }

    private void chooseRoot() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Open a sweep's results root or a folder of training runs");
        vm.chooserFolder().ifPresent(dir -> chooser.setInitialDirectory(dir.toAbsolutePath().toFile()));
        File dir = getScene() == null ? null : chooser.showDialog(getScene().getWindow());
        if (dir != null) {
            vm.open(dir.toPath());
        }
    }

    // ------------------------------------------------------------------ the jobs

    private VBox jobsView() {
        TextField filter = new TextField();
        filter.setId("results-filter");
        filter.setPromptText("Filter, e.g. vimco 200H~784V");
        filter.setPrefColumnCount(18);
        filter.setTooltip(new Tooltip("Jobs with every word at the start of one of their values (options, state, model, note):"
                + " \"vim\" finds vimco, \"200H~784V\" that architecture alone."));
        filter.textProperty().bindBidirectional(vm.filterTextProperty());
        ChoiceBox<ResultsRoot.State> state = new ChoiceBox<>();
        state.setId("results-state-filter");
        state.getItems().add(null);
        state.getItems().addAll(ResultsRoot.State.values());
        state.setConverter(new StringConverter<>() {
            @Override
            public String toString(ResultsRoot.State s) {
                return s == null ? "every state" : s.label();
            }

            @Override
            public ResultsRoot.State fromString(String text) {
                return null;
            }
        });
        state.valueProperty().bindBidirectional(vm.stateFilterProperty());
        state.setTooltip(new Tooltip("Only jobs in this state."));
        vm.optionFilters().addListener((ListChangeListener<ResultsViewModel.OptionFilter>) c -> fillOptionChoices());
        Button clear = button("Clear filters", "results-clear-filters", "Show every job.");
        clear.setOnAction(e -> vm.clearFilters());
        Label filterLabel = new Label("Show:");
        HBox filters = new HBox(8, filterLabel, filter, state, optionChoices, clear);
        filters.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(optionChoices, Priority.ALWAYS);
        Label same = new Label();
        same.setId("results-same-for-all");
        same.getStyleClass().add("caption");
        same.textProperty().bind(vm.sameForAllProperty());
        same.managedProperty().bind(same.textProperty().isNotEmpty());
        same.visibleProperty().bind(same.textProperty().isNotEmpty());

        table.setId("results-table");
        table.setPlaceholder(new Label("No jobs to show. Open a results root: the folder a sweep wrote (sweep <file> --root <folder>),"
                + " or a folder of training runs such as runs/."));
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        SortedList<JobRow> sorted = new SortedList<>(vm.shownRows());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        vm.optionColumns().addListener((ListChangeListener<String>) c -> rebuildColumns());
        rebuildColumns();
        table.setRowFactory(t -> row());
        table.getSelectionModel().selectedItemProperty().addListener((o, a, r) -> {
            if (!syncing && r != null) {
                vm.selectedProperty().set(r);
            }
        });
        vm.selectedProperty().addListener((o, a, r) -> selectInTable(r));
        sorted.addListener((ListChangeListener<JobRow>) c -> selectInTable(vm.selectedProperty().get()));
        VBox.setVgrow(table, Priority.ALWAYS);

        Button curves = button("Open curves in Training", "results-open-curves",
                "Plot the selected job's training curves in the Training tab (and load its checkpoint there, when it has one).");
        curves.setOnAction(e -> vm.openCurves());
        curves.disableProperty().bind(vm.canOpenCurvesProperty().not());
        Button model = button("Open model in Latents", "results-open-model",
                "Load the selected job's trained model (its last.ckpt) into the Latents tab (a completion model: the Complete tab).");
        model.setOnAction(e -> vm.openModel());
        model.disableProperty().bind(vm.canOpenModelProperty().not());
        Label count = new Label();
        count.setId("results-count");
        count.getStyleClass().add("caption");
        count.textProperty().bind(vm.shownCountProperty());
        Label hint = new Label("Double-click a job: its curves in the Training tab.");
        hint.getStyleClass().add("caption");
        HBox buttons = new HBox(8, curves, model, count, hint);
        buttons.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(6, filters, same, table, buttons);
        box.setPadding(new Insets(8, 10, 8, 10));
        return box;
    }

    private void fillOptionChoices() {
        optionChoices.getChildren().clear();
        for (ResultsViewModel.OptionFilter f : vm.optionFilters()) {
            ChoiceBox<String> choice = new ChoiceBox<>();
            choice.getItems().setAll(f.choices());
            choice.setId("results-option-" + f.key());
            choice.valueProperty().bindBidirectional(f.selectedProperty());
            choice.setTooltip(new Tooltip("Only jobs with this " + f.key() + "."));
            Label key = new Label(f.key() + ":");
            HBox pair = new HBox(4, key, choice);
            pair.setAlignment(Pos.CENTER_LEFT);
            optionChoices.getChildren().add(pair);
        }
    }

    private void selectInTable(JobRow r) {
        if (syncing) {
            return;
        }
        syncing = true;
        try {
            if (r == null) {
                table.getSelectionModel().clearSelection();
            } else if (!r.equals(table.getSelectionModel().getSelectedItem())) {
                int i = table.getItems().indexOf(r);
                if (i >= 0) {
                    table.getSelectionModel().clearAndSelect(i);
                    table.scrollTo(Math.max(0, i - 2));
                } else {
                    table.getSelectionModel().clearSelection();
                }
            }
        } finally {
            syncing = false;
        }
    }

    private TableRow<JobRow> row() {
        TableRow<JobRow> row = new TableRow<>() {
            @Override
            protected void updateItem(JobRow item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeIf(s -> s.startsWith("state-"));
                if (empty || item == null) {
                    setTooltip(null);
                    return;
                }
                getStyleClass().add("state-" + item.state());
                ResultsRoot.Job j = item.job();
                setTooltip(new Tooltip(j.id() + (j.model().isEmpty() ? "" : "\n" + j.model())
                        + (j.note().isEmpty() ? "" : "\n" + j.note()) + "\n" + j.folder()));
            }
        };
        MenuItem curves = new MenuItem("Open curves in Training");
        curves.setOnAction(e -> vm.openCurves());
        curves.disableProperty().bind(vm.canOpenCurvesProperty().not());
        MenuItem model = new MenuItem("Open model in Latents");
        model.setOnAction(e -> vm.openModel());
        model.disableProperty().bind(vm.canOpenModelProperty().not());
        MenuItem copy = new MenuItem("Copy the job's folder");
        copy.setOnAction(e -> {
            if (row.getItem() != null) {
                ClipboardContent content = new ClipboardContent();
                content.putString(row.getItem().folder().toAbsolutePath().toString());
                Clipboard.getSystemClipboard().setContent(content);
            }
        });
        row.contextMenuProperty().bind(Bindings.when(row.emptyProperty()).then((ContextMenu) null)
                .otherwise(new ContextMenu(curves, model, copy)));
        row.setOnMouseClicked(e -> {
            if (!row.isEmpty() && e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
                vm.selectedProperty().set(row.getItem());
                vm.openCurves();
            }
        });
        return row;
    }

    private void rebuildColumns() {
        List<String> keys = List.copyOf(vm.optionColumns());
        if (keys.equals(shownOptionColumns) && !table.getColumns().isEmpty()) {
            return; // the same grid read again: keep the columns, their widths and the sort order
        }
        shownOptionColumns = keys;
        List<TableColumn<JobRow, ?>> cols = new ArrayList<>();
        for (String key : keys) {
            int chars = vm.optionFilters().stream().filter(f -> f.key().equals(key)).flatMap(f -> f.choices().stream())
                    .mapToInt(String::length).max().orElse(4);
            cols.add(column(key, "option-" + key, r -> r.option(key),
                    (a, b) -> ResultsText.compareValues(a.option(key), b.option(key)),
                    Math.min(260, 26 + 7.5 * Math.max(chars, key.length()))));
        }
        if (!keys.contains("dataset")) { // a grid over datasets shows it as its option already
            cols.add(column("dataset", "dataset", JobRow::dataset, Comparator.comparing(JobRow::dataset), 90));
        }
        cols.add(column("status", "status", JobRow::state, Comparator.comparing(r -> r.job().state()), 70));
        cols.add(numeric("test NLL", "nll", JobRow::nll, r -> r.job().nll(), 78));
        cols.add(numeric("paper", "paper", JobRow::paper, r -> r.job().paperNll(), 60));
        cols.add(numeric("Δ paper", "difference", JobRow::difference, r -> r.job().difference(), 66));
        cols.add(numeric("k", "k", JobRow::k, r -> r.job().k() > 0 ? r.job().k() : Double.NaN, 56));
        cols.add(numeric("epochs", "epochs", JobRow::epochs, r -> r.job().epochs() < 0 ? Double.NaN : r.job().epochs(), 64));
        cols.add(numeric("wall time", "wall", JobRow::wallTime, r -> r.job().wallSeconds(), 86));
        cols.add(column("note", "note", r -> r.job().note(), Comparator.comparing(r -> r.job().note()), 300));
        table.getSortOrder().clear();
        table.getColumns().setAll(cols);
    }

    /** A column of numbers: sorted by value, the unknown (NaN, shown blank) last whichever way it sorts. */
    private static TableColumn<JobRow, JobRow> numeric(String title, String id, Function<JobRow, String> text,
                                                       java.util.function.ToDoubleFunction<JobRow> value, double width) {
        TableColumn<JobRow, JobRow> c = column(title, id, text, null, width);
        c.setComparator((a, b) -> {
            double x = value.applyAsDouble(a);
            double y = value.applyAsDouble(b);
            if (Double.isNaN(x) || Double.isNaN(y)) {
                int last = c.getSortType() == TableColumn.SortType.DESCENDING ? -1 : 1; // the table reverses descending
                return Double.isNaN(x) == Double.isNaN(y) ? 0 : Double.isNaN(x) ? last : -last;
            }
            return Double.compare(x, y);
        });
        c.getStyleClass().add("number");
        return c;
    }

    private static TableColumn<JobRow, JobRow> column(String title, String id, Function<JobRow, String> text,
                                                      Comparator<JobRow> order, double width) {
        TableColumn<JobRow, JobRow> c = new TableColumn<>(title);
        c.setId("results-col-" + id);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(d.getValue()));
        if (order != null) {
            c.setComparator(order);
        }
        c.setPrefWidth(width);
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(JobRow item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : text.apply(item));
            }
        });
        return c;
    }

    private static Button button(String text, String id, String tip) {
        Button b = new Button(text);
        b.setId(id);
        b.setTooltip(new Tooltip(tip));
        return b;
    }
}

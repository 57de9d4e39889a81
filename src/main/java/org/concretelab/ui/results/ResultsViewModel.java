package org.concretelab.ui.results;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import org.concretelab.model.VaeModel;
import org.concretelab.model.VaeModels;
import org.concretelab.sweep.PaperTable;
import org.concretelab.sweep.ResultsRoot;
import org.concretelab.train.CheckpointException;
import org.concretelab.train.Checkpoints;
import org.concretelab.train.TrainingCheckpoint;
import org.concretelab.ui.settings.AppSettings;
import org.concretelab.ui.settings.RecentFiles;

/**
 * The Results tab without its controls: the results root shown (read in the background, again on Refresh), its jobs
 * as rows with a filter (text, state, one choice per grid option), the paper's Table 1 laid out with our figures, the
 * selected job and the commands that open its curves (Training tab) or its model (Latents tab), and the roots the app
 * remembers. Confined to the FX thread: background results come back through the {@code ui} executor.
 */
public final class ResultsViewModel {
    static final String ROOT_KEY = "results.root";
    static final String RECENT_KEY = "results.recent";
    static final int RECENT_MAX = 8;
    /** The seed's pseudo option key: a column and a filter when a root has several seeds. */
    static final String SEED = "seed";
    /** Shown for "any value" in an option's choice. */
    public static final String ANY = "any";

    /** A choice of one grid option's value ({@link #ANY} for every value). */
    public static final class OptionFilter {
        private final String key;
        private final List<String> values;
        private final StringProperty selected = new SimpleStringProperty(ANY);

        OptionFilter(String key, List<String> values) {
            this.key = key;
            this.values = List.copyOf(values);
        }

        public String key() {
            return key;
        }

        /** {@link #ANY}, then the values the root's jobs have. */
        public List<String> choices() {
            List<String> out = new ArrayList<>(List.of(ANY));
            out.addAll(values);
            return out;
        }

        public StringProperty selectedProperty() {
            return selected;
        }
    }

    private final Executor background;
    private final Executor ui;
    private final AppSettings settings;
    private final RecentFiles recentRoots;
    private final ReadOnlyObjectWrapper<Path> root = new ReadOnlyObjectWrapper<>();
    private final ObservableList<JobRow> rows = FXCollections.observableArrayList();
    private final FilteredList<JobRow> shown = new FilteredList<>(rows, r -> true);
    private final ObservableList<String> columns = FXCollections.observableArrayList();
    private final ObservableList<OptionFilter> optionFilters = FXCollections.observableArrayList();
    private final StringProperty filterText = new SimpleStringProperty("");
    private final ObjectProperty<ResultsRoot.State> stateFilter = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<List<PaperTable.Section>> sections =
            new ReadOnlyObjectWrapper<>(PaperTable.layout(List.of()));
    private final ReadOnlyStringWrapper sameForAll = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper tableNote = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper shownCount = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper messageIsError = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper live = new ReadOnlyBooleanWrapper();
    private final BooleanProperty autoRefresh = new SimpleBooleanProperty(true);
    private final ObjectProperty<JobRow> selected = new SimpleObjectProperty<>();
    private final ReadOnlyBooleanWrapper canOpenCurves = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canOpenModel = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper openingModel = new ReadOnlyBooleanWrapper();
    private final ObservableList<Path> recent = FXCollections.observableArrayList();
    private Consumer<JobRow> curvesOpener = r -> { };
    private BiConsumer<JobRow, VaeModel> modelOpener = (r, m) -> { };
    /** Counts the reads started: only the latest one's result is shown. */
    private long generation;

    /**
     * @param background runs the reads of roots and checkpoints
     * @param ui         runs their results on the FX thread (e.g. {@code Platform::runLater})
     * @param settings   where the last root and the recent ones are remembered
     */
    public ResultsViewModel(Executor background, Executor ui, AppSettings settings) {
        this.background = background;
        this.ui = ui;
        this.settings = settings;
        this.recentRoots = new RecentFiles(settings, RECENT_KEY, RECENT_MAX, Files::isDirectory);
        filterText.addListener((o, a, b) -> refilter());
        stateFilter.addListener((o, a, b) -> refilter());
        selected.addListener((o, a, r) -> {
            canOpenCurves.set(r != null && (r.checkpoint() != null || r.curves()));
            canOpenModel.set(r != null && r.checkpoint() != null && !openingModel.get());
        });
        openingModel.addListener((o, a, b) -> canOpenModel.set(selected.get() != null && selected.get().checkpoint() != null && !b));
        refreshRecent();
    }

    // ------------------------------------------------------------------ commands

    /** Reads {@code dir} in the background and shows it; a folder that is not a results root is refused with a message. */
    public void open(Path dir) {
        read(dir, true);
    }

    /** Reads the shown root again (a sweep may have moved on). */
    public void refresh() {
        if (root.get() != null) {
            read(root.get(), false);
        }
    }

    /** Opens the root the app showed last, if it still exists (at start-up). */
    public void openLast() {
        settings.getFolder(ROOT_KEY).ifPresent(this::open);
    }

    private void read(Path dir, boolean opening) {
        long mine = ++generation;
        loading.set(true);
        background.execute(() -> {
            ResultsRoot r = null;
            List<JobRow> read = null;
            String problem = null;
            try {
                r = ResultsRoot.read(dir);
                read = r.jobs().stream().map(JobRow::of).toList();
            } catch (ResultsRoot.NotAResultsRootException e) {
                problem = e.getMessage();
            } catch (IOException e) {
                problem = "Cannot read " + dir + ": " + e.getMessage();
            } catch (RuntimeException e) { // a bug must reach the user, not die with the task
                problem = "Cannot read " + dir + ": " + e;
            }
            ResultsRoot result = r;
            List<JobRow> jobs = read;
            String why = problem;
            ui.execute(() -> {
                if (mine != generation) {
                    return; // another read started since: its result wins
                }
                loading.set(false);
                if (why != null) {
                    error(why + (opening ? "" : " (the table shows what was read before)"));
                    return;
                }
                boolean sameRoot = root.get() != null && root.get().toAbsolutePath().normalize()
                        .equals(result.dir().toAbsolutePath().normalize());
                show(result, jobs, sameRoot);
                if (opening) {
                    remember(dir);
                }
                if (messageIsError.get()) {
                    message.set(""); // the root reads again
                }
            });
        });
    }

    /** Shows a root read; {@code again}: the root shown already, read again, whose filters and selection stay. */
    private void show(ResultsRoot r, List<JobRow> jobs, boolean again) {
        String selectedId = !again || selected.get() == null ? null : selected.get().id();
        Map<String, String> chosen = new HashMap<>();
        if (again) {
            optionFilters.forEach(f -> chosen.put(f.key(), f.selectedProperty().get()));
        } else { // another root: its own jobs, unfiltered
            filterText.set("");
            stateFilter.set(null);
        }
        root.set(r.dir());
        // the options that differ between jobs are columns and choices; the others are said once
        Map<String, Set<String>> values = new LinkedHashMap<>();
        List<String> keys = new ArrayList<>(r.optionKeys());
        keys.add(SEED);
        for (String key : keys) {
            values.put(key, jobs.stream().map(j -> j.option(key)).collect(Collectors.toCollection(LinkedHashSet::new)));
        }
        List<String> varying = keys.stream().filter(k -> values.get(k).size() > 1).toList();
        List<String> constant = keys.stream().filter(k -> values.get(k).size() == 1 && !values.get(k).contains("")).toList();
        sameForAll.set(constant.isEmpty() ? "" : "Every job: " + constant.stream()
                .map(k -> k + " " + values.get(k).iterator().next()).collect(Collectors.joining(" · ")));
        List<OptionFilter> filters = new ArrayList<>();
        for (String key : varying) {
            OptionFilter f = new OptionFilter(key, ResultsText.sortedValues(values.get(key)));
            String before = chosen.get(key);
            if (before != null && f.choices().contains(before)) {
                f.selectedProperty().set(before);
            }
            f.selectedProperty().addListener((o, a, b) -> refilter());
            filters.add(f);
        }
        optionFilters.setAll(filters);
        columns.setAll(varying); // after the filters: the view sizes the columns by their values
        rows.setAll(jobs);
        refilter();
        sections.set(PaperTable.layout(r.jobs()));
        tableNote.set(ResultsText.tableNote(r.jobs()));
        summary.set(ResultsText.summary(r));
        live.set(r.sweepRunning() || r.count(ResultsRoot.State.RUNNING) > 0);
        selected.set(selectedId == null ? null : shown.stream().filter(j -> j.id().equals(selectedId)).findFirst().orElse(null));
    }

    private void refilter() {
        String[] words = filterText.get() == null ? new String[0] : filterText.get().toLowerCase(Locale.ROOT).trim().split("\\s+");
        ResultsRoot.State state = stateFilter.get();
        Map<String, String> choices = new HashMap<>();
        optionFilters.forEach(f -> {
            if (!ANY.equals(f.selectedProperty().get())) {
                choices.put(f.key(), f.selectedProperty().get());
            }
        });
        shown.setPredicate(r -> {
            if (state != null && r.job().state() != state) {
                return false;
            }
            for (Map.Entry<String, String> c : choices.entrySet()) {
                if (!c.getValue().equals(r.option(c.getKey()))) {
                    return false;
                }
            }
            List<String> tokens = r.words();
            for (String w : words) {
                if (!w.isEmpty() && tokens.stream().noneMatch(t -> t.startsWith(w))) {
                    return false;
                }
            }
            return true;
        });
        shownCount.set(rows.isEmpty() ? "" : shown.size() == rows.size() ? rows.size() + " jobs"
                : shown.size() + " of " + rows.size() + " jobs shown (filtered)");
        if (selected.get() != null && !shown.contains(selected.get())) {
            selected.set(null); // the buttons act on what is shown
        }
    }

    /** Clears the text, the state and every option choice. */
    public void clearFilters() {
        filterText.set("");
        stateFilter.set(null);
        optionFilters.forEach(f -> f.selectedProperty().set(ANY));
    }

    /** Selects the best done job of a Table 1 cell (else its first job), showing it again if the filters hid it. */
    public void select(PaperTable.Cell cell) {
        Optional<ResultsRoot.Job> job = cell.best().or(() -> cell.jobs().stream().findFirst());
        Optional<JobRow> row = job.flatMap(j -> rows.stream().filter(r -> r.id().equals(j.id())).findFirst());
        if (row.isPresent() && !shown.contains(row.get())) {
            clearFilters();
        }
        row.ifPresent(selected::set);
    }

    /** Opens the selected job's curves in the Training tab (with its checkpoint when it has one). */
    public void openCurves() {
        JobRow r = selected.get();
        if (r == null) {
            return;
        }
        if (r.checkpoint() == null && !r.curves()) {
            error(r.id() + " has no checkpoint and no curves yet (" + r.job().note() + ")");
            return;
        }
        curvesOpener.accept(r);
    }

    /** Reads the selected job's checkpoint in the background and hands its model to the Latents tab. */
    public void openModel() {
        JobRow r = selected.get();
        if (r == null || openingModel.get()) {
            return;
        }
        if (r.checkpoint() == null) {
            error(r.id() + " has no checkpoint" + (r.job().note().isEmpty() ? "" : " (" + r.job().note() + ")"));
            return;
        }
        Path file = r.checkpoint();
        openingModel.set(true);
        background.execute(() -> {
            VaeModel model = null;
            String problem = null;
            try {
                TrainingCheckpoint cp = Checkpoints.load(file);
                model = VaeModels.restore(cp.model());
            } catch (CheckpointException | IllegalArgumentException e) {
                problem = "Cannot open the model of " + r.id() + ": " + e.getMessage();
            } catch (RuntimeException e) {
                problem = "Cannot open the model of " + r.id() + ": " + e;
            }
            VaeModel m = model;
            String why = problem;
            ui.execute(() -> {
                openingModel.set(false);
                if (why != null) {
                    error(why);
                } else {
                    modelOpener.accept(r, m);
                }
            });
        });
    }

    // ------------------------------------------------------------------ remembered

    private void remember(Path dir) {
        settings.put(ROOT_KEY, dir.toAbsolutePath().normalize().toString());
        recentRoots.add(dir);
        refreshRecent();
    }

    /** Drops roots that have gone since the list was shown. */
    public void refreshRecent() {
        List<Path> now = recentRoots.list();
        if (!now.equals(recent)) {
            recent.setAll(now);
        }
    }

    /** Where the folder chooser opens: above the last root, else runs/ when there is one, else the working folder. */
    public Optional<Path> chooserFolder() {
        Optional<Path> last = settings.getFolder(ROOT_KEY).map(p -> p.toAbsolutePath().getParent()).filter(Files::isDirectory);
        return last.or(() -> Optional.of(Path.of("runs")).filter(Files::isDirectory))
                .or(() -> Optional.of(Path.of("").toAbsolutePath()));
    }

    // ------------------------------------------------------------------ messages

    private void error(String text) {
        messageIsError.set(true);
        message.set(text);
    }

    // ------------------------------------------------------------------ state for the view

    /** Called (FX thread) to show a job's curves in the Training tab. */
    public void setOnOpenCurves(Consumer<JobRow> opener) {
        this.curvesOpener = opener;
    }

    /** Called (FX thread) with a job's model, read off the FX thread, for the Latents tab. */
    public void setOnOpenModel(BiConsumer<JobRow, VaeModel> opener) {
        this.modelOpener = opener;
    }

    public ReadOnlyObjectProperty<Path> rootProperty() {
        return root.getReadOnlyProperty();
    }

    /** Every job of the root. */
    public ObservableList<JobRow> rows() {
        return rows;
    }

    /** The jobs the filters let through. */
    public ObservableList<JobRow> shownRows() {
        return shown;
    }

    /** The option keys whose values differ between jobs ({@link #SEED} among them when the seeds do): the table's columns. */
    public ObservableList<String> optionColumns() {
        return columns;
    }

    /** One choice per column of {@link #optionColumns()}. */
    public ObservableList<OptionFilter> optionFilters() {
        return optionFilters;
    }

    public StringProperty filterTextProperty() {
        return filterText;
    }

    /** Only jobs in this state; null for all. */
    public ObjectProperty<ResultsRoot.State> stateFilterProperty() {
        return stateFilter;
    }

    /** The paper's Table 1 with our figures, one section per task. */
    public ReadOnlyObjectProperty<List<PaperTable.Section>> sectionsProperty() {
        return sections.getReadOnlyProperty();
    }

    /** The options every job shares ("Every job: batch 50 · epochs …"), "" when none. */
    public ReadOnlyStringProperty sameForAllProperty() {
        return sameForAll.getReadOnlyProperty();
    }

    /** Jobs per state and the sweep's state. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** How our figures and the paper's were measured. */
    public ReadOnlyStringProperty tableNoteProperty() {
        return tableNote.getReadOnlyProperty();
    }

    /** "24 jobs" or "5 of 24 jobs shown (filtered)". */
    public ReadOnlyStringProperty shownCountProperty() {
        return shownCount.getReadOnlyProperty();
    }

    /** The last message for the user ("" for none); {@link #messageIsErrorProperty()} says whether it is a problem. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty messageIsErrorProperty() {
        return messageIsError.getReadOnlyProperty();
    }

    /** A root is being read. */
    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** The root is still changing (a sweep holds it, or a job runs): worth refreshing. */
    public ReadOnlyBooleanProperty liveProperty() {
        return live.getReadOnlyProperty();
    }

    /** Refresh on a timer while the root is {@link #liveProperty() live}. */
    public BooleanProperty autoRefreshProperty() {
        return autoRefresh;
    }

    public ObjectProperty<JobRow> selectedProperty() {
        return selected;
    }

    public ReadOnlyBooleanProperty canOpenCurvesProperty() {
        return canOpenCurves.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canOpenModelProperty() {
        return canOpenModel.getReadOnlyProperty();
    }

    /** The roots opened lately that still exist, most recent first. */
    public ObservableList<Path> recentRoots() {
        return recent;
    }
}

package org.concretelab.ui.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.concretelab.model.Architecture;
import org.concretelab.model.VaeModel;
import org.concretelab.sweep.PaperTable;
import org.concretelab.sweep.ResultsRoot;
import org.concretelab.sweep.ResultsRootFixture;
import org.concretelab.ui.settings.AppSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Results tab's view model on a Table 1 root written through the sweep's API: rows, columns, filters, the paper's
 * table as text, the roots remembered, a folder that is no root, and the commands that open a job's curves and model.
 * Runs its background work in the calling thread, so no FX thread is needed.
 */
class ResultsViewModelTest {
    private static final Executor NOW = Runnable::run;

    @TempDir
    static Path shared;
    static Path root;

    @TempDir
    Path dir;

    @BeforeAll
    static void writeRoot() throws Exception {
        root = Files.createDirectories(shared.resolve("table1"));
        ResultsRootFixture.table1(root);
    }

    private static ResultsViewModel opened(AppSettings settings) {
        ResultsViewModel vm = new ResultsViewModel(NOW, NOW, settings);
        vm.open(root);
        assertEquals("", vm.messageProperty().get());
        return vm;
    }

    @Test
    void aRootShowsItsJobsTheVaryingOptionsAsColumnsAndThePapersTable() {
        ResultsViewModel vm = opened(AppSettings.inMemory());
        assertEquals(root, vm.rootProperty().get());
        assertEquals(15, vm.rows().size());
        assertEquals(List.of("arch", "samples", "estimator"), vm.optionColumns());
        assertEquals("Every job: seed 1", vm.sameForAllProperty().get());
        assertTrue(vm.summaryProperty().get().startsWith("15 jobs: 10 done, 1 failed, 4 invalid · results.csv written"),
                vm.summaryProperty().get());
        assertEquals("15 jobs", vm.shownCountProperty().get());
        assertFalse(vm.liveProperty().get(), "nothing runs");
        JobRow first = vm.rows().get(0);
        assertEquals("200H-784V", first.option("arch"));
        assertEquals("1", first.option(ResultsViewModel.SEED));
        assertEquals(List.of("done", "100.00", "107.3", "-7.3", "50", "2", "28 s"),
                List.of(first.state(), first.nll(), first.paper(), first.difference(), first.k(), first.epochs(), first.wallTime()));
        JobRow invalid = vm.rows().get(2);
        assertEquals(List.of("invalid", "", "—", "", "", "—"),
                List.of(invalid.state(), invalid.nll(), invalid.paper(), invalid.difference(), invalid.k(), invalid.epochs()));
        JobRow failed = vm.rows().get(14);
        assertEquals("1 of 3", failed.epochs(), "a job not done says how far it got");
        assertTrue(vm.tableNoteProperty().get().contains("k = 50 on 500 test images after 2 epochs"), vm.tableNoteProperty().get());

        PaperTable.Section density = vm.sectionsProperty().get().get(0);
        ResultsText.CellText done = ResultsText.cellText(density.rows().get(0).cells().get(0));
        assertEquals(new ResultsText.CellText("100.00", "paper 107.3 (-7.3)", "done", done.tooltip()), done);
        ResultsText.CellText missing = ResultsText.cellText(density.rows().get(0).cells().get(4));
        assertEquals("— not run", missing.ours());
        assertEquals("paper 104.3", missing.paper());
        assertEquals("missing", missing.style());
        assertEquals("failed", ResultsText.cellText(density.rows().get(0).cells().get(3)).ours());
    }

    @Test
    void filtersByTextStateAndOption() {
        ResultsViewModel vm = opened(AppSettings.inMemory());
        vm.filterTextProperty().set("nvil");
        assertEquals(4, vm.shownRows().size());
        vm.filterTextProperty().set("NVIL 200h~784v");
        assertEquals(List.of("arch=200H~784V_samples=1_estimator=nvil_seed=1"), vm.shownRows().stream().map(JobRow::id).toList(),
                "every word, any case");
        assertEquals("1 of 15 jobs shown (filtered)", vm.shownCountProperty().get());
        vm.filterTextProperty().set("");
        vm.stateFilterProperty().set(ResultsRoot.State.INVALID);
        assertEquals(4, vm.shownRows().size());
        vm.stateFilterProperty().set(null);
        ResultsViewModel.OptionFilter samples = vm.optionFilters().stream().filter(f -> f.key().equals("samples")).findFirst().orElseThrow();
        assertEquals(List.of(ResultsViewModel.ANY, "1", "5"), samples.choices());
        samples.selectedProperty().set("5");
        assertEquals(3, vm.shownRows().size());
        ResultsViewModel.OptionFilter estimator = vm.optionFilters().get(2);
        assertEquals(List.of(ResultsViewModel.ANY, "concrete", "nvil", "vimco"), estimator.choices());
        estimator.selectedProperty().set("vimco");
        assertEquals(2, vm.shownRows().size(), "200H~784V done and 200H-784V failed");
        vm.selectedProperty().set(vm.shownRows().get(0));
        vm.refresh();
        assertEquals(2, vm.shownRows().size(), "a refresh keeps the filters");
        assertEquals("vimco", vm.optionFilters().get(2).selectedProperty().get());
        assertEquals(vm.shownRows().get(0).id(), vm.selectedProperty().get().id(), "and the selection");
        vm.optionFilters().get(1).selectedProperty().set("1"); // the filters of the root as read again
        assertNull(vm.selectedProperty().get(), "a job the filters hide is no longer selected");
        vm.clearFilters();
        assertEquals(15, vm.shownRows().size());
    }

    @Test
    void valuesSortAsNumbersThenText() {
        List<String> v = new ArrayList<>(List.of("50", "5", "1e-3", "vimco", "1", "concrete"));
        v.sort(ResultsText::compareValues);
        assertEquals(List.of("1e-3", "1", "5", "50", "concrete", "vimco"), v);
    }

    @Test
    void aFolderThatIsNoRootIsRefusedAndTheShownRootStays() throws Exception {
        ResultsViewModel vm = opened(AppSettings.inMemory());
        Path empty = Files.createDirectories(dir.resolve("nothing here"));
        vm.open(empty);
        assertTrue(vm.messageIsErrorProperty().get());
        assertTrue(vm.messageProperty().get().contains("holds no sweep results"), vm.messageProperty().get());
        assertEquals(root, vm.rootProperty().get(), "the root shown before stays");
        assertEquals(15, vm.rows().size());
        vm.refresh();
        assertEquals("", vm.messageProperty().get(), "the root reads again: the problem is gone");
        ResultsViewModel fresh = new ResultsViewModel(NOW, NOW, AppSettings.inMemory());
        fresh.open(dir.resolve("missing"));
        assertTrue(fresh.messageProperty().get().contains("does not exist"), fresh.messageProperty().get());
        assertNull(fresh.rootProperty().get());
        assertTrue(fresh.rows().isEmpty());
    }

    @Test
    void theLastRootAndTheRecentOnesAreRemembered() throws Exception {
        AppSettings settings = AppSettings.inMemory();
        ResultsViewModel vm = opened(settings);
        Path other = Files.createDirectories(dir.resolve("other"));
        ResultsRootFixture.invalid(other, ResultsRootFixture.job(Architecture.LINEAR_ONE, 1, "vimco"), "no");
        vm.filterTextProperty().set("nvil");
        vm.open(other);
        assertEquals("", vm.filterTextProperty().get(), "another root is shown unfiltered");
        assertEquals(1, vm.shownRows().size());
        assertEquals(List.of(other.toAbsolutePath(), root.toAbsolutePath()), vm.recentRoots());
        ResultsViewModel next = new ResultsViewModel(NOW, NOW, settings);
        assertEquals(2, next.recentRoots().size());
        next.openLast();
        assertEquals(other, next.rootProperty().get().toAbsolutePath());
        assertEquals(other.toAbsolutePath().getParent(), next.chooserFolder().orElseThrow(), "the chooser opens beside it");
        vm.open(dir.resolve("nothing"));
        assertEquals(other.toAbsolutePath().toString(), settings.get(ResultsViewModel.ROOT_KEY).orElseThrow(),
                "a folder that is no root is not remembered");
    }

    @Test
    void aJobsCurvesAndModelAreHandedOn() {
        ResultsViewModel vm = opened(AppSettings.inMemory());
        List<JobRow> curves = new ArrayList<>();
        List<VaeModel> models = new ArrayList<>();
        vm.setOnOpenCurves(curves::add);
        vm.setOnOpenModel((r, m) -> models.add(m));
        assertFalse(vm.canOpenCurvesProperty().get() || vm.canOpenModelProperty().get(), "nothing selected");
        JobRow nvil = vm.rows().get(7); // 200H~784V, m = 1, NVIL
        vm.selectedProperty().set(nvil);
        assertTrue(vm.canOpenCurvesProperty().get() && vm.canOpenModelProperty().get());
        vm.openCurves();
        assertEquals(List.of(nvil), curves);
        assertEquals(nvil.folder().resolve("last.ckpt"), curves.get(0).checkpoint());
        vm.openModel();
        assertEquals(1, models.size());
        assertEquals(ResultsRootFixture.paperSpec(Architecture.NONLINEAR_ONE, 1, "nvil"), models.get(0).spec());

        JobRow invalid = vm.rows().get(2);
        vm.selectedProperty().set(invalid);
        assertFalse(vm.canOpenCurvesProperty().get() || vm.canOpenModelProperty().get(), "an invalid job trained nothing");
        vm.openModel();
        assertTrue(vm.messageIsErrorProperty().get() && vm.messageProperty().get().contains("has no checkpoint"),
                vm.messageProperty().get());
        assertEquals(1, models.size());
    }

    @Test
    void aSectionsTitleCountsThePapersCellsNotTheGrids() {
        ResultsRoot.Job completion = new ResultsRoot.Job("b", dir, java.util.Map.of("task", "completion", "arch",
                "392V-240H-240H-392V"), 1, ResultsRoot.State.DONE, 60, 1000, 10_000, 50, 50, 40, 58.5, "", null, "");
        ResultsRoot.Job nonlinear = new ResultsRoot.Job("c", dir, java.util.Map.of("task", "completion"), 1, // the default
                ResultsRoot.State.DONE, 55, 1000, 10_000, 50, 50, 40, Double.NaN, "", null, "");     // arch, 392V~240H~240H~392V
        List<org.concretelab.sweep.PaperTable.Section> sections = org.concretelab.sweep.PaperTable.layout(List.of(completion));
        assertEquals("Density estimation: MNIST test NLL (nats) · 0 of the paper's 24 cells with a job",
                ResultsText.sectionTitle(sections.get(0)));
        assertEquals("Structured prediction: test NLL of the bottom half given the top (nats) · 1 of the paper's 6 cells"
                + " with a job", ResultsText.sectionTitle(sections.get(1)), "its grid has 24 cells; the paper ran 6");
        assertEquals("Structured prediction: test NLL of the bottom half given the top (nats) · 1 of the paper's 6 cells"
                + " with a job, 1 other model", ResultsText.sectionTitle(org.concretelab.sweep.PaperTable.layout(
                List.of(completion, nonlinear)).get(1)));
    }

    @Test
    void theNoteSaysHowThePapersStructuredPredictionFiguresDiffer() {
        ResultsRoot.Job density = new ResultsRoot.Job("a", dir, java.util.Map.of("task", "density"), 1,
                ResultsRoot.State.DONE, 100, 1000, 10_000, 50, 50, 40, 107.3, "", null, "");
        ResultsRoot.Job completion = new ResultsRoot.Job("b", dir, java.util.Map.of("task", "completion"), 1,
                ResultsRoot.State.DONE, 60, 1000, 10_000, 50, 50, 40, 58.5, "", null, "");
        assertFalse(ResultsText.tableNote(List.of(density)).contains("Structured prediction"), "density alone: no word of it");
        String note = ResultsText.tableNote(List.of(density, completion));
        assertTrue(note.contains("Structured prediction: the paper's figures (its Figure 4 table) are at k = 100")
                && note.contains("weight decay 10⁻³"), note);
    }

    @Test
    void theNoteSaysWhichJobsHadTheCentringOfEarlierBuilds() {
        org.concretelab.model.ModelSpec paper = org.concretelab.model.ModelSpec.defaults().withCentring(true);
        ResultsRoot.Job now = new ResultsRoot.Job("a", dir, java.util.Map.of("task", "density"), 1,
                ResultsRoot.State.DONE, 100, 1000, 10_000, 50, 50, 40, 92.1, "", paper, "");
        ResultsRoot.Job before = new ResultsRoot.Job("b", dir, java.util.Map.of("task", "density"), 1,
                ResultsRoot.State.DONE, 100, 1000, 10_000, 50, 50, 40, 92.1, "",
                paper.withCentring(org.concretelab.model.Centring.EVERY_READER), "");
        assertFalse(ResultsText.tableNote(List.of(now)).contains("before 2026-12-07 12:50 UTC"), "the paper's centring: no word of it");
        String note = ResultsText.tableNote(List.of(now, before, before));
        assertTrue(note.contains("2 jobs here were trained with the EMA centring of builds before 2026-12-07 12:50 UTC"), note);
    }

    @Test
    void aRunningCellSaysHowFarItsJobHasGot() {
        PaperTable.Place place = new PaperTable.Place("density", Architecture.NONLINEAR_ONE, new PaperTable.Column(50, "concrete"));
        ResultsRoot.Job running = new ResultsRoot.Job("a", dir, java.util.Map.of(), 1, ResultsRoot.State.RUNNING, Double.NaN, 0, 0, 1,
                3, 40, 88.5, "", null, "training (1 of 3 epochs)");
        ResultsRoot.Job queued = new ResultsRoot.Job("b", dir, java.util.Map.of(), 2, ResultsRoot.State.QUEUED, Double.NaN, 0, 0, 0,
                3, 0, 88.5, "", null, "waiting");
        ResultsText.CellText both = ResultsText.cellText(new PaperTable.Cell(place, 88.5, List.of(queued, running)));
        assertEquals(new ResultsText.CellText("running · 1/3", "paper 88.5", "running", both.tooltip()), both);
        ResultsText.CellText waits = ResultsText.cellText(new PaperTable.Cell(place, 88.5, List.of(queued)));
        assertEquals("queued", waits.ours());
        assertEquals("queued", waits.style());
    }

    @Test
    void aCellSelectsItsBestJob() {
        ResultsViewModel vm = opened(AppSettings.inMemory());
        PaperTable.Cell cell = vm.sectionsProperty().get().get(0).rows().get(2).cells().get(2); // 200H~784V, m = 5, Concrete
        vm.filterTextProperty().set("nvil");
        vm.select(cell);
        assertEquals("arch=200H~784V_samples=5_estimator=concrete_seed=1", vm.selectedProperty().get().id());
        assertEquals("", vm.filterTextProperty().get(), "the filters that hid it are cleared");
    }
}

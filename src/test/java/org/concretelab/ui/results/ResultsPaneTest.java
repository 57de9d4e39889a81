package org.concretelab.ui.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.concretelab.sweep.JobResult;
import org.concretelab.sweep.ResultsRootFixture;
import org.concretelab.ui.settings.AppSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Results tab on real results roots, headless: one written by a real tiny sweep (two jobs trained in child JVMs and
 * scored), one laid out like the paper's Table 1 through the sweep's API. The jobs' table sorts and filters, the paper's
 * table marks what was not run, a double-click asks for a job's curves, and a folder that is no root is refused.
 */
@ExtendWith(ApplicationExtension.class)
class ResultsPaneTest {
    @TempDir
    static Path shared;
    static Path sweepRoot;
    static Path table1Root;
    static List<JobResult> swept;
    static final ExecutorService BACKGROUND = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "results-test");
        t.setDaemon(true);
        return t;
    });

    private ResultsPane pane;
    private final List<JobRow> curvesAsked = new ArrayList<>();

    @BeforeAll
    static void roots() throws Exception {
        sweepRoot = shared.resolve("tiny");
        swept = ResultsRootFixture.tinySweep(sweepRoot);
        table1Root = Files.createDirectories(shared.resolve("table1"));
        ResultsRootFixture.table1(table1Root);
    }

    @AfterAll
    static void stop() {
        BACKGROUND.shutdownNow();
    }

    @Start
    void start(Stage stage) {
        ResultsViewModel vm = new ResultsViewModel(BACKGROUND, Platform::runLater, AppSettings.inMemory());
        vm.setOnOpenCurves(curvesAsked::add);
        pane = new ResultsPane(vm);
        stage.setScene(new Scene(pane, 1260, 760)); // within Monocle's 1280×800 headless screen (wider overflowed its framebuffer)
        stage.show();
    }

    private void open(FxRobot robot, Path root) throws Exception {
        robot.interact(() -> pane.viewModel().open(root));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !pane.viewModel().loadingProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    @SuppressWarnings("unchecked")
    private TableView<JobRow> table(FxRobot robot) {
        return robot.lookup("#results-table").queryAs(TableView.class);
    }

    private static String text(FxRobot robot, String cellId, int line) {
        VBox cell = robot.lookup(cellId).queryAs(VBox.class);
        return ((Label) cell.getChildren().get(line)).getText();
    }

    @Test
    void aRealTinySweepsRootShowsItsJobs(FxRobot robot) throws Exception {
        assertTrue(swept.stream().allMatch(r -> r.status() == JobResult.Status.DONE), swept.toString());
        open(robot, sweepRoot);
        TableView<JobRow> table = table(robot);
        assertEquals(2, table.getItems().size());
        assertEquals("units", table.getColumns().get(0).getText(), "the one option that varies is a column");
        assertTrue(robot.lookup("#results-same-for-all").queryAs(Label.class).getText()
                .startsWith("Every job: hidden 16 · batch 20 · train-limit 200"), "the others are said once");
        JobRow first = table.getItems().get(0);
        assertEquals("8", first.option("units"));
        assertEquals("done", first.state());
        assertEquals(swept.get(0).nll(), first.job().nll(), 1e-9);
        assertEquals("5", first.k());
        assertEquals("—", first.paper(), "the paper has no 8-unit model");
        assertTrue(robot.lookup("#results-summary").queryAs(Label.class).getText().startsWith("2 jobs: 2 done · results.csv written"));
        assertEquals("— not run", text(robot, "#t1-density-nonlinear_one-m1-concrete", 0),
                "no job of the paper's models: every cell is marked");
        assertEquals("paper 92.1", text(robot, "#t1-density-nonlinear_one-m1-concrete", 1));
    }

    @Test
    void theTable1RootSortsFiltersAndOpensCurves(FxRobot robot) throws Exception {
        open(robot, table1Root);
        TableView<JobRow> table = table(robot);
        assertEquals(15, table.getItems().size());
        assertEquals("100.00", text(robot, "#t1-density-linear_one-m1-concrete", 0));
        assertEquals("paper 107.3 (-7.3)", text(robot, "#t1-density-linear_one-m1-concrete", 1));
        assertEquals("failed", text(robot, "#t1-density-linear_one-m5-vimco", 0));
        assertEquals("— not run", text(robot, "#t1-density-nonlinear_two-m50-vimco", 0));
        assertTrue(robot.lookup("#t1-density-nonlinear_two-m50-vimco").query().getStyleClass().contains("missing"));

        // sort by test NLL, descending on the second click: the jobs without one stay last ascending
        TableColumn<JobRow, ?> nll = table.getColumns().stream().filter(c -> c.getText().equals("test NLL")).findFirst().orElseThrow();
        robot.clickOn(nll.getText());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("98.00", table.getItems().get(0).nll());
        assertEquals("", table.getItems().get(14).nll());
        robot.clickOn(nll.getText());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("110.50", table.getItems().get(0).nll());

        robot.clickOn("#results-filter").write("nvil");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(4, table.getItems().size());
        assertEquals("4 of 15 jobs shown (filtered)", robot.lookup("#results-count").queryAs(Label.class).getText());
        robot.interact(() -> robot.lookup("#results-filter").queryAs(javafx.scene.control.TextField.class).clear());
        @SuppressWarnings("unchecked")
        ChoiceBox<String> estimator = robot.lookup("#results-option-estimator").queryAs(ChoiceBox.class);
        robot.interact(() -> estimator.setValue("vimco"));
        assertEquals(6, table.getItems().size(), "4 invalid at m = 1, one done and one failed at m = 5");
        robot.clickOn("#results-clear-filters");
        assertEquals(15, table.getItems().size());

        // a Table 1 cell selects its job; a double-click on a row asks for its curves
        robot.clickOn("#t1-density-nonlinear_one-m5-vimco");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("arch=200H~784V_samples=5_estimator=vimco_seed=1", table.getSelectionModel().getSelectedItem().id());
        assertFalse(robot.lookup("#results-open-curves").queryAs(Button.class).isDisabled());
        assertFalse(robot.lookup("#results-open-model").queryAs(Button.class).isDisabled());
        Node shown = robot.from(table).lookup((java.util.function.Predicate<Node>) n -> n instanceof javafx.scene.control.TableCell<?, ?> c
                && "99.00".equals(c.getText())).query(); // its row, scrolled into view
        robot.doubleClickOn(shown);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, curvesAsked.size());
        assertEquals("arch=200H~784V_samples=5_estimator=vimco_seed=1", curvesAsked.get(0).id());
    }

    @Test
    void aFolderOfTrainingRunsOpensWithOneRowPerRun(FxRobot robot) throws Exception {
        Path runs = Files.createDirectories(shared.resolve("runs"));
        org.concretelab.sweep.RunsFolderTest.run(runs, "2026-12-06T10-00-00", ResultsRootFixture.paperSpec(
                org.concretelab.model.Architecture.NONLINEAR_ONE, 1, "concrete"), 2, 2, 1);
        org.concretelab.sweep.RunsFolderTest.run(runs, "cli-run", ResultsRootFixture.paperSpec(
                org.concretelab.model.Architecture.LINEAR_ONE, 5, "vimco"), 1, 3, 2);
        open(robot, runs);
        assertEquals("", pane.messageText(), "runs/ is not refused");
        TableView<JobRow> table = table(robot);
        assertEquals(2, table.getItems().size());
        assertEquals("2026-12-06T10-00-00", table.getItems().get(0).id());
        assertEquals("vimco", table.getItems().get(1).option("estimator"));
        assertTrue(table.getColumns().stream().anyMatch(c -> c.getText().equals("estimator")), "the options that vary are columns");
        String summary = pane.viewModel().summaryProperty().get();
        assertTrue(summary.startsWith("2 runs") && summary.contains("folder of training runs") && !summary.contains("no results.csv yet"),
                "the summary says what a runs folder is, not that a sweep will write its table: " + summary);
    }

    @Test
    void aFolderThatIsNoRootIsSaidSoAndNothingBreaks(FxRobot robot) throws Exception {
        open(robot, table1Root);
        open(robot, shared.resolve("table1").resolve("arch=200H-784V_samples=1_estimator=concrete_seed=1"));
        assertTrue(pane.messageText().contains("is one job's folder"), pane.messageText());
        assertEquals(15, table(robot).getItems().size(), "the root shown before stays");
        robot.clickOn("#results-message");
        assertEquals("", pane.messageText(), "a click dismisses it");
    }
}

package org.concretelab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.concretelab.model.Architecture;
import org.concretelab.model.LatentKind;
import org.concretelab.model.ModelSpec;
import org.concretelab.model.VaeModel;
import org.concretelab.sweep.ResultsRootFixture;
import org.concretelab.sweep.SweepJob;
import org.concretelab.ui.results.JobRow;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Results tab in the app: a job's curves open in the Training tab (with its checkpoint, as Load checkpoint opens
 * one), its model in the Latents tab, a completion job's model in the Complete tab.
 */
@ExtendWith(ApplicationExtension.class)
class ResultsTabTest {
    @TempDir
    static Path shared;
    static Path root;
    static ModelSpec completion = new ModelSpec(Architecture.LINEAR_TWO, LatentKind.BINARY, 240, 2, 0, 240, 2.0 / 3, 0.5, 1, 1e-3,
            "concrete", "completion");

    private ExplorerApp app;

    @BeforeAll
    static void writeRoot() throws Exception {
        root = Files.createDirectories(shared.resolve("root"));
        ResultsRootFixture.table1(root);
        java.util.Map<String, String> options = new java.util.LinkedHashMap<>();
        options.put("task", "completion");
        options.put("arch", "392V-240H-240H-392V");
        SweepJob job = new SweepJob(options, 1);
        ResultsRootFixture.done(root, job, completion, 2, 70);
    }

    @Start
    void start(Stage stage) {
        app = new ExplorerApp();
        // within Monocle's 1280×800 headless screen: a wider window overflowed its framebuffer (BufferOverflowException)
        stage.setScene(new Scene(app.build(AppContext.standard()), 1260, 760));
        stage.show();
    }

    private JobRow open(FxRobot robot, String id) throws Exception {
        robot.clickOn("#results-tab");
        robot.interact(() -> app.results().viewModel().open(root));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> app.results().viewModel().rows().size() == 16);
        JobRow row = app.results().viewModel().rows().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
        robot.interact(() -> app.results().viewModel().selectedProperty().set(row));
        @SuppressWarnings("unchecked")
        TableView<JobRow> table = robot.lookup("#results-table").queryAs(TableView.class);
        assertEquals(row, table.getSelectionModel().getSelectedItem(), "the table shows the selection");
        return row;
    }

    @Test
    void aJobsCurvesOpenInTheTrainingTabAndItsModelInTheLatentsTab(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> app.latents().modelProperty().get() != null); // the shipped one
        JobRow row = open(robot, "arch=200H-200H-784V_samples=1_estimator=nvil_seed=1");
        robot.clickOn("#results-open-curves");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> app.training().plottedSteps() == 10);
        assertEquals("training-tab", app.tabs().getSelectionModel().getSelectedItem().getId());
        assertTrue(app.training().bannerText().startsWith("Loaded last.ckpt (200H-200H-784V binary m=1 nvil, step 10)"),
                app.training().bannerText());

        VaeModel before = app.latents().modelProperty().get();
        JobRow other = open(robot, "arch=200H~784V_samples=5_estimator=vimco_seed=1");
        // (the Training tab's notification of the load may still cover the bottom of the window: press the button itself)
        robot.interact(() -> robot.lookup("#results-open-model").queryButton().fire());
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> app.latents().modelProperty().get() != before
                && app.latents().modelProperty().get().spec().samples() == 5);
        assertEquals("latents-tab", app.tabs().getSelectionModel().getSelectedItem().getId());
        assertEquals(ResultsRootFixture.paperSpec(Architecture.NONLINEAR_ONE, 5, "vimco"), app.latents().modelProperty().get().spec());
        assertTrue(row != other);
    }

    @Test
    void aCompletionJobsModelGoesToTheCompleteTab(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> app.complete().viewModel().modelProperty().get() != null);
        VaeModel shipped = app.complete().viewModel().modelProperty().get();
        open(robot, "task=completion_arch=392V-240H-240H-392V_seed=1");
        robot.clickOn("#results-open-model");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> app.complete().viewModel().modelProperty().get() != shipped);
        assertEquals(completion, app.complete().viewModel().modelProperty().get().spec());
        assertEquals("complete-tab", app.tabs().getSelectionModel().getSelectedItem().getId());
    }
}

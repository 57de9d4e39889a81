package org.concretelab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.concretelab.model.VaeModel;
import org.concretelab.model.VaeModels;
import org.concretelab.train.Checkpoints;
import org.concretelab.train.TrainingCheckpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The app's Complete tab works on first launch (the shipped completion model), and a loaded completion checkpoint goes there. */
@ExtendWith(ApplicationExtension.class)
class CompleteTabTest {
    private ExplorerApp app;

    @TempDir
    Path dir;

    @Start
    void start(Stage stage) {
        app = new ExplorerApp();
        stage.setScene(new Scene(app.build(AppContext.standard()), 1260, 760)); // within Monocle's 1280×800 headless screen (wider overflowed its framebuffer)
        stage.show();
    }

    @Test
    void theShippedCompletionModelCompletesTheFirstTestDigitOnFirstLaunch(FxRobot robot) throws Exception {
        robot.clickOn("#complete-tab");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> app.complete().viewModel().samplesProperty().get() != null);
        VaeModel m = app.complete().viewModel().modelProperty().get();
        assertEquals("completion", m.spec().task());
        assertEquals(0, app.complete().viewModel().digitIndexProperty().get());
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> app.latents().modelProperty().get() != null);
        assertEquals("density", app.latents().modelProperty().get().spec().task(), "the Latents tab keeps its own model");
    }

    @Test
    void theLatentsTabNamesTheShippedModelUnderItsImage(FxRobot robot) throws Exception {
        robot.clickOn("#latents-tab");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> app.latents().modelProperty().get() != null);
        // the label follows the model once its first decode is shown: wait for it rather than for one pulse
        javafx.scene.control.Label label = robot.lookup("#decoded-by").queryAs(javafx.scene.control.Label.class);
        try {
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> label.getText() != null && !label.getText().isEmpty());
        } catch (java.util.concurrent.TimeoutException e) {
            // fall through: the assertion below says what the label held
        }
        String by = robot.lookup("#decoded-by").queryAs(javafx.scene.control.Label.class).getText();
        assertTrue(by.startsWith("by " + app.latents().modelProperty().get().spec().describe()) && by.contains("shipped model"),
                "the decoded image names the shipped model: " + by);
    }

    @Test
    void aCompletionCheckpointLoadedInTheTrainingTabGoesToTheCompleteTab(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> app.complete().viewModel().modelProperty().get() != null
                && app.latents().modelProperty().get() != null);
        VaeModel latentsModel = app.latents().modelProperty().get();
        TrainingCheckpoint shipped = AppContext.standard().shippedModel(AppContext.SHIPPED_COMPLETION_MODEL).orElseThrow();
        Path file = dir.resolve("completion.ckpt");
        Checkpoints.save(file, shipped);
        VaeModel before = app.complete().viewModel().modelProperty().get();
        robot.interact(() -> app.training().loadCheckpoint(file));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> app.complete().viewModel().modelProperty().get() != before);
        assertSame(latentsModel, app.latents().modelProperty().get(), "the Latents tab is left alone");
        assertTrue(app.complete().viewModel().modelProperty().get().spec().task().equals("completion"));
        VaeModels.restore(shipped.model()); // the file's model is whole
    }
}

package org.concretelab.ui.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.MenuButton;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.concretelab.data.MnistFiles;
import org.concretelab.ui.AppContext;
import org.concretelab.ui.settings.AppSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Issue 18: the form's values and the recent checkpoints are there again on the next launch. */
@ExtendWith(ApplicationExtension.class)
class TrainingPaneRememberedTest {
    private final AppSettings settings = AppSettings.inMemory();
    private Stage stage;
    private TrainingPane pane;

    @TempDir
    Path tmp;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        launch();
    }

    private void launch() {
        pane = new TrainingPane(new AppContext(MnistFiles.defaultDir(), settings));
        stage.setScene(new Scene(pane, 1200, 760));
        stage.show();
    }

    @Test
    void formValuesAndRecentCheckpointsSurviveARestart(FxRobot robot) throws Exception {
        MenuButton recent = robot.lookup("#recent-button").queryAs(MenuButton.class);
        assertTrue(recent.isDisabled(), "nothing recent yet");
        TextField hidden = robot.lookup("#hidden-field").queryAs(TextField.class);
        robot.interact(() -> hidden.setText("120"));
        Path file = Files.copy(Path.of("assets", "models", AppContext.SHIPPED_MODEL), tmp.resolve("a.ckpt"));
        robot.interact(() -> pane.loadCheckpoint(file));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> pane.bannerText().startsWith("Loaded"));
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(recent.isDisabled());
        assertEquals("a.ckpt", recent.getItems().get(0).getText().replaceAll(".*/", ""));
        String shownUnits = robot.lookup("#units-field").queryAs(TextField.class).getText();

        robot.interact(this::launch); // the next launch, on the same store
        MenuButton again = robot.lookup("#recent-button").queryAs(MenuButton.class);
        assertEquals(1, again.getItems().size());
        assertEquals(shownUnits, robot.lookup("#units-field").queryAs(TextField.class).getText());
        assertEquals("Start", robot.lookup("#start-button").queryButton().getText(), "a restart loads nothing by itself");
        robot.interact(() -> again.getItems().get(0).fire());
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> pane.bannerText().startsWith("Loaded a.ckpt"));
    }
}

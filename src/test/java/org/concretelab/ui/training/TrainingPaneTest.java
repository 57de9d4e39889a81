package org.concretelab.ui.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.concretelab.train.TrainerState;
import org.concretelab.ui.AppContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class TrainingPaneTest {
    private TrainingPane pane;

    @Start
    void start(Stage stage) {
        pane = new TrainingPane(AppContext.standard());
        stage.setScene(new Scene(pane, 1200, 800));
        stage.show();
    }

    @AfterEach
    void stopTraining() throws Exception {
        if (pane.trainerProperty().get() != null) {
            pane.trainerProperty().get().stop();
            pane.trainerProperty().get().awaitTermination(30, TimeUnit.SECONDS);
        }
    }

    private static void set(FxRobot robot, String id, String value) {
        TextField f = robot.lookup(id).queryAs(TextField.class);
        robot.interact(() -> f.setText(value));
    }

    private static Button button(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Button.class);
    }

    private void awaitState(TrainerState s) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> pane.stateProperty().get() == s);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void startPauseResumeStopFromTheUi(FxRobot robot) throws Exception {
        set(robot, "#units-field", "40");
        set(robot, "#train-limit-field", "500");
        set(robot, "#batch-field", "50");
        set(robot, "#epochs-field", "200");
        assertFalse(button(robot, "#start-button").isDisabled());
        assertTrue(button(robot, "#pause-button").isDisabled());
        assertTrue(button(robot, "#stop-button").isDisabled());
        robot.clickOn("#start-button");
        awaitState(TrainerState.RUNNING);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> pane.plottedSteps() > 20);
        assertTrue(button(robot, "#start-button").isDisabled());
        assertFalse(button(robot, "#pause-button").isDisabled());
        assertFalse(button(robot, "#stop-button").isDisabled());

        robot.clickOn("#pause-button");
        awaitState(TrainerState.PAUSED);
        assertEquals("Resume", button(robot, "#pause-button").getText());
        int paused = pane.plottedSteps();
        Thread.sleep(400);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(paused, pane.plottedSteps(), "no points while paused");
        assertTrue(button(robot, "#start-button").isDisabled());

        robot.clickOn("#pause-button");
        awaitState(TrainerState.RUNNING);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> pane.plottedSteps() > paused + 10);

        robot.clickOn("#stop-button");
        awaitState(TrainerState.STOPPED);
        assertFalse(button(robot, "#start-button").isDisabled());
        assertTrue(button(robot, "#pause-button").isDisabled());
        assertTrue(button(robot, "#stop-button").isDisabled());
        assertFalse(button(robot, "#save-button").isDisabled());
        Path dir = pane.trainerProperty().get().options().outputDir();
        assertTrue(Files.isRegularFile(dir.resolve("last.ckpt")), "stop writes " + dir.resolve("last.ckpt"));
        deleteRecursively(dir);
    }

    @Test
    void badHyperParametersAreRefusedAndExplained(FxRobot robot) {
        set(robot, "#lambda1-field", "-1");
        Label message = robot.lookup("#form-message").queryAs(Label.class);
        assertTrue(button(robot, "#start-button").isDisabled());
        assertTrue(message.getText().contains("λ1 must be positive"), message.getText());
        assertTrue(robot.lookup("#lambda1-field").queryAs(TextField.class).getStyleClass().contains("invalid"));
        set(robot, "#lambda1-field", "0.6667");
        assertFalse(button(robot, "#start-button").isDisabled());
        set(robot, "#batch-field", "zero");
        assertTrue(button(robot, "#start-button").isDisabled());
        assertTrue(message.getText().contains("Batch size must be a whole number"), message.getText());
        set(robot, "#batch-field", "0");
        assertTrue(message.getText().contains("Batch size must be at least 1"), message.getText());
        robot.clickOn("#start-button"); // disabled: nothing happens
        assertEquals(null, pane.trainerProperty().get());
    }

    @Test
    void aDamagedCheckpointIsReportedAndTheAppGoesOn(FxRobot robot) throws Exception {
        Path bad = Files.createTempFile("damaged", ".ckpt");
        Files.writeString(bad, "not a checkpoint");
        robot.interact(() -> pane.loadCheckpoint(bad));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> pane.bannerText().contains("Cannot load"));
        assertTrue(pane.bannerText().contains(bad.getFileName().toString()), pane.bannerText());
        assertFalse(button(robot, "#start-button").isDisabled());
        Files.delete(bad);
    }

    private static void deleteRecursively(Path dir) throws Exception {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /**
     * The bar's label ("epoch 5/5 · validating 50 %") is dark text centred on the bar; over the filled accent-blue
     * part it was unreadable (seen on the README's screenshot). It sits on a light plate of its own.
     */
    @Test
    void theBarsLabelIsReadableOverTheFilledBar(FxRobot robot) {
        Label label = robot.lookup("#progress-label").queryAs(Label.class);
        robot.interact(() -> label.applyCss());
        javafx.scene.layout.Background bg = label.getBackground();
        assertTrue(bg != null && !bg.getFills().isEmpty(), "the label has no background of its own: the bar shows through");
        javafx.scene.paint.Color plate = (javafx.scene.paint.Color) bg.getFills().get(0).getFill();
        javafx.scene.paint.Color text = (javafx.scene.paint.Color) label.getTextFill();
        assertTrue(plate.getOpacity() >= 0.8 && plate.getBrightness() > 0.9, "plate " + plate);
        assertTrue(text.getBrightness() < 0.3, "text " + text);
        assertFalse(label.getText().isEmpty() && label.isVisible(), "no empty plate on the bar before a run");
    }
}

package org.concretelab.ui.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.concretelab.model.Architecture;
import org.concretelab.model.LatentKind;
import org.concretelab.model.PaperDefaults;
import org.concretelab.train.TrainerState;
import org.concretelab.train.TrainingOptions;
import org.concretelab.ui.AppContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Issue 28: the Training tab's "Demo run" preset fills the form with a short run and says what it is. */
@ExtendWith(ApplicationExtension.class)
class TrainingDemoRunTest {
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

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(TextField.class).getText();
    }

    @Test
    @SuppressWarnings("unchecked")
    void demoRunFillsTheFormWithItsValuesAndSaysWhatItIs(FxRobot robot) throws Exception {
        // a form someone has edited: every field the preset sets goes back to it
        robot.interact(() -> {
            ((ChoiceBox<LatentKind>) robot.lookup("#latent-choice").query()).setValue(LatentKind.CATEGORICAL);
            ((ChoiceBox<Architecture>) robot.lookup("#arch-choice").query()).setValue(Architecture.LINEAR_TWO);
            robot.lookup("#epochs-field").queryAs(TextField.class).setText("100");
            robot.lookup("#lr-field").queryAs(TextField.class).setText("0.01");
            robot.lookup("#units-field").queryAs(TextField.class).setText("40");
        });
        Node note = robot.lookup("#demo-note").query();
        assertFalse(note.isVisible(), "no note before the preset");
        robot.clickOn("#demo-run-button");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Integer.toString(DemoRun.EPOCHS), text(robot, "#epochs-field"));
        assertEquals("10000", text(robot, "#train-limit-field"));
        assertEquals(Integer.toString(PaperDefaults.UNITS), text(robot, "#units-field"));
        assertEquals(TrainingFormViewModel.number(PaperDefaults.LEARNING_RATE), text(robot, "#lr-field"));
        assertEquals(Integer.toString(PaperDefaults.BATCH), text(robot, "#batch-field"));
        assertEquals(Architecture.NONLINEAR_ONE, ((ChoiceBox<Architecture>) robot.lookup("#arch-choice").query()).getValue());
        assertEquals(LatentKind.BINARY, ((ChoiceBox<LatentKind>) robot.lookup("#latent-choice").query()).getValue());
        assertEquals(PaperDefaults.ESTIMATOR, ((ChoiceBox<String>) robot.lookup("#estimator-choice").query()).getValue());
        TrainingOptions o = pane.model().form().options();
        assertEquals("200H~784V binary m=1", o.spec().describe());
        assertEquals(DemoRun.TRAIN_IMAGES, o.trainLimit());
        assertEquals(DemoRun.EPOCHS, o.epochs());
        assertTrue(note.isVisible(), "the note says what the preset is");
        assertTrue(robot.lookup("#demo-note").queryLabeled().getText().contains("5 epochs on 10,000 images"));
        assertFalse(robot.lookup("#start-button").queryButton().isDisabled());

        robot.interact(() -> robot.lookup("#epochs-field").queryAs(TextField.class).setText("6"));
        assertFalse(note.isVisible(), "an edited form is no longer the demo run");
        robot.interact(() -> robot.lookup("#epochs-field").queryAs(TextField.class).setText(Integer.toString(DemoRun.EPOCHS)));
        assertTrue(note.isVisible(), "back to the preset's values");

        robot.clickOn("#start-button");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> pane.stateProperty().get() == TrainerState.RUNNING);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#demo-run-button").queryButton().isDisabled(), "no preset while a run trains");
        assertEquals(DemoRun.TRAIN_IMAGES, pane.trainerProperty().get().options().trainLimit());
        assertEquals(DemoRun.EPOCHS, pane.trainerProperty().get().options().epochs());
    }
}

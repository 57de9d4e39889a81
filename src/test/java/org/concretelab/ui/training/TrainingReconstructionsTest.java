package org.concretelab.ui.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javafx.scene.Scene;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.concretelab.train.Trainer;
import org.concretelab.train.TrainerState;
import org.concretelab.ui.AppContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 28, runs compared: a tiny real run's strip gets a column of reconstructions per epoch, and its end sets its NLL
 * beside the paper's figure for a configuration the paper ran, or says there is none.
 */
@ExtendWith(ApplicationExtension.class)
class TrainingReconstructionsTest {
    private TrainingPane pane;
    private final List<Path> runs = new ArrayList<>();

    @Start
    void start(Stage stage) {
        pane = new TrainingPane(AppContext.standard());
        stage.setScene(new Scene(pane, 1260, 760)); // within Monocle's 1280×800 headless screen
        stage.show();
    }

    @AfterEach
    void tearDown() throws Exception {
        Trainer t = pane.trainerProperty().get();
        if (t != null) {
            t.stop();
            t.awaitTermination(30, TimeUnit.SECONDS);
        }
        for (Path dir : runs) {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static void set(FxRobot robot, String id, String value) {
        TextField f = robot.lookup(id).queryAs(TextField.class);
        robot.interact(() -> f.setText(value));
    }

    /** Trains 2 epochs of 500 images (10 steps each) with the form's model but {@code units}; returns the end's banner. */
    private String train(FxRobot robot, String units) throws Exception {
        set(robot, "#units-field", units);
        set(robot, "#train-limit-field", "500");
        set(robot, "#batch-field", "50");
        set(robot, "#epochs-field", "2");
        Trainer before = pane.trainerProperty().get(); // the last run's, finished: wait for the new one, not for it
        robot.clickOn("#start-button");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> pane.trainerProperty().get() != null
                && pane.trainerProperty().get() != before && pane.trainerProperty().get().state() != TrainerState.NEW);
        Trainer t = pane.trainerProperty().get();
        runs.add(t.options().outputDir());
        WaitForAsyncUtils.waitFor(240, TimeUnit.SECONDS, () -> pane.stateProperty().get() == TrainerState.FINISHED
                && pane.trainerProperty().get() == t);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> pane.reconstructions().columns().size() == 2);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> pane.bannerText().startsWith("Run finished"));
        WaitForAsyncUtils.waitForFxEvents();
        return pane.bannerText();
    }

    @Test
    void theStripGetsAColumnPerEpochAndTheEndSetsTheNllBesideThePapersFigureOrSaysThereIsNone(FxRobot robot) throws Exception {
        ReconstructionStrip strip = robot.lookup("#reconstruction-strip").queryAs(ReconstructionStrip.class);
        assertFalse(strip.isVisible(), "no run, no strip: the charts keep their height");

        String paper = train(robot, "200"); // the form's model otherwise: Table 1's 200H~784V binary, Concrete, m = 1
        assertTrue(strip.isVisible());
        assertEquals(3, strip.drawnColumns(), "the input and one column per epoch");
        assertEquals(List.of(1, 2), pane.reconstructions().columns().stream().map(ReconstructionsViewModel.Column::epoch).toList());
        assertTrue(paper.matches("Run finished: 2 epochs, 20 steps; validation NLL \\d+\\.\\d\\d nats \\(epoch 2, k = 100\\); "
                + "the paper's test NLL for 200H~784V binary · Concrete · m=1: 92\\.1 nats \\(k = 50,000, after 10⁷ steps.*"), paper);

        String other = train(robot, "40");
        assertTrue(other.contains("(epoch 2, k = 100); no paper figure: the paper did not train 40H~784V binary · Concrete · m=1"),
                other);
        assertEquals(3, strip.drawnColumns(), "a new run starts its own strip");
    }
}

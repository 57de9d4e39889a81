package org.concretelab.ui.training;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.concretelab.train.Trainer;
import org.concretelab.train.TrainerState;
import org.concretelab.train.TrainingEvent;
import org.concretelab.ui.AppContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 25: the Training tab's feedback describes the run as it is. While an epoch is validated the line says so
 * (not "ETA 0m00s"), the bar says which epoch it fills, a pause neither counts as training time nor drags the speed
 * behind the ETA down, and once the run ends neither the ETA nor "Training in …" stay: the banner states the final
 * validation NLL.
 */
@ExtendWith(ApplicationExtension.class)
class TrainingFeedbackTest {
    private TrainingPane pane;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final List<Double> speedsWhileValidating = new CopyOnWriteArrayList<>();
    private final List<String> labels = new CopyOnWriteArrayList<>();

    @Start
    void start(Stage stage) {
        pane = new TrainingPane(AppContext.standard());
        stage.setScene(new Scene(pane, 1200, 800));
        stage.show();
    }

    @AfterEach
    void tearDown() throws Exception {
        Trainer t = pane.trainerProperty().get();
        if (t != null) {
            t.stop();
            t.awaitTermination(60, TimeUnit.SECONDS);
            try (var walk = Files.walk(t.options().outputDir())) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void set(FxRobot robot, String id, String value) {
        TextField f = robot.lookup(id).queryAs(TextField.class);
        robot.interact(() -> f.setText(value));
    }

    private void startRun(FxRobot robot, String epochs, String trainImages) throws Exception {
        Label line = robot.lookup("#progress-text").queryAs(Label.class);
        Label label = robot.lookup("#progress-label").queryAs(Label.class);
        robot.interact(() -> {
            line.textProperty().addListener((o, a, b) -> {
                lines.add(b);
                if (b.startsWith("validating")) {
                    speedsWhileValidating.add(pane.examplesPerSecondProperty().get());
                }
            });
            label.textProperty().addListener((o, a, b) -> labels.add(b));
        });
        set(robot, "#units-field", "40");
        set(robot, "#train-limit-field", trainImages);
        set(robot, "#batch-field", "50");
        set(robot, "#epochs-field", epochs);
        robot.clickOn("#start-button");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> pane.stateProperty().get() == TrainerState.RUNNING);
    }

    @Test
    void validationIsShownAsSuchTheBarIsLabelledAndTheEndStatesTheNll(FxRobot robot) throws Exception {
        startRun(robot, "2", "500");
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> pane.stateProperty().get() == TrainerState.FINISHED);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> pane.bannerText().contains("validation NLL"));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("validating epoch 1… ") && l.endsWith("/1,000 images")), lines.toString());
        assertTrue(labels.stream().anyMatch(l -> l.matches("epoch 1/2 · \\d+ %")), labels.toString());
        assertTrue(labels.stream().anyMatch(l -> l.startsWith("epoch 2/2 · validating")), labels.toString());
        assertTrue(!speedsWhileValidating.isEmpty() && speedsWhileValidating.stream().allMatch(v -> v == 0),
                "no training rate is shown while an epoch is scored: " + speedsWhileValidating);
        String banner = pane.bannerText();
        assertTrue(banner.matches("Run finished: 2 epochs, 20 steps; validation NLL \\d+\\.\\d\\d nats \\(epoch 2, k = 100\\).*"), banner);
        assertFalse(banner.contains("Training in"), banner);
        String end = robot.lookup("#progress-text").queryAs(Label.class).getText();
        assertFalse(end.contains("ETA"), end);
        assertTrue(end.contains("validation NLL"), end);
        assertTrue(robot.lookup("#progress-label").queryAs(Label.class).getText().isEmpty());
        // the bar was left where the last validation's progress had put it (45 % on a finished run's screenshot)
        double bar = robot.lookup("#epoch-progress").queryAs(javafx.scene.control.ProgressBar.class).getProgress();
        assertTrue(bar == 1.0, "a finished run's bar is full: " + bar);
    }

    @Test
    void aPauseIsNotTrainingTimeAndStopLeavesNoEta(FxRobot robot) throws Exception {
        startRun(robot, "200", ""); // 1,000 steps an epoch, under a second each for this small model
        Trainer t = pane.trainerProperty().get();
        List<TrainingEvent.Step> steps = new CopyOnWriteArrayList<>();
        t.addListener(e -> {
            if (e instanceof TrainingEvent.Step s) {
                steps.add(s);
            }
        });
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> steps.size() > 30 && steps.get(steps.size() - 1).examplesPerSecond() > 0);
        robot.clickOn("#pause-button");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> pane.stateProperty().get() == TrainerState.PAUSED);
        double before = steps.get(steps.size() - 1).examplesPerSecond();
        int pausedAt = steps.size();
        long wallBefore = System.nanoTime();
        double trainedBefore = t.trainingTime().seconds();
        Thread.sleep(3000);
        robot.clickOn("#pause-button");
        // the first speed reading after the pause (refreshed once a second): the pause must not be in it
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> steps.size() > pausedAt + 5
                && steps.stream().skip(pausedAt).anyMatch(s -> s.examplesPerSecond() != before));
        double after = steps.stream().skip(pausedAt).mapToDouble(TrainingEvent.Step::examplesPerSecond)
                .filter(v -> v != before).findFirst().orElseThrow();
        assertTrue(after > 0.4 * before, "speed after the pause " + after + " against " + before + " before it");
        double wall = (System.nanoTime() - wallBefore) / 1e9;
        double trained = t.trainingTime().seconds() - trainedBefore;
        assertTrue(trained < wall - 2.5, "training time " + trained + " s over " + wall + " s with a 3 s pause");

        robot.clickOn("#stop-button");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> pane.stateProperty().get() == TrainerState.STOPPED);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> pane.bannerText().startsWith("Run stopped at step"));
        String end = robot.lookup("#progress-text").queryAs(Label.class).getText();
        assertFalse(end.contains("ETA"), end);
        assertTrue(end.startsWith("Run stopped at step") && (end.contains("no epoch was validated") || end.contains("validation NLL")),
                end);
        assertFalse(pane.bannerText().contains("Training in"), pane.bannerText());
    }
}

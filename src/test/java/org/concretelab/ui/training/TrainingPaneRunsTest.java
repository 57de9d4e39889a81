package org.concretelab.ui.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.concretelab.data.Binarization;
import org.concretelab.model.Architecture;
import org.concretelab.model.LatentKind;
import org.concretelab.model.ModelSpec;
import org.concretelab.train.Checkpoints;
import org.concretelab.train.Trainer;
import org.concretelab.train.TrainerState;
import org.concretelab.train.TrainingCheckpoint;
import org.concretelab.train.TrainingOptions;
import org.concretelab.ui.AppContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Issue 11 in the app: Continue resumes the loaded run or says why not, new runs get fresh folders, failures are explained. */
@ExtendWith(ApplicationExtension.class)
class TrainingPaneRunsTest {
    /** The loaded run's model: hidden width 50 and λ1 = 2/3, which the form can show only approximately or not at all. */
    private static final ModelSpec SPEC = new ModelSpec(Architecture.NONLINEAR_ONE, LatentKind.BINARY, 40, 2, 0, 50,
            2.0 / 3.0, 0.5, 1, 1e-3);

    private TrainingPane pane;
    private final List<Path> cleanup = new ArrayList<>();

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
            t.awaitTermination(30, TimeUnit.SECONDS);
            if (t.options().outputDir() != null && t.options().outputDir().startsWith(Path.of("runs"))) {
                cleanup.add(t.options().outputDir());
            }
        }
        for (Path p : cleanup) {
            deleteRecursively(p);
        }
    }

    /** One finished epoch of a tiny run (10 steps) in a temp folder; returns its last.ckpt. */
    private Path trainedRun() throws Exception {
        Path dir = Files.createTempDirectory("app-run");
        cleanup.add(dir);
        TrainingOptions o = new TrainingOptions(SPEC, 50, 1, 7L, Binarization.DYNAMIC, 500, 100, 5, dir, 0);
        Trainer t = new Trainer(o, pane.awaitData());
        t.start();
        assertTrue(t.awaitTermination(120, TimeUnit.SECONDS));
        assertEquals(TrainerState.FINISHED, t.state());
        return dir.resolve("last.ckpt");
    }

    private void load(FxRobot robot, Path file) throws Exception {
        robot.interact(() -> pane.loadCheckpoint(file));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> pane.bannerText().startsWith("Loaded"));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Continue", button(robot, "#start-button").getText());
    }

    private void awaitState(TrainerState s) throws Exception {
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> pane.stateProperty().get() == s);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void anUnexpectedErrorWhileLoadingReachesTheUser(FxRobot robot) throws Exception {
        Path odd = Files.createTempFile("odd", ".ckpt");
        cleanup.add(odd);
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(odd))) {
            zip.putNextEntry(new ZipEntry("checkpoint.json"));
            // well-formed JSON of the wrong shape: the reader fails with a ClassCastException, not a CheckpointException
            zip.write("{\"format\":\"concrete-explorer-checkpoint\",\"version\":1,\"options\":[1]}".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("arrays.bin"));
            zip.closeEntry();
        }
        robot.interact(() -> pane.loadCheckpoint(odd));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> pane.bannerText().contains("Cannot load"));
        assertTrue(pane.bannerText().contains(odd.getFileName().toString()), pane.bannerText());
        assertEquals("Start", button(robot, "#start-button").getText());
    }

    @Test
    void batchIsCheckedAgainstTheTrainingImagesUsed(FxRobot robot) {
        Label message = robot.lookup("#form-message").queryAs(Label.class);
        TextField batch = robot.lookup("#batch-field").queryAs(TextField.class);
        set(robot, "#train-limit-field", "0");
        set(robot, "#batch-field", "60000");
        assertTrue(button(robot, "#start-button").isDisabled());
        assertTrue(message.getText().contains("Batch size (60000) must not exceed the 50,000 training images used"), message.getText());
        assertTrue(batch.getStyleClass().contains("invalid"));
        set(robot, "#batch-field", "50000");
        assertFalse(button(robot, "#start-button").isDisabled(), message.getText());
        set(robot, "#train-limit-field", "300");
        assertTrue(message.getText().contains("Batch size (50000) must not exceed the 300 training images used"), message.getText());
        set(robot, "#batch-field", "300");
        assertFalse(button(robot, "#start-button").isDisabled(), message.getText());
        set(robot, "#train-limit-field", "60000");
        assertTrue(button(robot, "#start-button").isDisabled());
        assertTrue(message.getText().contains("Train images must be at most 50,000"), message.getText());
        assertTrue(robot.lookup("#train-limit-field").queryAs(TextField.class).getStyleClass().contains("invalid"));
        assertFalse(batch.getStyleClass().contains("invalid"));
    }

    private static void set(FxRobot robot, String id, String value) {
        TextField f = robot.lookup(id).queryAs(TextField.class);
        robot.interact(() -> f.setText(value));
    }

    private static Button button(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Button.class);
    }

    private static void deleteRecursively(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}

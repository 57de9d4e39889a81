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
import javafx.scene.control.ChoiceBox;
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
            if (t.options().outputDir() != null && t.options().outputDir().startsWith(TrainingPane.RUNS)) {
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
    void continueAfterEditingLengthAndLearningRateResumesTheLoadedRunInItsFolder(FxRobot robot) throws Exception {
        Path file = trainedRun();
        load(robot, file);
        int loadedSteps = pane.plottedSteps();
        assertEquals(10, loadedSteps);
        set(robot, "#lr-field", "0.0005");
        set(robot, "#epochs-field", "300"); // long enough to be still running when stopped
        robot.clickOn("#start-button");
        awaitState(TrainerState.RUNNING);
        Trainer t = pane.trainerProperty().get();
        assertTrue(t.step() >= 10, "continues from the checkpoint's step 10, not from step 1: " + t.step());
        TrainingOptions o = t.options();
        assertEquals(file.toAbsolutePath().getParent(), o.outputDir(), "continues in the checkpoint's own folder");
        assertEquals(5e-4, o.spec().learningRate(), 1e-12, "the edited learning rate applies");
        assertEquals(300, o.epochs());
        assertEquals(SPEC.withLearningRate(5e-4), o.spec(), "the rest of the model is the checkpoint's, exactly");
        assertEquals(7L, o.seed());
        assertEquals(500, o.trainLimit());
        assertEquals(100, o.validationLimit());
        assertTrue(pane.bannerText().contains("Continuing last.ckpt from step 10"), pane.bannerText());
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> pane.plottedSteps() > loadedSteps);
        assertTrue(pane.plottedSteps() > loadedSteps, "the loaded curves stay and the new steps follow them");
        robot.clickOn("#stop-button");
        awaitState(TrainerState.STOPPED);
        assertTrue(t.awaitTermination(30, TimeUnit.SECONDS));
        TrainingCheckpoint after = Checkpoints.load(file);
        assertTrue(after.step() > 10, "the run's own last.ckpt moved on: " + after.step());
        List<String> rows = Files.readAllLines(file.resolveSibling("training.csv"));
        for (int i = 1; i < rows.size(); i++) {
            assertEquals(i, Long.parseLong(rows.get(i).split(",")[0]), "one row per step, none twice");
        }
    }

    @Test
    void editsAResumedRunCannotTakeAreRefusedAndANewRunIsStartedOnlyWhenAskedFor(FxRobot robot) throws Exception {
        Path file = trainedRun();
        load(robot, file);
        long logged = Files.size(file.resolveSibling("training.csv"));
        set(robot, "#units-field", "41");
        set(robot, "#batch-field", "25");
        robot.clickOn("#start-button");
        WaitForAsyncUtils.waitForFxEvents();
        assertNull(pane.trainerProperty().get(), "nothing starts silently");
        String banner = pane.bannerText();
        assertTrue(banner.contains("Not continued") && banner.contains("Units, Batch size"), banner);
        assertEquals(10, pane.plottedSteps(), "the loaded curves stay");
        DialogPane dialog = robot.lookup("#new-run-dialog").queryAs(DialogPane.class);
        assertTrue(dialog.getHeaderText().contains("Units, Batch size"), dialog.getHeaderText());
        robot.interact(() -> ((Button) dialog.lookupButton(ButtonType.CANCEL)).fire());
        WaitForAsyncUtils.waitForFxEvents();
        assertNull(pane.trainerProperty().get(), "cancel starts nothing");
        assertEquals("Continue", button(robot, "#start-button").getText());

        robot.clickOn("#start-button");
        WaitForAsyncUtils.waitForFxEvents();
        DialogPane again = robot.lookup("#new-run-dialog").queryAs(DialogPane.class);
        robot.interact(() -> ((Button) again.lookupButton(TrainingPane.NEW_RUN)).fire());
        awaitState(TrainerState.RUNNING);
        Trainer t = pane.trainerProperty().get();
        Path dir = t.options().outputDir();
        assertEquals(TrainingPane.RUNS, dir.getParent(), "a new run goes to a fresh folder under runs/: " + dir);
        assertEquals(41, t.options().spec().discreteUnits());
        assertEquals(25, t.options().batchSize());
        assertTrue(pane.bannerText().contains("A new run started from step 1 in " + dir), pane.bannerText());
        assertEquals("Start", button(robot, "#start-button").getText());
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> pane.plottedSteps() > 0);
        int plotted = pane.plottedSteps();
        assertTrue(plotted <= t.step(), "the loaded curves were cleared: " + plotted + " points after " + t.step() + " steps");
        assertEquals(logged, Files.size(file.resolveSibling("training.csv")), "the loaded run's files are untouched");
    }

    @Test
    void continueRefusesToCutTheRunShort(FxRobot robot) throws Exception {
        load(robot, trainedRun());
        set(robot, "#epochs-field", "1");
        assertTrue(button(robot, "#start-button").isDisabled());
        Label message = robot.lookup("#form-message").queryAs(Label.class);
        assertTrue(message.getText().contains("Epochs must be more than the 1 the loaded run has trained"), message.getText());
        assertTrue(robot.lookup("#epochs-field").queryAs(TextField.class).getStyleClass().contains("invalid"));
    }

    @Test
    void aRunFolderInUseIsReportedAsSuchNotAsADataProblem(FxRobot robot) throws Exception {
        Path file = trainedRun();
        load(robot, file);
        TrainingCheckpoint cp = Checkpoints.load(file);
        Trainer holder = Trainer.resume(cp, file, pane.awaitData(), file.getParent(), 2); // holds the folder until stopped
        try {
            robot.clickOn("#start-button");
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> pane.bannerText().contains("Cannot continue"));
            String banner = pane.bannerText();
            assertTrue(banner.contains("is in use by another training run"), banner);
            assertFalse(banner.contains("data folder"), banner);
            assertNull(pane.trainerProperty().get());
            assertFalse(button(robot, "#start-button").isDisabled(), "the user can try again");
            assertEquals("Continue", button(robot, "#start-button").getText());
        } finally {
            holder.stop();
        }
    }

    @Test
    void aCompletionRunTrainsFromTheFormWithLiveCurves(FxRobot robot) throws Exception {
        ChoiceBox<String> task = robot.lookup("#task-choice").queryAs(ChoiceBox.class);
        robot.interact(() -> task.setValue("completion"));
        set(robot, "#units-field", "20");
        set(robot, "#hidden-field", "32");
        set(robot, "#train-limit-field", "500");
        set(robot, "#batch-field", "50");
        set(robot, "#epochs-field", "1");
        robot.clickOn("#start-button");
        awaitState(TrainerState.FINISHED);
        Trainer t = pane.trainerProperty().get();
        assertEquals("392V~20H~20H~392V binary m=1 (completion)", t.options().spec().describe());
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> pane.plottedSteps() == 10);
        List<String> epochs = Files.readAllLines(t.options().outputDir().resolve("epochs.csv")).stream()
                .filter(l -> !org.concretelab.train.RunLog.isComment(l)).toList(); // the run header
        assertEquals(2, epochs.size(), "one validation row: " + epochs);
        double nll = Double.parseDouble(epochs.get(1).split(",")[4]);
        assertTrue(nll > 0 && nll < 300, "validation NLL of the bottom half: " + nll);
    }

    @Test
    void twoNewRunsInOneSecondNeverShareAFolder(FxRobot robot) throws Exception {
        // the folders the old app-<yyyyMMdd-HHmmss> naming would pick in the next seconds already hold a run
        LocalDateTime now = LocalDateTime.now();
        List<Path> taken = new ArrayList<>();
        for (int s = 0; s < 5; s++) {
            Path d = TrainingPane.RUNS.resolve("app-" + now.plusSeconds(s).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
            if (!Files.exists(d)) {
                Files.createDirectories(d);
                Files.writeString(d.resolve("training.csv"), "someone else's run\n");
                taken.add(d);
                cleanup.add(d);
            }
        }
        set(robot, "#units-field", "40");
        set(robot, "#train-limit-field", "500");
        set(robot, "#batch-field", "50");
        robot.clickOn("#start-button");
        awaitState(TrainerState.RUNNING);
        Path dir = pane.trainerProperty().get().options().outputDir();
        assertFalse(taken.contains(dir), dir + " already held a run");
        assertEquals(TrainingPane.RUNS, dir.getParent());
        assertTrue(pane.bannerText().contains("Training in " + dir), pane.bannerText());
        for (Path d : taken) {
            assertEquals("someone else's run\n", Files.readString(d.resolve("training.csv")));
        }
    }

    @Test
    void aFailedWriteStopsTheRunAndTheAppSaysWhatIsSafe(FxRobot robot) throws Exception {
        Path file = trainedRun();
        load(robot, file);
        Path epochs = file.resolveSibling("epochs.csv");
        Files.delete(epochs);
        Files.createDirectory(epochs); // the epoch's row cannot be written
        robot.clickOn("#start-button");
        awaitState(TrainerState.FAILED);
        String banner = pane.bannerText();
        assertTrue(banner.contains("Training stopped at step 20") && banner.contains("epochs.csv"), banner);
        assertTrue(banner.contains("the last good checkpoint is " + file.toAbsolutePath()), banner);
        assertTrue(banner.contains("Load checkpoint " + file.toAbsolutePath() + ", then Continue"), banner);
        assertFalse(button(robot, "#start-button").isDisabled());
        assertTrue(button(robot, "#pause-button").isDisabled());
        assertTrue(button(robot, "#stop-button").isDisabled());
        assertFalse(button(robot, "#load-button").isDisabled());
        assertFalse(robot.lookup("#units-field").queryAs(TextField.class).isDisabled());
        assertEquals(10, Checkpoints.load(file).step(), "the last good checkpoint is intact");
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

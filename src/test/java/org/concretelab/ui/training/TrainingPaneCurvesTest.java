package org.concretelab.ui.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.concretelab.train.RunLog;
import org.concretelab.train.Trainer;
import org.concretelab.train.TrainerState;
import org.concretelab.train.TrainingEvent;
import org.concretelab.ui.AppContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 25: a checkpoint saved outside its run folder carries its curves, one without any clears the charts (never
 * another run's curves under its name), and Export PNG draws the charts themselves at the size asked for.
 */
@ExtendWith(ApplicationExtension.class)
class TrainingPaneCurvesTest {
    private TrainingPane pane;

    @TempDir
    Path tmp;

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

    private void load(FxRobot robot, Path file) throws Exception {
        robot.interact(() -> pane.loadCheckpoint(file));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> pane.bannerText().startsWith("Loaded " + file.getFileName()));
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void aCheckpointSavedOutsideItsRunBringsItsCurvesBackAndOneWithoutClearsThem(FxRobot robot) throws Exception {
        set(robot, "#units-field", "40");
        set(robot, "#train-limit-field", "500");
        set(robot, "#batch-field", "50");
        set(robot, "#epochs-field", "1");
        robot.clickOn("#start-button");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> pane.stateProperty().get() == TrainerState.FINISHED);
        Path save = tmp.resolve("mysave.ckpt");
        robot.interact(() -> pane.saveCheckpoint(save));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> pane.bannerText().startsWith("Checkpoint saved"));
        assertTrue(pane.bannerText().contains("mysave.training.csv"), pane.bannerText());
        assertEquals(11, Files.readAllLines(tmp.resolve("mysave.training.csv")).size(), "header and 10 steps");
        assertEquals(3, Files.readAllLines(tmp.resolve("mysave.epochs.csv")).size(), "run header, column names and 1 epoch");
        assertEquals(10, pane.plottedSteps());

        // a checkpoint with no curves beside it and none in its folder (as Save wrote them before): the charts clear
        Path other = Files.createDirectories(tmp.resolve("elsewhere")).resolve("legacy.ckpt");
        Files.copy(Path.of("assets", "models", AppContext.SHIPPED_MODEL), other);
        load(robot, other);
        assertEquals(0, pane.plottedSteps(), "the finished run's curves are not the loaded checkpoint's");
        assertEquals(0, pane.model().charts().validationSets()[0].getDataCount());
        assertTrue(pane.bannerText().contains("no curves saved with this checkpoint"), pane.bannerText());
        String line = robot.lookup("#progress-text").queryAs(Label.class).getText();
        assertTrue(line.startsWith("No curves saved with legacy.ckpt"), line);

        load(robot, save);
        assertEquals(10, pane.plottedSteps(), "its own curves, from beside it");
        assertEquals(1, pane.model().charts().validationSets()[0].getDataCount());
    }

    @Test
    void exportPngDrawsTheChartsAtTheSizeAskedForNotTheScreen(FxRobot robot) throws Exception {
        Path run = Files.createDirectories(tmp.resolve("run"));
        try (RunLog log = RunLog.open(run, "relaxed_elbo")) {
            for (int s = 1; s <= 200; s++) {
                log.step(s, (s - 1) / 100, -200 + s * 0.4, -200 + s * 0.4, 1000);
            }
            for (int e = 0; e < 2; e++) {
                log.epoch(new TrainingEvent.Epoch(e, 100L * (e + 1), Map.of("relaxed_elbo", -150.0 + e, "discrete_elbo",
                        -145.0 + e, "nll", 140.0 - e, "active_units", 150.0)));
            }
        }
        robot.interact(() -> {
            assertTrue(pane.plotRunLogs(run, 1000));
            pane.showInfo("a banner that must not be in the image");
        });
        Path png = tmp.resolve("curves.png");
        robot.interact(() -> pane.exportPng(png, 900, 700));
        assertTrue(pane.bannerText().startsWith("Charts exported to"), pane.bannerText());
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(900, image.getWidth(), "the size asked for, not the pane's " + pane.getWidth());
        assertEquals(700, image.getHeight());
        // the curves are drawn: dark or coloured pixels in the upper chart's plot area, not an empty frame
        int inked = 0;
        for (int y = 100; y < 350; y++) {
            for (int x = 100; x < 850; x++) {
                int rgb = image.getRGB(x, y);
                int r = (rgb >> 16) & 255;
                int g = (rgb >> 8) & 255;
                int b = rgb & 255;
                if (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 60 || r + g + b < 300) {
                    inked++;
                }
            }
        }
        assertTrue(inked > 300, "only " + inked + " inked pixels in the step chart");
        // the banner's yellow/blue band is not at the top: the first rows are the white page and the run's name
        int top = image.getRGB(450, 2);
        assertEquals(0xFFFFFF, top & 0xFFFFFF, "a white margin, no banner");
    }

    @Test
    void onALaptopTheButtonsAreInViewAndTheValidationChartKeepsItsHeightAndTitle(FxRobot robot) throws Exception {
        Path run = Files.createDirectories(tmp.resolve("run"));
        try (RunLog log = RunLog.open(run, "relaxed_elbo")) {
            log.step(1, 0, -200, -200, 1000);
            log.epoch(new TrainingEvent.Epoch(0, 1, Map.of("relaxed_elbo", -150.0, "discrete_elbo", -145.0, "nll", 140.0,
                    "active_units", 150.0)));
        }
        Path save = tmp.resolve("mysave.ckpt");
        Files.copy(Path.of("assets", "models", AppContext.SHIPPED_MODEL), save);
        RunLog.copyBeside(run, save, 1, 1, "relaxed_elbo");
        // the Training tab's area in the window that opens on 1366×768, and at the window's minimum size; in windows of
        // their own, so that the stage the other tests share keeps its size
        for (double[] size : List.of(new double[] {1229, 600}, new double[] {900, 545})) {
            AtomicReference<Stage> window = new AtomicReference<>();
            AtomicReference<TrainingPane> laptop = new AtomicReference<>();
            robot.interact(() -> {
                laptop.set(new TrainingPane(AppContext.standard()));
                Stage s = new Stage();
                s.setScene(new Scene(laptop.get(), size[0], size[1]));
                s.show();
                window.set(s);
                laptop.get().loadCheckpoint(save);
            });
            try {
                WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> laptop.get().bannerText().startsWith("Loaded"));
                WaitForAsyncUtils.waitForFxEvents();
                Scene scene = laptop.get().getScene();
                double w = scene.getWidth();
                double h = scene.getHeight();
                for (String id : List.of("#start-button", "#save-button", "#load-button", "#export-csv-button", "#export-png-button")) {
                    javafx.scene.Node b = scene.lookup(id);
                    javafx.geometry.Bounds r = b.localToScene(b.getBoundsInLocal());
                    assertTrue(r.getMaxY() <= h + 0.5 && r.getMaxX() <= w + 0.5, id + " at " + r + " in a " + w + "×" + h + " window");
                }
                io.fair_acc.chartfx.XYChart chart = (io.fair_acc.chartfx.XYChart) scene.lookup("#validation-chart");
                assertTrue(chart.getHeight() >= 190, "validation chart " + chart.getHeight() + " px high at " + w + "×" + h);
                Label title = chart.getTitleLabel();
                assertTrue(title.getText().contains("active latent units: 150 of 200"), title.getText());
                assertTrue(title.prefWidth(-1) <= title.getWidth() + 1, "title cut: " + title.prefWidth(-1) + " px in "
                        + title.getWidth() + " at " + w + "×" + h);
            } finally {
                robot.interact(() -> window.get().close());
            }
        }
    }
}

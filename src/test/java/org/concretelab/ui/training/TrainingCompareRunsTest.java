package org.concretelab.ui.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fair_acc.chartfx.XYChart;
import io.fair_acc.dataset.DataSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.stage.Stage;
import org.concretelab.ui.AppContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Issue 28, runs compared: run folders picked in the chooser overlay the charts as labelled curves, removable; a corrupt one is told. */
@ExtendWith(ApplicationExtension.class)
class TrainingCompareRunsTest {
    private TrainingPane pane;

    @TempDir
    Path tmp;

    @Start
    void start(Stage stage) {
        pane = new TrainingPane(AppContext.standard());
        stage.setScene(new Scene(pane, 1260, 760)); // within Monocle's 1280×800 headless screen
        stage.show();
    }

    private static List<String> names(XYChart chart) {
        return chart.getRenderers().get(0).getDatasets().stream().map(DataSet::getName).toList();
    }

    @Test
    void twoRunsPickedInTheChooserAreTwoLabelledCurvesOnEachChartAndOneIsRemoved(FxRobot robot) throws Exception {
        RunFolders.write(tmp, "nvil-run", RunFolders.spec("nvil", 1), 3, -300, 150);
        RunFolders.write(tmp, "vimco-run", RunFolders.spec("vimco", 5), 2, -250, 140);
        XYChart steps = robot.lookup("#step-chart").queryAs(XYChart.class);
        XYChart validation = robot.lookup("#validation-chart").queryAs(XYChart.class);
        assertEquals(2, names(steps).size());
        assertEquals(3, names(validation).size());

        robot.interact(() -> pane.chooseRunsToCompare(tmp));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#compare-run-1").tryQuery().isPresent());
        CheckBox nvil = robot.lookup("#compare-run-0").queryAs(CheckBox.class);
        assertTrue(nvil.getText().contains("nvil-run\n40H~784V binary · NVIL · m=1 · 3 of 3 epochs"), nvil.getText());
        robot.clickOn("#compare-run-0");
        robot.clickOn("#compare-run-1");
        DialogPane dialog = robot.lookup("#compare-runs-dialog").queryAs(DialogPane.class);
        robot.clickOn((Node) dialog.lookupButton(CompareRunsBar.COMPARE));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> names(steps).size() == 4);
        WaitForAsyncUtils.waitForFxEvents();

        List<String> stepNames = names(steps);
        assertTrue(stepNames.get(2).startsWith("40H~784V binary · NVIL · m=1 · "), stepNames.toString());
        assertTrue(stepNames.get(3).startsWith("40H~784V binary · VIMCO · m=5 · "), stepNames.toString());
        List<String> epochNames = names(validation);
        assertEquals(5, epochNames.size(), epochNames.toString());
        assertTrue(epochNames.get(3).startsWith("40H~784V binary · NVIL · m=1"), epochNames.toString());
        FlowPane chips = robot.lookup("#compared-runs").queryAs(FlowPane.class);
        assertEquals(2, chips.getChildren().stream().filter(n -> n.getStyleClass().contains("compared-run")).count());
        Label key = robot.lookup("#compare-key").queryAs(Label.class);
        assertTrue(key.isVisible() && key.getText().startsWith("Solid lines: the current run (none yet) · dashed: 2 compared runs"),
                key.getText());

        robot.clickOn("#remove-compared-0");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(3, names(steps).size(), names(steps).toString());
        assertTrue(names(steps).get(2).startsWith("40H~784V binary · VIMCO · m=5"), names(steps).toString());
        assertEquals(4, names(validation).size());
        assertEquals(1, chips.getChildren().stream().filter(n -> n.getStyleClass().contains("compared-run")).count());
        assertTrue(key.getText().contains("1 compared run,"), key.getText());

        robot.clickOn("#remove-compared-0");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(2, names(steps).size());
        assertFalse(key.isVisible(), "no key once nothing is compared");
        assertTrue(chips.getChildren().isEmpty());
    }

    @Test
    void aCorruptRunFolderGetsAClearMessageAndNoCurve(FxRobot robot) throws Exception {
        Path corrupt = RunFolders.write(tmp, "corrupt", RunFolders.spec("concrete", 1), 2, -300, 150);
        Files.writeString(corrupt.resolve("epochs.csv"), "\u0000\u0001binary junk\n");
        robot.interact(() -> pane.compareRuns(List.of(corrupt)));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> pane.bannerText().contains("Cannot compare"));
        String banner = pane.bannerText();
        assertTrue(banner.contains("Cannot compare corrupt: epochs.csv does not start with this app's header"), banner);
        assertTrue(banner.contains("pick a run folder of Concrete Explorer"), banner);
        assertEquals(2, names(robot.lookup("#step-chart").queryAs(XYChart.class)).size());
        assertTrue(robot.lookup("#compare-runs-button").queryAs(Button.class).isVisible());
    }

    @Test
    void theStepsOfTheCurrentRunOnlyAreShownWhenAsked(FxRobot robot) throws Exception {
        Path current = RunFolders.write(tmp, "current", RunFolders.spec("concrete", 1), 3, -300, 150); // steps 1–30
        Path longer = RunFolders.write(tmp, "longer", RunFolders.spec("nvil", 1), 10, -300, 150); // steps 1–100
        robot.interact(() -> pane.plotRunLogs(current, 10_000));
        robot.interact(() -> pane.compareRuns(List.of(longer)));
        XYChart steps = robot.lookup("#step-chart").queryAs(XYChart.class);
        XYChart validation = robot.lookup("#validation-chart").queryAs(XYChart.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> names(steps).size() == 3);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> steps.getXAxis().getMax() >= 100);

        robot.clickOn("#compare-zoom");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> steps.getXAxis().getMax() == 30);
        assertEquals(1, steps.getXAxis().getMin());
        assertEquals(30, validation.getXAxis().getMax(), "both charts span the current run's steps");

        robot.clickOn("#compare-zoom");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> steps.getXAxis().getMax() >= 100);
        assertTrue(validation.getXAxis().isAutoRanging());
    }

    @Test
    void anExportedImageHoldsTheComparedRunsCurves(FxRobot robot) throws Exception {
        Path current = RunFolders.write(tmp, "current", RunFolders.spec("concrete", 1), 3, -300, 150);
        Path other = RunFolders.write(tmp, "other", RunFolders.spec("nvil", 1), 3, -280, 145);
        robot.interact(() -> pane.plotRunLogs(current, 10_000));
        Path before = tmp.resolve("before.png");
        robot.interact(() -> pane.exportPng(before, 900, 700));
        assertEquals(0, orange(before), "no compared run yet: none of its colour");
        robot.interact(() -> pane.compareRuns(List.of(other)));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> names(robot.lookup("#step-chart").queryAs(XYChart.class)).size() == 3);
        Path after = tmp.resolve("after.png");
        robot.interact(() -> pane.exportPng(after, 900, 700));
        assertTrue(orange(after) > 100, "the compared run's curves (its first colour, orange) are drawn: " + orange(after));
    }

    /** Pixels of the first compared run's colour (#ff7f0e, give or take anti-aliasing). */
    private static int orange(Path png) throws Exception {
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(png.toFile());
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int r = (rgb >> 16) & 255;
                int g = (rgb >> 8) & 255;
                int b = rgb & 255;
                if (r > 220 && g > 100 && g < 160 && b < 60) {
                    n++;
                }
            }
        }
        return n;
    }
}

package org.concretelab.ui.gradients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fair_acc.chartfx.XYChart;
import io.fair_acc.dataset.DataSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.concretelab.gradients.toy.GradientRace;
import org.concretelab.gradients.toy.ToyEstimators;
import org.concretelab.gradients.toy.ToyProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Issue 28: the toy's gradient race, one series per racer growing as the background computes it, cleared by Reset. */
@ExtendWith(ApplicationExtension.class)
class ToyRaceTest {
    private GradientsPane pane;

    @Start
    void start(Stage stage) {
        pane = new GradientsPane(new GradientsViewModel(GradientsViewModel.daemonPool(), Platform::runLater));
        pane.showToy(true);
        stage.setScene(new Scene(pane, 1260, 760));
        stage.show();
    }

    private List<DataSet> drawn(FxRobot robot) {
        XYChart chart = robot.lookup("#toy-race-chart").queryAs(XYChart.class);
        List<DataSet> sets = new ArrayList<>();
        chart.getRenderers().forEach(r -> sets.addAll(r.getDatasets()));
        return sets;
    }

    @Test
    void startDrawsOneGrowingSeriesPerRacerAndResetClearsThem(FxRobot robot) throws Exception {
        RaceExplorer race = pane.viewModel().race();
        List<Integer> shown = new ArrayList<>(); // the steps shown at each update, on the FX thread
        robot.interact(() -> race.stepsShownProperty().addListener((o, a, v) -> shown.add(v.intValue())));
        assertTrue(drawn(robot).stream().allMatch(d -> d.getDataCount() == 0), "nothing before Start");
        robot.clickOn("#toy-race-start");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !race.runningProperty().get()
                && race.stepsShownProperty().get() == RaceExplorer.STEPS);
        WaitForAsyncUtils.waitForFxEvents();
        List<DataSet> sets = drawn(robot);
        assertEquals(ToyEstimators.all().size() + 1, sets.size(), "the exact gradient and every toy estimator");
        for (DataSet d : sets) {
            assertEquals(RaceExplorer.STEPS + 1, d.getDataCount(), d.getName() + ": f(θ_0) … f(θ_T)");
        }
        // drawn as it ran, a chunk at a time: the series grew through many updates, never backwards
        assertTrue(shown.size() >= RaceExplorer.STEPS / RaceExplorer.CHUNK / 2, "updates: " + shown);
        for (int i = 1; i < shown.size(); i++) {
            assertTrue(shown.get(i) > shown.get(i - 1), "grows: " + shown);
        }
        // the exact racer's line is the exact descent from the toy's θ at its rate (what GradientRace computes)
        GradientRace exact = new GradientRace(new ToyProblem(), ToyEstimators.all(), new GradientRace.Settings(
                pane.viewModel().thetaProperty().get(), pane.viewModel().lambdaProperty().get(), RaceExplorer.RATE,
                RaceExplorer.STEPS, RaceExplorer.DRAWS_PER_STEP, 1));
        exact.advance(RaceExplorer.STEPS);
        assertEquals(exact.loss(0)[RaceExplorer.STEPS], sets.get(0).get(DataSet.DIM_Y, RaceExplorer.STEPS), 1e-12);
        assertTrue(robot.lookup("#toy-race-status").queryLabeled().getText().startsWith("200 steps from θ₀ = 0.50"),
                robot.lookup("#toy-race-status").queryLabeled().getText());

        robot.clickOn("#toy-race-reset");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(drawn(robot).stream().allMatch(d -> d.getDataCount() == 0), "Reset clears the chart");
        assertFalse(race.runningProperty().get());
        assertEquals(0, race.stepsShownProperty().get());
    }

    @Test
    void resetDuringARaceStopsIt(FxRobot robot) throws Exception {
        RaceExplorer race = pane.viewModel().race();
        robot.clickOn("#toy-race-start");
        robot.clickOn("#toy-race-reset");
        Thread.sleep(500); // a chunk under way when Reset came must not draw
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(race.runningProperty().get());
        assertTrue(drawn(robot).stream().allMatch(d -> d.getDataCount() == 0), "a reset race draws nothing more");
    }
}

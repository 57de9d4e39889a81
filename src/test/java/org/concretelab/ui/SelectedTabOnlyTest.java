package org.concretelab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import io.fair_acc.chartfx.renderer.spi.ErrorDataSetRenderer;
import io.fair_acc.dataset.spi.DoubleDataSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Only the selected tab's pane is in the scene; the others come back, the same nodes, when selected. */
@ExtendWith(ApplicationExtension.class)
class SelectedTabOnlyTest {
    private Label first;
    private Label second;
    private Label later;
    private final DoubleDataSet curve = new DoubleDataSet("curve");
    private XYChart chart;
    private TabPane tabs;

    @Start
    void start(Stage stage) {
        first = new Label("first"); // controls need the toolkit, which ApplicationExtension starts
        second = new Label("second");
        later = new Label("added later");
        chart = new XYChart(new DefaultNumericAxis("x", (String) null), new DefaultNumericAxis("y", (String) null));
        ErrorDataSetRenderer renderer = new ErrorDataSetRenderer();
        renderer.getDatasets().add(curve);
        chart.getRenderers().setAll(renderer);
        tabs = new TabPane(new Tab("First", first), new Tab("Second", second), new Tab("Chart", chart));
        SelectedTabOnly.install(tabs);
        stage.setScene(new Scene(tabs, 400, 300));
        stage.show();
    }

    private static void await(BooleanSupplier condition, String what) throws Exception {
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, condition::getAsBoolean);
        assertTrue(condition.getAsBoolean(), what);
    }

    @Test
    void unselectedPanesLeaveTheSceneAndComeBackWhenSelected(FxRobot robot) throws Exception {
        assertNotNull(first.getScene());
        assertNull(second.getScene(), "an unselected pane is out of the scene");
        robot.interact(() -> tabs.getSelectionModel().select(1));
        await(() -> second.getScene() != null, "the selected pane, in the next pulse");
        await(() -> first.getScene() == null, "the one left, after the next layout");
        assertSame(second, robot.lookup("second").queryLabeled(), "the same node, found by a user's lookup");

        robot.interact(() -> tabs.getTabs().add(new Tab("Later", later)));
        assertNull(later.getScene(), "a tab added later is wrapped too");
        assertSame(later, SelectedTabOnly.paneOf(tabs.getTabs().get(3)));
        robot.interact(() -> tabs.getSelectionModel().select(3));
        await(() -> later.getScene() != null, "shown");
        await(() -> second.getScene() == null, "the previous one detached");
        assertEquals(1, tabs.getTabs().stream().filter(t -> SelectedTabOnly.paneOf(t).getScene() != null).count());
    }

    /** Data written to a chart right after its tab is selected (before any pulse) must not wait for a read lock. */
    @Test
    void aChartSelectedAndWrittenAtOnceDoesNotBlock(FxRobot robot) throws Exception {
        robot.interact(() -> curve.add(0, 1)); // dirty while detached
        CompletableFuture<Void> selectedAndWritten = new CompletableFuture<>();
        javafx.application.Platform.runLater(() -> {
            tabs.getSelectionModel().select(2);
            curve.add(5, 6); // the FX thread itself: a lock taken on entering the scene would hang it here
            selectedAndWritten.complete(null);
        });
        selectedAndWritten.get(5, TimeUnit.SECONDS);
        await(() -> chart.getScene() != null, "the chart shown");
        CompletableFuture.runAsync(() -> curve.add(7, 8)).get(5, TimeUnit.SECONDS);
    }

    /** A chart shown and left before the next pulse must not keep its data sets read-locked (the FX thread would hang). */
    @Test
    void aChartShownAndLeftAtOnceLeavesItsDataWritable(FxRobot robot) throws Exception {
        robot.interact(() -> {
            curve.add(1, 2); // dirty: the chart locks its data when it enters the scene
            tabs.getSelectionModel().select(2);
            tabs.getSelectionModel().select(0);
        });
        await(() -> chart.getScene() == null, "the chart detached after the layout");
        CompletableFuture<Void> write = CompletableFuture.runAsync(() -> curve.add(2, 3));
        write.get(5, TimeUnit.SECONDS); // a leaked read lock makes this write wait forever
        assertEquals(2, curve.getDataCount());
    }
}

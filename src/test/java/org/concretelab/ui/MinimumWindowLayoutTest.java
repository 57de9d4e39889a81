package org.concretelab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.control.TabPane;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import io.fair_acc.chartfx.XYChart;
import org.concretelab.gradients.toy.ToyEstimators;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The main window at its minimum size (900×600): the toy's panel titles are shown whole, not cut with "…". */
@ExtendWith(ApplicationExtension.class)
class MinimumWindowLayoutTest {
    private Scene scene;

    @Start
    void start(Stage stage) {
        scene = new Scene(new ExplorerApp().build(AppContext.standard()), WindowPlacement.MIN_WIDTH, WindowPlacement.MIN_HEIGHT);
        scene.getStylesheets().add(ExplorerApp.class.getResource("explorer.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    /** The text a Labeled draws (its LabeledText child): the title with "…" where it is cut. */
    private static String drawn(Labeled label) {
        StringBuilder sb = new StringBuilder();
        for (Node n : label.getChildrenUnmodifiable()) {
            if (n instanceof Text t) {
                sb.append(t.getText());
            }
        }
        return sb.toString();
    }

    @Test
    void theToyPanelTitlesAreNotClipped(FxRobot robot) throws Exception {
        robot.interact(() -> {
            TabPane tabs = (TabPane) scene.lookup("#main-tabs");
            tabs.getSelectionModel().select(tabs.getTabs().stream().filter(t -> "gradients-tab".equals(t.getId())).findFirst()
                    .orElseThrow());
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> ((TabPane) scene.lookup("#gradients-views")).getSelectionModel().select(1));
        WaitForAsyncUtils.waitForFxEvents();
        List<XYChart> charts = robot.lookup(".toy-chart").queryAllAs(XYChart.class).stream().toList();
        assertEquals(ToyEstimators.all().size(), charts.size()); // one panel per registered toy estimator
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> charts.stream().allMatch(c -> c.getTitle() != null
                && c.getTitle().contains("mean")));
        Thread.sleep(300); // a layout pass after the last title
        WaitForAsyncUtils.waitForFxEvents();
        for (XYChart c : charts) {
            Labeled title = c.getTitleLabel();
            String shown = drawn(title);
            assertFalse(shown.contains("…") || shown.contains("..."), c.getId() + " title cut: '" + shown + "'");
            assertEquals(c.getTitle().replaceAll("\\s+", ""), shown.replaceAll("\\s+", ""), c.getId());
            javafx.geometry.Bounds cb = c.localToScene(c.getBoundsInLocal());
            for (Node n : title.getChildrenUnmodifiable()) { // the drawn lines lie inside the panel (it clips them)
                javafx.geometry.Bounds tb = n.localToScene(n.getBoundsInLocal());
                assertTrue(tb.getWidth() > 0 && tb.getMinX() >= cb.getMinX() - 0.5 && tb.getMaxX() <= cb.getMaxX() + 0.5
                        && tb.getMaxY() <= cb.getMaxY(), c.getId() + " title " + tb + " in panel " + cb);
            }
        }
    }
}

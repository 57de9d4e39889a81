package org.concretelab.ui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Gradients tab in the main window as it opens on a 1366×768 laptop: its controls, table and charts fit. */
@ExtendWith(ApplicationExtension.class)
class GradientsTabLayoutTest {
    private Scene scene;

    @Start
    void start(Stage stage) {
        WindowPlacement place = WindowPlacement.within(0, 32, 1366, 736);
        scene = new Scene(new ExplorerApp().build(AppContext.standard()), place.width(), place.height());
        scene.getStylesheets().add(ExplorerApp.class.getResource("explorer.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    private boolean inside(Node node) {
        Bounds b = node.localToScene(node.getBoundsInLocal());
        return b.getHeight() > 0 && b.getWidth() > 0 && new BoundingBox(-0.5, -0.5, scene.getWidth() + 1, scene.getHeight() + 1)
                .contains(b);
    }

    @Test
    void everyPartOfBothViewsIsOnScreen(FxRobot robot) {
        robot.interact(() -> {
            TabPane tabs = (TabPane) scene.lookup("#main-tabs");
            tabs.getSelectionModel().select(tabs.getTabs().stream().filter(t -> "gradients-tab".equals(t.getId())).findFirst()
                    .orElseThrow());
        });
        WaitForAsyncUtils.waitForFxEvents();
        for (String id : new String[] {"#status-bar", "#gradients-run", "#gradients-cancel", "#gradients-table",
            "#gradients-points-chart", "#gradients-sweep-chart"}) {
            Node n = robot.lookup(id).query();
            assertTrue(inside(n), id + " at " + n.localToScene(n.getBoundsInLocal()) + " in " + scene.getWidth() + "×" + scene.getHeight());
        }
        robot.interact(() -> ((TabPane) scene.lookup("#gradients-views")).getSelectionModel().select(1));
        WaitForAsyncUtils.waitForFxEvents();
        for (String id : new String[] {"#toy-theta", "#toy-lambda", "#toy-resample", "#toy-chart-score-function",
            "#toy-chart-straight-through"}) {
            Node n = robot.lookup(id).query();
            assertTrue(inside(n), id + " at " + n.localToScene(n.getBoundsInLocal()));
        }
    }
}

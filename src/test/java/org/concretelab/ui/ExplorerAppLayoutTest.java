package org.concretelab.ui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The main window as it opens on a 1366×768 laptop (with a 32 px panel): nothing falls off. */
@ExtendWith(ApplicationExtension.class)
class ExplorerAppLayoutTest {
    private Scene scene;

    @Start
    void start(Stage stage) {
        WindowPlacement place = WindowPlacement.within(0, 32, 1366, 736);
        scene = new Scene(new ExplorerApp().build(AppContext.standard()), place.width(), place.height());
        scene.getStylesheets().add(ExplorerApp.class.getResource("explorer.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    private boolean inside(Node node, Bounds area) {
        Bounds b = node.localToScene(node.getBoundsInLocal());
        return b.getHeight() > 0 && b.getMinX() >= area.getMinX() - 0.5 && b.getMinY() >= area.getMinY() - 0.5
                && b.getMaxX() <= area.getMaxX() + 0.5 && b.getMaxY() <= area.getMaxY() + 0.5;
    }

    private Bounds window() {
        return new javafx.geometry.BoundingBox(0, 0, scene.getWidth(), scene.getHeight());
    }

    @Test
    void theStatusBarAndTheInterpolationStripAreOnScreen(FxRobot robot) {
        assertTrue(scene.getHeight() <= 736 && scene.getWidth() <= 1366);
        Node status = robot.lookup("#status-bar").query();
        assertTrue(inside(status, window()), "status bar " + status.localToScene(status.getBoundsInLocal()));
        // the Latents tab last: only the selected tab's pane is in the scene (SelectedTabOnly), and its strip is checked below
        for (String tab : new String[] {"#training-tab", "#concrete-tab", "#complete-tab", "#results-tab", "#latents-tab"}) {
            robot.interact(() -> {
                TabPane tabs = (TabPane) scene.lookup(".tab-pane");
                tabs.getSelectionModel().select(tabs.getTabs().stream().filter(t -> tab.equals("#" + t.getId())).findFirst().orElseThrow());
            });
            WaitForAsyncUtils.waitForFxEvents();
            assertTrue(inside(status, window()), "status bar on " + tab);
        }
        ScrollPane scroll = robot.lookup("#latents-scroll").queryAs(ScrollPane.class);
        Node strip = robot.lookup("#interpolation-strip").query();
        Bounds viewport = scroll.localToScene(scroll.getBoundsInLocal());
        if (!inside(strip, viewport)) { // reachable by scrolling is enough
            robot.interact(() -> scroll.setVvalue(scroll.getVmax()));
            WaitForAsyncUtils.waitForFxEvents();
        }
        assertTrue(inside(strip, viewport) && inside(strip, window()),
                "interpolation strip " + strip.localToScene(strip.getBoundsInLocal()) + " outside " + viewport);
    }
}

package org.concretelab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Pane;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.concretelab.data.MnistFiles;
import org.concretelab.ui.settings.AppSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Issue 18: the window's place and the last tab come back on the next launch (a new context on the same store). */
@ExtendWith(ApplicationExtension.class)
class RememberedWindowTest {
    private final AppSettings settings = AppSettings.inMemory();

    @Start
    void start(Stage stage) {
        stage.setScene(new Scene(new Pane(), 100, 100));
        stage.show();
    }

    private TabPane launch() {
        BorderPane root = new ExplorerApp().build(new AppContext(MnistFiles.defaultDir(), settings));
        return (TabPane) root.lookup("#main-tabs"); // the tabs share the top with the Help menu
    }

    @Test
    void theLastTabIsSelectedOnTheNextLaunch(FxRobot robot) {
        robot.interact(() -> {
            TabPane first = launch();
            assertEquals("training-tab", first.getSelectionModel().getSelectedItem().getId(), "first launch: Training");
            first.getSelectionModel().select(2);
        });
        robot.interact(() -> assertEquals("latents-tab", launch().getSelectionModel().getSelectedItem().getId()));
        settings.put(ExplorerApp.TAB_KEY, "no-such-tab");
        robot.interact(() -> assertEquals("training-tab", launch().getSelectionModel().getSelectedItem().getId()));
    }

    @Test
    void theWindowReopensWhereItWasClosedAndOffScreenPlacesAreCorrected(FxRobot robot) {
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        robot.interact(() -> {
            Stage first = new Stage();
            first.setScene(new Scene(new Pane()));
            ExplorerApp.placeWindow(first, settings);
            first.show();
            first.setX(screen.getMinX() + 10);
            first.setY(screen.getMinY() + 20);
            first.setWidth(Math.min(1010, screen.getWidth()));
            first.setHeight(Math.min(690, screen.getHeight()));
            first.hide(); // closing remembers the place
        });
        robot.interact(() -> {
            Stage next = new Stage();
            next.setScene(new Scene(new Pane()));
            ExplorerApp.placeWindow(next, settings);
            assertEquals(screen.getMinX() + 10, next.getX());
            assertEquals(screen.getMinY() + 20, next.getY());
            assertEquals(Math.min(1010, screen.getWidth()), next.getWidth());
        });
        settings.put("window.x", Double.toString(screen.getMaxX() + 4000)); // a monitor that is gone
        robot.interact(() -> {
            Stage next = new Stage();
            next.setScene(new Scene(new Pane()));
            ExplorerApp.placeWindow(next, settings);
            assertTrue(next.getX() >= screen.getMinX() && next.getX() + next.getWidth() <= screen.getMaxX() + 1,
                    next.getX() + " + " + next.getWidth() + " on " + screen);
            assertTrue(next.getY() >= screen.getMinY(), "y " + next.getY());
        });
        settings.put("window.y", "corrupt");
        robot.interact(() -> {
            Stage next = new Stage();
            next.setScene(new Scene(new Pane()));
            ExplorerApp.placeWindow(next, settings); // falls back to the default place, silently
            assertTrue(next.getX() >= screen.getMinX(), "x " + next.getX());
        });
    }
}

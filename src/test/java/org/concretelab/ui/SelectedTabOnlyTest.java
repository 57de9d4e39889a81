package org.concretelab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

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
    private TabPane tabs;

    @Start
    void start(Stage stage) {
        first = new Label("first"); // controls need the toolkit, which ApplicationExtension starts
        second = new Label("second");
        later = new Label("added later");
        tabs = new TabPane(new Tab("First", first), new Tab("Second", second));
        SelectedTabOnly.install(tabs);
        stage.setScene(new Scene(tabs, 300, 200));
        stage.show();
    }

    @Test
    void unselectedPanesLeaveTheSceneAndComeBackWhenSelected(FxRobot robot) {
        assertNotNull(first.getScene());
        assertNull(second.getScene(), "an unselected pane is out of the scene");
        robot.interact(() -> tabs.getSelectionModel().select(1));
        assertNull(first.getScene());
        assertNotNull(second.getScene());
        assertSame(second, robot.lookup("second").queryLabeled(), "the same node, found by a user's lookup");

        robot.interact(() -> tabs.getTabs().add(new Tab("Later", later)));
        assertNull(later.getScene(), "a tab added later is wrapped too");
        assertSame(later, SelectedTabOnly.paneOf(tabs.getTabs().get(2)));
        robot.interact(() -> tabs.getSelectionModel().select(2));
        WaitForAsyncUtils.waitForFxEvents();
        assertNotNull(later.getScene());
        assertNull(second.getScene());
        assertEquals(1, tabs.getTabs().stream().filter(t -> SelectedTabOnly.paneOf(t).getScene() != null).count());
    }
}

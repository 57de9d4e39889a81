package org.concretelab.ui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBoxBase;
import javafx.scene.control.Control;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tab;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Every control a tab shows can be reached with the Tab key (issue 25: "every control reachable and usable without a
 * mouse"): Tab is pressed from the tab's first control until focus has gone round, and every visible, enabled button,
 * slider, choice, spinner and text field of that tab must have held the focus.
 */
@ExtendWith(ApplicationExtension.class)
class KeyboardReachTest {
    private ExplorerApp app;
    private Scene scene;

    @Start
    void start(Stage stage) {
        app = new ExplorerApp();
        scene = new Scene(app.build(AppContext.standard()), 1229, 662);
        stage.setScene(scene);
        stage.show();
    }

    @ParameterizedTest
    @ValueSource(strings = {"training-tab", "concrete-tab", "latents-tab", "complete-tab", "gradients-tab", "results-tab"})
    void tabReachesEveryControlOf(String tabId, FxRobot robot) {
        Tab tab = app.tabs().getTabs().stream().filter(t -> tabId.equals(t.getId())).findFirst().orElseThrow();
        robot.interact(() -> app.tabs().getSelectionModel().select(tab));
        WaitForAsyncUtils.waitForFxEvents();
        // the pane is attached to its holder in a later pulse (SelectedTabOnly)
        org.junit.jupiter.api.Assertions.assertDoesNotThrow(() -> WaitForAsyncUtils.waitFor(10, java.util.concurrent.TimeUnit.SECONDS,
                () -> !(tab.getContent() instanceof Parent p) || !p.getChildrenUnmodifiable().isEmpty()));
        WaitForAsyncUtils.waitForFxEvents();
        List<Control> wanted = new ArrayList<>();
        robot.interact(() -> collect(tab.getContent(), wanted));
        assertTrue(!wanted.isEmpty(), tabId + " shows no controls: " + tab.getContent());
        robot.interact(() -> wanted.get(0).requestFocus());
        Map<Node, Boolean> seen = new IdentityHashMap<>();
        // the Tab key as the scene gets it, fired at the focus owner in one go (a robot key press per stop took minutes
        // for the Latents tab's 200 toggles); the scene's own traversal moves the focus, as for a real key
        robot.interact(() -> {
            for (int i = 0; i < 2 * wanted.size() + 40; i++) {
                Node focus = scene.getFocusOwner();
                for (Node n = focus; n != null; n = n.getParent()) {
                    seen.put(n, true); // a spinner's or combo box's editor counts for its control
                }
                javafx.event.Event.fireEvent(focus == null ? scene.getRoot() : focus, new javafx.scene.input.KeyEvent(
                        javafx.scene.input.KeyEvent.KEY_PRESSED, "", "", KeyCode.TAB, false, false, false, false));
            }
        });
        List<String> missed = new ArrayList<>();
        for (Control c : wanted) {
            if (!seen.containsKey(c)) {
                missed.add(describe(c));
            }
        }
        assertTrue(missed.isEmpty(), tabId + ": not reachable with Tab: " + missed);
    }

    private static void collect(Node node, List<Control> out) {
        if (node == null || !node.isVisible() || node.isDisabled()) {
            return;
        }
        if (node instanceof ButtonBase || node instanceof Slider || node instanceof ComboBoxBase || node instanceof ChoiceBox
                || node instanceof Spinner || (node instanceof TextInputControl t && t.isEditable()
                && !(t.getParent() instanceof Spinner) && !(t.getParent() instanceof ComboBoxBase))) {
            if (!isInsideSkinOf(node)) {
                out.add((Control) node);
            }
            return;
        }
        if (node instanceof javafx.scene.control.TableView || node instanceof javafx.scene.control.ListView
                || node instanceof javafx.scene.control.Labeled) {
            return; // one stop each; their rows and texts are not separate stops
        }
        if (node instanceof javafx.scene.control.ScrollPane sp) {
            collect(sp.getContent(), out);
        } else if (node instanceof javafx.scene.control.TabPane tp) {
            if (tp.getSelectionModel().getSelectedItem() != null) {
                collect(tp.getSelectionModel().getSelectedItem().getContent(), out);
            }
        } else if (node instanceof javafx.scene.control.SplitPane sp) {
            sp.getItems().forEach(n -> collect(n, out));
        } else if (node instanceof javafx.scene.control.TitledPane tp) {
            collect(tp.getContent(), out);
        } else if (node instanceof javafx.scene.control.ToolBar tb) {
            tb.getItems().forEach(n -> collect(n, out));
        } else if (node instanceof Parent p) {
            p.getChildrenUnmodifiable().forEach(n -> collect(n, out));
        }
    }

    private static boolean isInsideSkinOf(Node node) {
        for (Node n = node.getParent(); n != null; n = n.getParent()) {
            if (n instanceof Spinner || n instanceof ComboBoxBase) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Control c) {
        String text = c instanceof javafx.scene.control.Labeled l ? " '" + l.getText() + "'" : "";
        return c.getClass().getSimpleName() + (c.getId() == null ? "" : "#" + c.getId()) + text;
    }
}

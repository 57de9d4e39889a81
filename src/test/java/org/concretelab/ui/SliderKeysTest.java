package org.concretelab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Slider;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.concretelab.ui.concrete.ConcretePane;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Sliders from the keyboard: small steps on the arrows, larger on Page Up/Down, every control reached by Tab. */
@ExtendWith(ApplicationExtension.class)
class SliderKeysTest {
    private ExplorerApp app;
    private Scene scene;

    @Start
    void start(Stage stage) {
        app = new ExplorerApp();
        scene = new Scene(app.build(AppContext.standard()), 1229, 662);
        stage.setScene(scene);
        stage.show();
    }

    private void selectTab(FxRobot robot, String id) {
        robot.interact(() -> app.tabs().getSelectionModel().select(
                app.tabs().getTabs().stream().filter(t -> id.equals(t.getId())).findFirst().orElseThrow()));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void press(FxRobot robot, Slider s, KeyCode key) {
        robot.interact(s::requestFocus);
        robot.type(key);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void oneArrowMovesTheTemperatureByAFewPercentAndPageDownByMore(FxRobot robot) {
        selectTab(robot, "concrete-tab");
        ConcretePane concrete = app.concrete();
        robot.interact(() -> concrete.lambdaProperty().set(1.0));
        Slider lambda = robot.lookup("#lambda-slider").queryAs(Slider.class);
        press(robot, lambda, KeyCode.LEFT);
        double afterLeft = concrete.lambdaProperty().get();
        // the old slider jumped to its end (0.05) on one press
        assertTrue(afterLeft < 1 && afterLeft > 0.9, "λ after one ← from 1: " + afterLeft);
        press(robot, lambda, KeyCode.RIGHT);
        assertEquals(1.0, concrete.lambdaProperty().get(), 1e-9);
        press(robot, lambda, KeyCode.PAGE_DOWN);
        double afterPage = concrete.lambdaProperty().get();
        assertTrue(afterPage < 0.9 && afterPage > 0.5, "λ after Page Down from 1: " + afterPage);
        press(robot, lambda, KeyCode.PAGE_UP);
        assertEquals(1.0, concrete.lambdaProperty().get(), 1e-9);
    }

    @Test
    void everySliderStepsAHundredthOfItsRange(FxRobot robot) {
        int checked = 0;
        for (String tab : new String[] {"concrete-tab", "gradients-tab"}) {
            selectTab(robot, tab);
            if (tab.equals("gradients-tab")) { // the toy view holds the Gradients sliders
                robot.interact(() -> ((TabPane) scene.lookup("#gradients-views")).getSelectionModel().select(1));
                WaitForAsyncUtils.waitForFxEvents();
            }
            for (Slider s : robot.lookup(".slider").queryAllAs(Slider.class)) {
                double range = s.getMax() - s.getMin();
                robot.interact(() -> s.setValue(s.getMin() + range / 2));
                double before = s.getValue();
                press(robot, s, KeyCode.RIGHT);
                assertEquals(range / SliderKeys.SMALL_STEPS, s.getValue() - before, 1e-9, s.getId() + " on →");
                press(robot, s, KeyCode.PAGE_DOWN);
                assertEquals(range / SliderKeys.SMALL_STEPS - range / SliderKeys.LARGE_STEPS, s.getValue() - before, 1e-9,
                        s.getId() + " on Page Down");
                checked++;
            }
        }
        assertTrue(checked >= 6, "sliders checked: " + checked); // λ, 3 α, toy θ and λ
    }

    @Test
    void tabReachesEveryConcreteControl(FxRobot robot) {
        selectTab(robot, "concrete-tab");
        robot.interact(() -> robot.lookup("#n-choice").query().requestFocus());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            robot.type(KeyCode.TAB);
            WaitForAsyncUtils.waitForFxEvents();
            Node focus = scene.getFocusOwner();
            if (focus != null && focus.getId() != null) {
                seen.add(focus.getId());
            }
        }
        for (String id : new String[] {"lambda-slider", "lambda-field", "alpha-slider-0", "alpha-slider-2", "reset-alpha-button",
            "points-choice", "density-check", "resample-button", "animate-button"}) {
            assertTrue(seen.contains(id), id + " not reached by Tab; reached " + seen);
        }
    }
}

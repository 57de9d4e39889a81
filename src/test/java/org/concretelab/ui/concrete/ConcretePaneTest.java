package org.concretelab.ui.concrete;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.scene.Scene;
import javafx.scene.control.Slider;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class ConcretePaneTest {
    private ConcretePane pane;

    @Start
    void start(Stage stage) {
        pane = new ConcretePane();
        stage.setScene(new Scene(pane, 1100, 760));
        stage.show();
    }

    @Test
    void draggingTheTemperatureDownPullsSamplesToTheVertices(FxRobot robot) {
        robot.interact(() -> pane.lambdaProperty().set(8));
        double hot = pane.meanVertexDistanceProperty().get();
        double lambdaBefore = pane.lambdaProperty().get();
        Slider slider = robot.lookup("#lambda-slider").queryAs(Slider.class);
        robot.drag("#lambda-slider .thumb", MouseButton.PRIMARY).moveBy(-slider.getWidth(), 0).release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        double lambdaAfter = pane.lambdaProperty().get();
        double cold = pane.meanVertexDistanceProperty().get();
        assertTrue(lambdaAfter < 0.1 && lambdaAfter < lambdaBefore, "λ after drag " + lambdaAfter);
        assertTrue(cold < hot / 3, "distance to vertex: λ=8 " + hot + ", λ=" + lambdaAfter + " " + cold);
        // the sweep in between is monotone too
        double previous = Double.POSITIVE_INFINITY;
        for (double lambda : new double[] {5, 2, 1, 0.5, 0.2, 0.05}) {
            robot.interact(() -> pane.lambdaProperty().set(lambda));
            double d = pane.meanVertexDistanceProperty().get();
            assertTrue(d < previous, "λ=" + lambda + ": " + d + " after " + previous);
            previous = d;
        }
    }

    @Test
    void argmaxSharesMatchTheClassProbabilitiesAtAnyTemperature(FxRobot robot) {
        robot.interact(() -> pane.setPointCount(10_000));
        for (double lambda : new double[] {0.1, 1, 5}) {
            robot.interact(() -> pane.lambdaProperty().set(lambda));
            double[] shares = pane.argmaxShares();
            double[] p = pane.probabilities();
            for (int k = 0; k < p.length; k++) {
                // 10,000 draws: binomial sd ≤ 0.005; 0.02 is 4 sd (fixed noise: deterministic)
                assertEquals(p[k], shares[k], 0.02, "λ=" + lambda + " class " + (k + 1));
            }
        }
    }

    @Test
    void resampleMovesThePointsAndOtherDimensionsDraw(FxRobot robot) {
        double[] before = pane.point(0);
        robot.clickOn("#resample-button");
        assertNotEquals(before[0], pane.point(0)[0]);
        for (int n : new int[] {2, 4, 5, 3}) {
            robot.interact(() -> pane.setDimensionChoice(n));
            assertEquals(n, pane.probabilities().length);
            assertTrue(pane.lastRedrawMillisProperty().get() > 0);
        }
    }
}

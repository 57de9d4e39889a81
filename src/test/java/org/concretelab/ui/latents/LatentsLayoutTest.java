package org.concretelab.ui.latents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.ImageView;
import javafx.scene.layout.Pane;
import javafx.stage.Stage;
import org.concretelab.data.MnistSplits;
import org.concretelab.model.VaeModel;
import org.concretelab.model.VaeModels;
import org.concretelab.train.TrainingCheckpoint;
import org.concretelab.ui.AppContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Latents pane hosted as the app hosts it (in a scroll pane): the decoded digit grows with the window, and
 * "Interpolate to next digit" says what to do next and then shows the path in view.
 */
@ExtendWith(ApplicationExtension.class)
class LatentsLayoutTest {
    static AppContext context;
    static VaeModel model;
    static MnistSplits data;
    private LatentsPane pane;
    private ScrollPane scroll;
    private Stage stage;

    @BeforeAll
    static void load() {
        context = AppContext.standard();
        TrainingCheckpoint cp = context.shippedModel().orElseThrow(() -> new AssertionError("no shipped model"));
        model = VaeModels.restore(cp.model());
        data = context.data().join();
    }

    /** Its own window, closed after each test: resizing TestFX's shared stage would fix the size of every later test's. */
    @Start
    void start(Stage primary) {
        stage = new Stage();
        pane = new LatentsPane(new LatentsViewModel(context.background()));
        List<float[]> digits = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            digits.add(data.test().pixelsOf(i));
        }
        pane.setDigits(digits);
        pane.setModel(model);
        scroll = new ScrollPane(pane);
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true);
        stage.setScene(new Scene(scroll, 900, 560)); // the minimum window's tab area
        stage.show();
    }

    @AfterEach
    void close() throws Exception {
        org.testfx.api.FxToolkit.cleanupStages();
    }

    private void awaitDecoded() throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> pane.decodedProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private double decodedWidth(FxRobot robot) {
        ImageView v = robot.lookup("#decoded-image").queryAs(ImageView.class);
        return v.localToScene(v.getBoundsInLocal()).getWidth();
    }

    private void resize(FxRobot robot, double w, double h) {
        robot.interact(() -> {
            stage.setWidth(w);
            stage.setHeight(h);
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> stage.getScene().getRoot().layout());
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void theDecodedDigitScalesWithItsPane(FxRobot robot) throws Exception {
        awaitDecoded();
        double small = decodedWidth(robot);
        assertEquals(28 * 8, small, 0.5, "at 900×560 as before: 8 px per pixel");
        resize(robot, 1270, 790); // Monocle's headless screen is 1280×800
        double large = decodedWidth(robot);
        // before, the digit stayed 224 px (8 per pixel) at any window size
        assertTrue(large > 28 * 8 + 60, "at 1270×790: " + large);
        assertTrue(large > small, small + " → " + large);
        Node holder = robot.lookup("#decoded-holder").query();
        Bounds h = holder.localToScene(holder.getBoundsInLocal());
        Bounds s = scroll.localToScene(scroll.getBoundsInLocal());
        assertTrue(h.getMaxX() <= s.getMaxX() + 0.5, "the digit's area is inside the window: " + h + " in " + s);
        resize(robot, 900, 560);
        assertEquals(small, decodedWidth(robot), 0.5, "and shrinks again");
    }

    @Test
    void interpolateSaysWhatToDoAndShowsThePathInView(FxRobot robot) throws Exception {
        awaitDecoded();
        Label hint = robot.lookup("#interpolation-hint").queryAs(Label.class);
        assertFalse(hint.isVisible(), "nothing to say before it is used");
        robot.clickOn("#interpolate-toggle");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(hint.isVisible() && hint.getText().contains("click a test digit"), hint.getText());
        robot.interact(() -> robot.lookup("#digit-3").queryButton().fire());
        Pane strip = robot.lookup("#interpolation-strip").queryAs(Pane.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> strip.getChildren().size() >= 2);
        WaitForAsyncUtils.waitForFxEvents();
        Thread.sleep(200); // the scroll into view runs a pulse later
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(hint.getText().startsWith("The path is in the strip below: " + strip.getChildren().size() + " steps"),
                hint.getText());
        Node last = strip.getChildren().get(strip.getChildren().size() - 1);
        String caption = ((Label) robot.from(last).lookup(".caption").query()).getText();
        assertTrue(caption.matches("(\\d+)/\\1"), "the last step has flipped every differing latent: " + caption);
        Bounds b = strip.localToScene(strip.getBoundsInLocal());
        Bounds viewport = scroll.localToScene(scroll.getBoundsInLocal());
        assertTrue(b.getMaxY() <= viewport.getMaxY() + 0.5 && b.getMinY() >= viewport.getMinY() - 0.5,
                "the path is in view: " + b + " in " + viewport);
        assertEquals(false, robot.lookup("#interpolate-toggle").queryAs(javafx.scene.control.ToggleButton.class).isSelected());
    }

    /**
     * On a 1366×768 laptop (the window at 90 %: a 1229×620 tab area) the interpolation's hint and path fit with the
     * toolbar: the tab scrolled by 42 px instead, hiding the toolbar (seen on the README's screenshot).
     */
    @Test
    void onALaptopTheInterpolationFitsWithTheToolbar(FxRobot robot) throws Exception {
        resize(robot, 1229, 620);
        awaitDecoded();
        robot.clickOn("#interpolate-toggle");
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> robot.lookup("#digit-1").queryButton().fire());
        Pane strip = robot.lookup("#interpolation-strip").queryAs(Pane.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> strip.getChildren().size() >= 2);
        WaitForAsyncUtils.waitForFxEvents();
        Thread.sleep(200);
        WaitForAsyncUtils.waitForFxEvents();
        Bounds viewport = scroll.localToScene(scroll.getBoundsInLocal());
        Node toolbar = robot.lookup("#sample-prior-button").query();
        Bounds t = toolbar.localToScene(toolbar.getBoundsInLocal());
        Bounds b = strip.localToScene(strip.getBoundsInLocal());
        assertTrue(t.getMinY() >= viewport.getMinY() - 0.5, "the toolbar is in view: " + t + " in " + viewport);
        assertTrue(b.getMaxY() <= viewport.getMaxY() + 0.5, "the path is in view: " + b + " in " + viewport);
        double w = robot.lookup("#decoded-image").queryAs(ImageView.class).getFitWidth();
        assertTrue(w >= 28 * 5, "the digit stays readable: " + w);
    }
}

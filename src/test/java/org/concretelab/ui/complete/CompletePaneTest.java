package org.concretelab.ui.complete;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Spinner;
import javafx.scene.control.ToggleButton;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.stage.Stage;
import org.concretelab.data.MnistSplits;
import org.concretelab.model.ConditionalSamples;
import org.concretelab.model.ModelSpec;
import org.concretelab.model.VaeModel;
import org.concretelab.model.VaeModels;
import org.concretelab.train.TrainingCheckpoint;
import org.concretelab.ui.AppContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Complete tab on the shipped completion model (assets/models/completion.ckpt), headless. */
@ExtendWith(ApplicationExtension.class)
class CompletePaneTest {
    static AppContext context;
    static VaeModel model;
    static MnistSplits data;
    private CompletePane pane;

    @BeforeAll
    static void load() {
        context = AppContext.standard();
        TrainingCheckpoint cp = context.shippedModel(AppContext.SHIPPED_COMPLETION_MODEL)
                .orElseThrow(() -> new AssertionError("no shipped completion model"));
        model = VaeModels.restore(cp.model());
        data = context.data().join();
    }

    @Start
    void start(Stage stage) {
        pane = new CompletePane(new CompleteViewModel(context.background()));
        pane.viewModel().setDigits(data.test().size(), data.test()::pixelsOf);
        pane.setModel(model);
        stage.setScene(new Scene(pane, 1250, 720));
        stage.show();
    }

    private CompleteViewModel vm() {
        return pane.viewModel();
    }

    private ConditionalSamples awaitSamples(ConditionalSamples previous) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> vm().samplesProperty().get() != null
                && vm().samplesProperty().get() != previous);
        WaitForAsyncUtils.waitForFxEvents();
        return vm().samplesProperty().get();
    }

    private float[] awaitDecoded(float[] previous) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> vm().decodedProperty().get() != previous);
        WaitForAsyncUtils.waitForFxEvents();
        return vm().decodedProperty().get();
    }

    /** Dark pixels of an image's lower half (the completion's): a drawn bottom half has some. */
    private static int darkBelowTheSeam(Image image) {
        int n = 0;
        int size = (int) image.getWidth();
        for (int y = size / 2 + 2; y < size; y++) {
            for (int x = size / 8; x < size - size / 8; x++) {
                n += (image.getPixelReader().getArgb(x, y) & 0xFF) < 128 ? 1 : 0;
            }
        }
        return n;
    }

    @Test
    void theGridShowsSixteenSampledCompletionsOfTheFirstTestDigitAndTheirMean(FxRobot robot) throws Exception {
        ConditionalSamples draws = awaitSamples(null);
        assertEquals(CompleteViewModel.DRAWS, draws.count());
        assertArrayEquals(Arrays.copyOf(data.test().pixelsOf(0), 392), vm().topProperty().get(), "test digit 0's top half");
        int differing = 0;
        for (int i = 0; i < CompleteViewModel.SHOWN; i++) {
            ImageView v = (ImageView) robot.lookup("#completion-" + i).queryAs(ToggleButton.class).getGraphic();
            assertNotNull(v.getImage(), "cell " + i);
            assertTrue(darkBelowTheSeam(v.getImage()) > 20, "cell " + i + " has a bottom half drawn");
            differing += Arrays.equals(draws.means(i), draws.means(0)) ? 0 : 1;
        }
        assertTrue(differing >= 10, "draws from p(z | top) differ: " + differing + " of 15 differ from the first");
        assertArrayEquals(draws.meanOfMeans(), vm().meanProperty().get(), 1e-6f);
        assertNotNull(robot.lookup("#mean-image").queryAs(ImageView.class).getImage());
        assertNotNull(robot.lookup("#original-image").queryAs(ImageView.class).getImage(), "the test digit itself");
        assertEquals(0, vm().selectedProperty().get());
        assertArrayEquals(draws.means(0), vm().decodedProperty().get(), "the selected draw is the first");
        assertTrue(robot.lookup("#completion-0").queryAs(ToggleButton.class).isSelected());
        assertEquals(model.latentLayout().discreteUnits(), robot.lookup(".unit-toggle").queryAll().size());
    }

    @Test
    void flippingAUnitReDecodesTheSelectedBottomHalfAtOnce(FxRobot robot) throws Exception {
        awaitSamples(null);
        float[] before = vm().decodedProperty().get();
        boolean wasOn = vm().codeProperty().get().isOn(5);
        robot.clickOn("#unit-toggle-5");
        float[] after = awaitDecoded(before);
        assertEquals(!wasOn, vm().codeProperty().get().isOn(5));
        assertArrayEquals(model.decode(vm().codeProperty().get().values()), after, 1e-6f, "the flipped code, decoded");
        double change = 0;
        for (int i = 0; i < after.length; i++) {
            change += Math.abs(after[i] - before[i]);
        }
        assertTrue(change > 1e-3, "total pixel change " + change);
        // selecting another draw shows its code and bottom half
        ConditionalSamples draws = vm().samplesProperty().get();
        robot.clickOn("#completion-6");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(6, vm().selectedProperty().get());
        assertArrayEquals(draws.code(6), vm().codeProperty().get().values());
        for (int s = 0; s < 20; s++) {
            assertEquals(draws.code(6)[s] > 0.5f, robot.lookup("#unit-toggle-" + s).queryAs(ToggleButton.class).isSelected());
        }
    }

    @Test
    void reSampleDrawsNewCompletionsOfTheSameTopHalf(FxRobot robot) throws Exception {
        ConditionalSamples first = awaitSamples(null);
        float[] top = vm().topProperty().get();
        robot.clickOn("#resample-button");
        ConditionalSamples second = awaitSamples(first);
        assertSame(top, vm().topProperty().get());
        assertFalse(Arrays.equals(first.codes(), second.codes()), "new draws");
    }

    @Test
    void theSpinnerAndRandomDigitPickTestDigits(FxRobot robot) throws Exception {
        ConditionalSamples first = awaitSamples(null);
        Spinner<?> spinner = robot.lookup("#digit-spinner").queryAs(Spinner.class);
        robot.interact(() -> spinner.getValueFactory().increment(7));
        ConditionalSamples seventh = awaitSamples(first);
        assertEquals(7, vm().digitIndexProperty().get());
        assertArrayEquals(Arrays.copyOf(data.test().pixelsOf(7), 392), vm().topProperty().get());
        robot.clickOn("#random-digit-button");
        awaitSamples(seventh);
        int picked = vm().digitIndexProperty().get();
        assertTrue(picked >= 0 && picked < 10_000);
        assertEquals(picked, spinner.getValue(), "the spinner shows the digit picked");
    }

    @Test
    void aDrawnTopHalfIsCompleted(FxRobot robot) throws Exception {
        ConditionalSamples first = awaitSamples(null);
        Canvas canvas = robot.lookup("#top-drawing-canvas").queryAs(Canvas.class);
        double[][] path = {{45, 25}, {60, 18}, {80, 18}, {95, 28}, {92, 45}, {80, 62}};
        robot.interact(() -> {
            for (int i = 0; i < path.length; i++) {
                canvas.fireEvent(mouse(canvas, i == 0 ? MouseEvent.MOUSE_PRESSED : MouseEvent.MOUSE_DRAGGED, path[i][0], path[i][1]));
            }
            canvas.fireEvent(mouse(canvas, MouseEvent.MOUSE_RELEASED, 80, 62));
        });
        float[] drawn = pane.drawnTopHalf();
        float ink = 0;
        for (float v : drawn) {
            ink += v;
        }
        assertTrue(ink > 10, "ink of the drawn top half: " + ink);
        robot.clickOn("#complete-drawing-button");
        awaitSamples(first);
        assertArrayEquals(drawn, vm().topProperty().get());
        assertNull(vm().truthProperty().get(), "a drawing has no original bottom half");
        assertEquals(-1, vm().digitIndexProperty().get());
    }

    @Test
    void theCanvasStaysPutWhenADrawingIsCompletedAndBack(FxRobot robot) throws Exception {
        ConditionalSamples first = awaitSamples(null);
        Canvas canvas = robot.lookup("#top-drawing-canvas").queryAs(Canvas.class);
        javafx.geometry.Bounds before = canvas.localToScene(canvas.getBoundsInLocal());
        robot.interact(() -> {
            canvas.fireEvent(mouse(canvas, MouseEvent.MOUSE_PRESSED, 45, 25));
            canvas.fireEvent(mouse(canvas, MouseEvent.MOUSE_DRAGGED, 90, 40));
            canvas.fireEvent(mouse(canvas, MouseEvent.MOUSE_RELEASED, 90, 40));
        });
        robot.clickOn("#complete-drawing-button");
        ConditionalSamples drawn = awaitSamples(first);
        WaitForAsyncUtils.waitForFxEvents();
        // the original digit's image went away (a drawing has none): its place is kept, so nothing below it moves
        assertEquals(before, canvas.localToScene(canvas.getBoundsInLocal()), "after Complete drawing");
        robot.clickOn("#random-digit-button");
        awaitSamples(drawn);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(before, canvas.localToScene(canvas.getBoundsInLocal()), "back on a test digit");
    }

    @Test
    void aDensityModelIsRefusedWithAMessage(FxRobot robot) throws Exception {
        awaitSamples(null);
        VaeModel density = VaeModels.create(ModelSpec.defaults(), 1);
        robot.interact(() -> vm().setModel(density));
        assertSame(model, vm().modelProperty().get());
        assertTrue(vm().statusProperty().get().contains("needs a completion model"), vm().statusProperty().get());
    }

    /** A mouse event at the canvas's local (x, y): delivered to the canvas, its coordinates are taken from the scene's. */
    private static MouseEvent mouse(Canvas canvas, javafx.event.EventType<MouseEvent> type, double x, double y) {
        javafx.geometry.Point2D p = canvas.localToScene(x, y);
        return new MouseEvent(type, p.getX(), p.getY(), p.getX(), p.getY(), MouseButton.PRIMARY, 1, false, false, false, false,
                true, false, false, false, false, false, null);
    }
}

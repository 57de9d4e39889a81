package org.concretelab.ui.latents;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.Arrays;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.scene.image.ImageView;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.stage.Stage;
import org.concretelab.data.MnistSplits;
import org.concretelab.model.VaeModel;
import org.concretelab.model.VaeModels;
import org.concretelab.ui.AppContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Latents pane on the shipped model (assets/models/default.ckpt). */
@ExtendWith(ApplicationExtension.class)
class LatentsPaneTest {
    static AppContext context;
    static VaeModel model;
    static MnistSplits data;
    private LatentsPane pane;

    @BeforeAll
    static void load() {
        ShippedLatents shipped = ShippedLatents.load();
        context = shipped.context();
        model = shipped.model();
        data = shipped.data();
    }

    @Start
    void start(Stage stage) {
        pane = new ShippedLatents(context, model, data).pane(12);
        stage.setScene(new Scene(pane, 1200, 800));
        stage.show();
    }

    private float[] awaitDecoded(float[] previous) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> pane.decodedProperty().get() != null && pane.decodedProperty().get() != previous);
        WaitForAsyncUtils.waitForFxEvents();
        return pane.decodedProperty().get();
    }

    @Test
    void flippingAToggleChangesTheDecodedImage(FxRobot robot) throws Exception {
        float[] before = awaitDecoded(null);
        robot.clickOn("#latent-toggle-7");
        float[] after = awaitDecoded(before);
        double change = 0;
        for (int i = 0; i < before.length; i++) {
            change += Math.abs(after[i] - before[i]);
        }
        assertTrue(change > 0.5, "total pixel change " + change);
        // the sampled-image checkbox and sensitivity map work on the same code without errors
        robot.clickOn("#sensitivity-toggle");
        robot.clickOn("#latent-toggle-8");
        assertNotNull(awaitDecoded(after));
    }

    @Test
    void opensOnTheFirstTestDigitsReconstructionRatherThanANoisePriorSample() throws Exception {
        float[] first = awaitDecoded(null);
        float[] expected = model.decode(model.encodeMode(data.test().pixelsOf(0)));
        assertTrue(sq(first, expected) < 1e-10, "the starting image is not test digit 0's reconstruction");
    }

    @Test
    void clickingATestDigitEncodesAndReconstructsIt(FxRobot robot) throws Exception {
        float[] before = awaitDecoded(null);
        robot.clickOn("#digit-3");
        float[] recon = awaitDecoded(before);
        float[] digit = data.test().pixelsOf(3);
        float[] other = data.test().pixelsOf(4);
        assertTrue(sq(recon, digit) < sq(recon, other), "reconstruction of test digit 3 is nearer digit 4");
    }

    @Test
    void encodeThenDecodeIsCloserToTheDigitThanToAnotherOne() {
        // averaged over 100 test digits: mean squared pixel error to the digit vs to a random other digit
        java.util.SplittableRandom r = new java.util.SplittableRandom(1);
        double own = 0;
        double otherError = 0;
        for (int i = 0; i < 100; i++) {
            float[] x = data.test().pixelsOf(i);
            float[] recon = model.decode(model.encodeMode(x));
            int j = (i + 1 + r.nextInt(9_999)) % 10_000;
            own += sq(recon, x);
            otherError += sq(recon, data.test().pixelsOf(j));
        }
        assertTrue(own < 0.6 * otherError, "own " + own / 100 + " vs other " + otherError / 100);
    }

    @Test
    void aStrokeDrawnInACornerOrInTheMiddleIsEncodedToTheSameCode(FxRobot robot) throws Exception {
        awaitDecoded(null);
        float[] corner = drawOneAndEncode(robot, 0, 0);
        float[] cornerInput = pane.preparedDrawing();
        robot.clickOn("#clear-drawing-button");
        float[] middle = drawOneAndEncode(robot, 60, 45);
        assertArrayEquals(cornerInput, pane.preparedDrawing(), 1e-5f);
        assertArrayEquals(corner, middle, "latent code of the corner and the middle stroke");
        ImageView prepared = robot.lookup("#prepared-image").queryAs(ImageView.class);
        assertNotNull(prepared.getImage(), "the prepared 28×28 input is shown beside the drawing");
    }

    /**
     * Drags a "1" whose top-left is near (dx, dy) over the canvas and encodes it. The drag is fired as
     * mouse events at exact canvas positions: the robot's interpolated path lands on different sub-pixel
     * points each time, and the encoder's 200 thresholds are sensitive enough to notice.
     */
    private float[] drawOneAndEncode(FxRobot robot, int dx, int dy) throws Exception {
        Canvas canvas = robot.lookup("#drawing-canvas").queryAs(Canvas.class);
        double[][] path = {{10, 20}, {14, 15}, {18, 10}, {18, 25}, {18, 40}, {18, 60}};
        robot.interact(() -> {
            for (int i = 0; i < path.length; i++) {
                canvas.fireEvent(mouse(i == 0 ? MouseEvent.MOUSE_PRESSED : MouseEvent.MOUSE_DRAGGED, dx + path[i][0], dy + path[i][1]));
            }
            canvas.fireEvent(mouse(MouseEvent.MOUSE_RELEASED, dx + 18, dy + 60));
        });
        float[] expected = model.encodeMode(pane.preparedDrawing());
        robot.clickOn("#encode-drawing-button");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> Arrays.equals(pane.code(), expected));
        return pane.code();
    }

    @Test
    void refreshFromTrainingKeepsTheCodeTheUserSetUp(FxRobot robot) throws Exception {
        float[] before = awaitDecoded(null);
        robot.clickOn("#latent-toggle-7");
        awaitDecoded(before);
        float[] kept = pane.code();
        VaeModel copy = VaeModels.restore(model.state());
        robot.interact(() -> pane.setTrainingSource(() -> copy));
        robot.clickOn("#refresh-button");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> pane.modelProperty().get() == copy);
        // the code must stay the user's, not be replaced later by a re-encode of the last digit
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1500);
        while (System.nanoTime() < end) {
            WaitForAsyncUtils.waitForFxEvents();
            assertArrayEquals(kept, pane.code(), "the code after Refresh from training");
            Thread.sleep(50);
        }
    }

    private static MouseEvent mouse(javafx.event.EventType<MouseEvent> type, double x, double y) {
        return new MouseEvent(type, x, y, x, y, MouseButton.PRIMARY, 1, false, false, false, false,
                true, false, false, false, false, false, null);
    }

    private static double sq(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return s;
    }
}

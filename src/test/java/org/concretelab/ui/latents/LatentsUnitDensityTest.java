package org.concretelab.ui.latents;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.stage.Stage;
import org.concretelab.data.MnistSplits;
import org.concretelab.explore.RelaxedPosterior;
import org.concretelab.explore.UnitPosterior;
import org.concretelab.model.VaeModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The selected unit's posterior drawn with λ: a real latent of a real digit, on the shipped 200-bit model. */
@ExtendWith(ApplicationExtension.class)
class LatentsUnitDensityTest {
    static ShippedLatents shipped;
    static VaeModel model;
    static MnistSplits data;
    private LatentsPane pane;

    @BeforeAll
    static void load() {
        shipped = ShippedLatents.load();
        model = shipped.model();
        data = shipped.data();
    }

    @Start
    void start(Stage stage) {
        pane = shipped.pane(4);
        stage.setScene(new Scene(pane, 1260, 700));
        stage.show();
    }

    private UnitPosterior awaitUnit(int unit, double lambda) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> {
            UnitPosterior u = pane.relaxed().unitPosteriorProperty().get();
            return u != null && u.unit() == unit && Math.abs(u.lambda() - lambda) < 1e-9;
        });
        WaitForAsyncUtils.waitForFxEvents();
        return pane.relaxed().unitPosteriorProperty().get();
    }

    private UnitDensityView view(FxRobot robot) {
        return robot.lookup("#unit-density").queryAs(UnitDensityView.class);
    }

    @Test
    void theMostUncertainUnitIsDrawnFirstAndAChosenUnitsCurveMovesWithLambda(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> pane.viewModel().inputProperty().get() != null
                && pane.decodedProperty().get() != null);
        robot.clickOn("Temperature λ: relaxed vs hard samples of this digit");
        float[] digit = data.test().pixelsOf(0);
        RelaxedPosterior posterior = RelaxedPosterior.of(model, digit, RelaxedViewModel.SAMPLES, 1);
        double trained = pane.relaxed().lambdaProperty().get();
        int most = posterior.mostUncertainUnit();
        UnitPosterior first = awaitUnit(most, trained);
        assertEquals(most + 1, robot.lookup("#unit-spinner").queryAs(Spinner.class).getValue(), "the spinner names it");
        assertEquals(RelaxedPane.UNIT_LOOK_FOR_BINARY, robot.lookup("#unit-look-for").queryAs(Label.class).getText());
        assertNotNull(first.interval(), "a binary unit: its density on (0, 1)");

        // choose unit 5 by typing it into the spinner
        robot.doubleClickOn("#unit-spinner").eraseText(4).write("5").type(javafx.scene.input.KeyCode.ENTER);
        UnitPosterior cold = awaitUnit(4, trained);
        UnitPosterior expected = posterior.unit(4, trained);
        assertArrayEquals(expected.interval().density(), cold.interval().density(), 1e-12, "the distribution package's density");
        assertArrayEquals(expected.probabilities(), cold.probabilities(), 1e-12);
        double[] coldCurve = view(robot).drawnCurve();
        assertEquals(UnitPosterior.CURVE_POINTS, coldCurve.length, "the curve is drawn");

        robot.interact(() -> pane.relaxed().lambdaProperty().set(RelaxedViewModel.LAMBDA_MAX));
        UnitPosterior hot = awaitUnit(4, RelaxedViewModel.LAMBDA_MAX);
        double[] hotCurve = view(robot).drawnCurve();
        assertFalse(Arrays.equals(coldCurve, hotCurve), "the drawn curve follows λ");
        assertTrue(hot.interval().middleMass() > cold.interval().middleMass(),
                "at high λ the density spreads into the middle: " + hot.interval().middleMass() + " vs " + cold.interval().middleMass());
        assertEquals(cold.probabilities()[1], hot.probabilities()[1], 1e-12, "q(z = 1 | x) does not depend on λ");
        for (int s = 0; s < RelaxedViewModel.SAMPLES; s++) {
            float[] relaxed = pane.relaxed().samplesProperty().get().relaxed()[s];
            assertNotNull(relaxed);
            assertEquals(posterior.unit(4, RelaxedViewModel.LAMBDA_MAX).value(s), hot.value(s), 1e-12, "the top row's samples");
        }
    }

    @Test
    void mostUncertainGoesBackToTheUnitTheEncoderIsLeastSureOf(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> pane.viewModel().inputProperty().get() != null);
        robot.clickOn("Temperature λ: relaxed vs hard samples of this digit");
        double lambda = pane.relaxed().lambdaProperty().get();
        int most = RelaxedPosterior.of(model, data.test().pixelsOf(0), RelaxedViewModel.SAMPLES, 1).mostUncertainUnit();
        awaitUnit(most, lambda);
        int other = most == 0 ? 1 : 0;
        robot.interact(() -> pane.relaxed().unitProperty().set(other));
        awaitUnit(other, lambda);
        robot.clickOn("#most-uncertain-button");
        awaitUnit(most, lambda);
    }

    @Test
    void rightClickingAUnitInTheCodeGridDrawsItsPosteriorWithoutFlippingIt(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> pane.viewModel().inputProperty().get() != null
                && pane.decodedProperty().get() != null);
        org.concretelab.explore.LatentCode before = pane.viewModel().codeProperty().get();
        robot.rightClickOn("#latent-toggle-7");
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.control.TabPane tabs = robot.lookup("#latents-bottom-tabs").queryAs(javafx.scene.control.TabPane.class);
        assertEquals("relaxed-tab", tabs.getSelectionModel().getSelectedItem().getId(), "the λ tab comes forward");
        UnitPosterior u = awaitUnit(7, pane.relaxed().lambdaProperty().get());
        assertEquals(posteriorProbability(7), u.probabilities()[1], 1e-6, "unit 8's q(z = 1 | x)");
        assertEquals(before, pane.viewModel().codeProperty().get(), "a right-click selects, it does not flip");
        assertEquals(8, robot.lookup("#unit-spinner").queryAs(Spinner.class).getValue());
    }

    private double posteriorProbability(int unit) {
        return model.posteriorMeans(data.test().pixelsOf(0), 1)[2 * unit + 1];
    }

    /** An untrained model of {@code kind} with {@code units} units of {@code classes} classes, shown in the pane. */
    private void showUntrained(FxRobot robot, org.concretelab.model.LatentKind kind, int units, int classes) throws Exception {
        VaeModel m = org.concretelab.model.VaeModels.create(new org.concretelab.model.ModelSpec(
                org.concretelab.model.Architecture.LINEAR_ONE, kind, units, classes, 0, 20, 0.5, 0.5, 1, 1e-3), 5);
        robot.interact(() -> pane.setModel(m));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> pane.modelProperty().get() == m
                && pane.viewModel().inputProperty().get() != null);
        robot.clickOn("Temperature λ: relaxed vs hard samples of this digit");
    }

    @Test
    void aThreeWayUnitIsDrawnOnTheTriangleWithItsSamples(FxRobot robot) throws Exception {
        showUntrained(robot, org.concretelab.model.LatentKind.CATEGORICAL, 4, 3);
        robot.interact(() -> pane.relaxed().unitProperty().set(2));
        UnitPosterior u = awaitUnit(2, pane.relaxed().lambdaProperty().get());
        assertNotNull(u.triangle(), "K = 3: the density on the simplex");
        assertEquals(null, u.interval());
        assertEquals(RelaxedPane.UNIT_LOOK_FOR_TRIANGLE, robot.lookup("#unit-look-for").queryAs(Label.class).getText());
        assertEquals(3, u.samples()[0].length);
        assertSame(u, view(robot).shown());
        snapshot(robot, "unit-triangle");
    }

    @Test
    void aTenWayUnitShowsItsClassProbabilitiesAndTheSamplesWeights(FxRobot robot) throws Exception {
        showUntrained(robot, org.concretelab.model.LatentKind.CATEGORICAL, 3, 10);
        UnitPosterior u = awaitUnit(pane.relaxed().unitPosteriorProperty().get() == null ? 0
                : pane.relaxed().unitPosteriorProperty().get().unit(), pane.relaxed().lambdaProperty().get());
        assertEquals(null, u.interval());
        assertEquals(null, u.triangle());
        assertEquals(10, u.probabilities().length);
        assertEquals(RelaxedPane.UNIT_LOOK_FOR_CLASSES, robot.lookup("#unit-look-for").queryAs(Label.class).getText());
        assertSame(u, view(robot).shown());
        snapshot(robot, "unit-classes");
    }

    /** With -Dunit.snapshots=DIR, writes the unit view as DIR/name.png (to look at it). */
    private void snapshot(FxRobot robot, String name) throws Exception {
        String dir = System.getProperty("unit.snapshots");
        if (dir == null) {
            return;
        }
        javafx.scene.image.WritableImage[] img = new javafx.scene.image.WritableImage[1];
        robot.interact(() -> img[0] = robot.lookup("#relaxed-pane").query().snapshot(null, null));
        javax.imageio.ImageIO.write(javafx.embed.swing.SwingFXUtils.fromFXImage(img[0], null), "png",
                new java.io.File(dir, name + ".png"));
    }
}

package org.concretelab.ui.latents;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.concretelab.data.MnistSplits;
import org.concretelab.explore.RelaxedPosterior;
import org.concretelab.model.VaeModel;
import org.concretelab.ui.AppContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** λ linked to the model: relaxed samples of the shown digit's posterior beside hard ones, on the shipped model. */
@ExtendWith(ApplicationExtension.class)
class LatentsRelaxedTest {
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
        pane = new ShippedLatents(context, model, data).pane(4);
        stage.setScene(new Scene(pane, 1229, 620));
        stage.show();
    }

    private RelaxedPosterior.Samples awaitSamples(double lambda) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> {
            RelaxedPosterior.Samples s = pane.relaxed().samplesProperty().get();
            return s != null && Math.abs(s.lambda() - lambda) < 1e-9;
        });
        WaitForAsyncUtils.waitForFxEvents();
        return pane.relaxed().samplesProperty().get();
    }

    private void openTab(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> pane.viewModel().inputProperty().get() != null
                && pane.decodedProperty().get() != null);
        robot.clickOn("Temperature λ: relaxed vs hard samples of this digit");
    }

    @Test
    void theTabShowsTheDigitsRelaxedAndHardSamplesAtTheModelsTemperature(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> pane.decodedProperty().get() != null);
        assertNull(pane.relaxed().samplesProperty().get(), "nothing is sampled while the tab is not shown");
        openTab(robot);
        double lambda = pane.relaxed().lambdaProperty().get();
        RelaxedPosterior.Samples s = awaitSamples(lambda);
        RelaxedPosterior.Samples expected = RelaxedPosterior.of(model, data.test().pixelsOf(0), RelaxedViewModel.SAMPLES, 1)
                .decode(model, lambda);
        for (int i = 0; i < RelaxedViewModel.SAMPLES; i++) {
            assertArrayEquals(expected.relaxed()[i], s.relaxed()[i], 1e-6f, "relaxed sample " + i);
            assertArrayEquals(expected.hard()[i], s.hard()[i], 1e-6f, "hard sample " + i);
            assertTrue(robot.lookup("#relaxed-" + i).tryQuery().isPresent() && robot.lookup("#hard-" + i).tryQuery().isPresent());
        }
        String value = robot.lookup("#relaxed-lambda-value").queryAs(Label.class).getText();
        assertTrue(value.endsWith(String.format(java.util.Locale.ROOT, "(trained at %.2f)", model.temperatures()[0])), value);
        assertEquals(RelaxedPane.LOOK_FOR, robot.lookup("#relaxed-look-for").queryAs(Label.class).getText());
    }

    @Test
    void highTemperatureBlursTheSamplesAndLowMakesThemTheHardOnes(FxRobot robot) throws Exception {
        openTab(robot);
        robot.clickOn("#relaxed-lambda-slider");
        robot.type(KeyCode.END);
        RelaxedPosterior.Samples hot = awaitSamples(RelaxedViewModel.LAMBDA_MAX);
        robot.type(KeyCode.HOME);
        RelaxedPosterior.Samples cold = awaitSamples(RelaxedViewModel.LAMBDA_MIN);
        assertTrue(hot.meanChange() > 5 * cold.meanChange(), "relaxed vs hard per pixel: λ 10 " + hot.meanChange()
                + ", λ 0.05 " + cold.meanChange());
        assertTrue(cold.meanCodeGap() < 0.05 && hot.meanCodeGap() > 0.3, cold.meanCodeGap() + " / " + hot.meanCodeGap());
        for (int i = 0; i < RelaxedViewModel.SAMPLES; i++) {
            assertArrayEquals(cold.hard()[i], hot.hard()[i], "the hard samples stay: the same noise");
        }
        String numbers = robot.lookup("#relaxed-numbers").queryAs(Label.class).getText();
        assertTrue(numbers.contains(String.format(java.util.Locale.ROOT, "%.4f per pixel", cold.meanChange())), numbers);
    }

    @Test
    void aPriorSampleHasNoDigitToSampleAndInterpolatingBringsItsTabBack(FxRobot robot) throws Exception {
        openTab(robot);
        awaitSamples(pane.relaxed().lambdaProperty().get());
        robot.clickOn("#sample-prior-button");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> pane.viewModel().inputProperty().get() == null);
        WaitForAsyncUtils.waitForFxEvents();
        assertNull(pane.relaxed().samplesProperty().get(), "no input: no posterior");
        robot.clickOn("#interpolate-toggle");
        WaitForAsyncUtils.waitForFxEvents();
        TabPane tabs = robot.lookup("#latents-bottom-tabs").queryAs(TabPane.class);
        assertEquals("interpolation-tab", tabs.getSelectionModel().getSelectedItem().getId());
    }
}

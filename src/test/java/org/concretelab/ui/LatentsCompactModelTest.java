package org.concretelab.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.concretelab.explore.FlipRanking;
import org.concretelab.explore.LatentCode;
import org.concretelab.model.VaeModel;
import org.concretelab.model.VaeModels;
import org.concretelab.train.TrainingCheckpoint;
import org.concretelab.ui.latents.LatentsPane;
import org.concretelab.ui.latents.ShippedLatentsModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Latents tab opens on the shipped compact model, says so, and switches to the 200-bit model and back. */
@ExtendWith(ApplicationExtension.class)
class LatentsCompactModelTest {
    private ExplorerApp app;

    @Start
    void start(Stage stage) {
        app = new ExplorerApp();
        stage.setScene(new Scene(app.build(AppContext.standard()), 1260, 760)); // within Monocle's 1280×800 headless screen
        stage.show();
    }

    private LatentsPane pane() {
        return app.latents();
    }

    /** Waits until {@code m} shows its own encoding of the shown input, decoded. */
    private void awaitEncodedBy(int units) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> {
            VaeModel m = pane().modelProperty().get();
            LatentCode c = pane().viewModel().codeProperty().get();
            float[] in = pane().viewModel().inputProperty().get();
            return m != null && m.latentLayout().discreteUnits() == units && in != null && c != null
                    && c.equals(LatentCode.of(m.latentLayout(), m.encodeMode(in))) && pane().decodedProperty().get() != null
                    && pane().viewModel().decodedByProperty().get().startsWith(m.spec().describe());
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @SuppressWarnings("unchecked")
    private ComboBox<Object> box(FxRobot robot) {
        return robot.lookup("#latents-model-box").queryAs(ComboBox.class);
    }

    @Test
    void theCompactModelIsTheDefaultNamedWithItsNllAndSwitchingToThe200BitModelReencodesTheDigit(FxRobot robot) throws Exception {
        TrainingCheckpoint compact = AppContext.standard().shippedModel(ShippedLatentsModels.COMPACT_MODEL)
                .orElseThrow(() -> new AssertionError("no compact model shipped"));
        int compactUnits = compact.options().spec().discreteUnits();
        robot.clickOn("#latents-tab");
        awaitEncodedBy(compactUnits);
        VaeModel small = pane().modelProperty().get();
        assertEquals(compact.options().spec().describe(), small.spec().describe());
        String name = box(robot).getValue().toString();
        assertTrue(name.startsWith("compact " + ShippedLatentsModels.size(small.latentLayout()) + " (NLL "), name);
        String by = robot.lookup("#decoded-by").queryAs(Label.class).getText();
        assertTrue(by.contains("(shipped model: compact, " + compact.epoch() + " epochs"), by);
        float[] digit = pane().viewModel().inputProperty().get();
        float[] before = pane().decodedProperty().get();

        robot.clickOn("Temperature λ: relaxed vs hard samples of this digit");
        robot.interact(() -> pane().relaxed().unitProperty().set(compactUnits - 1));
        robot.interact(() -> box(robot).getSelectionModel().select(1));
        awaitEncodedBy(200);
        assertEquals(-1, pane().relaxed().unitProperty().get(), "another layout: its most uncertain unit, not the old index");
        VaeModel full = pane().modelProperty().get();
        assertSame(digit, pane().viewModel().inputProperty().get(), "the same digit, encoded afresh by the 200-bit model");
        assertArrayEquals(full.decode(LatentCode.of(full.latentLayout(), full.encodeMode(digit)).values()),
                pane().decodedProperty().get(), 1e-6f);
        assertNotEquals(before, pane().decodedProperty().get());
        assertTrue(box(robot).getValue().toString().startsWith("shipped 200-bit (NLL 94.97)"), box(robot).getValue().toString());
        assertTrue(robot.lookup("#decoded-by").queryAs(Label.class).getText().contains("shipped model: 900 epochs"));

        robot.interact(() -> box(robot).getSelectionModel().select(0));
        awaitEncodedBy(compactUnits);
        assertSame(small, pane().modelProperty().get(), "back on the compact model");
        assertArrayEquals(before, pane().decodedProperty().get(), 1e-6f, "its decoding of the digit, as before");

        // a model from elsewhere (a loaded checkpoint): no shipped entry is selected, the box says so
        VaeModel other = VaeModels.restore(compact.model());
        robot.interact(() -> pane().setModel(other, "a loaded one"));
        WaitForAsyncUtils.waitForFxEvents();
        assertNull(box(robot).getValue());
        assertEquals("another model (named under the image)", ((javafx.scene.control.ListCell<?>) box(robot).getButtonCell()).getText());
    }

    @Test
    void theFlipGalleryAppliesAFlipOnTheCompactModelAndTheDigitVisiblyChanges(FxRobot robot) throws Exception {
        int units = AppContext.standard().shippedModel(ShippedLatentsModels.COMPACT_MODEL).orElseThrow().options().spec().discreteUnits();
        robot.clickOn("#latents-tab");
        awaitEncodedBy(units);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> {
            FlipRanking.Ranking r = pane().flips().rankingProperty().get();
            return r != null && r.code().equals(pane().viewModel().codeProperty().get());
        });
        WaitForAsyncUtils.waitForFxEvents();
        FlipRanking.Ranking r = pane().flips().rankingProperty().get();
        FlipRanking.Move top = r.moves().get(0);
        float[] before = pane().decodedProperty().get();
        robot.clickOn("#flip-0");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> pane().decodedProperty().get() != before);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(r.code().withClass(top.unit(), top.to()), pane().viewModel().codeProperty().get(), "the move applied");
        float[] after = pane().decodedProperty().get();
        int crossing = 0;
        for (int i = 0; i < after.length; i++) {
            if ((before[i] > 0.5f) != (after[i] > 0.5f)) {
                crossing++;
            }
        }
        // the shipped 200-bit model's best single flip moves a median 14 pixels across 0.5 (README): this one more
        assertTrue(crossing > 14, "pixels crossing 0.5 after the top flip of test digit 0: " + crossing
                + " (mean |Δp| " + FlipRanking.meanChange(before, after) + ")");
    }
}

package org.concretelab.ui.latents;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.concretelab.data.MnistSplits;
import org.concretelab.explore.FlipRanking;
import org.concretelab.explore.LatentCode;
import org.concretelab.model.VaeModel;
import org.concretelab.ui.AppContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Flips you can see, on the shipped model: the gallery, undo / redo / reset, the difference image, the map's legend. */
@ExtendWith(ApplicationExtension.class)
class LatentsFlipsTest {
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

    private LatentCode code() {
        return pane.viewModel().codeProperty().get();
    }

    /** Waits until the current code is decoded and ranked (the gallery shows its moves). */
    private FlipRanking.Ranking awaitRanked() throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> {
            FlipRanking.Ranking r = pane.flips().rankingProperty().get();
            return r != null && r.code().equals(code()) && pane.decodedProperty().get() != null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        return pane.flips().rankingProperty().get();
    }

    private LatentCode encodingOf(int digit) {
        return LatentCode.of(model.latentLayout(), model.encodeMode(data.test().pixelsOf(digit)));
    }

    @Test
    void theGalleryShowsTheTopMovesAndAClickAppliesOneAndChangesTheImage(FxRobot robot) throws Exception {
        FlipRanking.Ranking r = awaitRanked();
        assertEquals(encodingOf(0), r.code());
        for (int i = 0; i < FlipsViewModel.GALLERY_SIZE; i++) {
            assertTrue(robot.lookup("#flip-" + i).tryQuery().isPresent(), "gallery entry " + i);
        }
        FlipRanking.Move top = r.moves().get(0);
        FlipRanking.Move oracle = FlipRanking.of(model, r.code()).moves().get(0);
        assertEquals(oracle.unit(), top.unit(), "the top move is the largest change");
        String caption = ((Label) ((javafx.scene.layout.VBox) robot.lookup("#flip-0").queryAs(Button.class).getGraphic())
                .getChildren().get(2)).getText();
        assertEquals(String.format(java.util.Locale.ROOT, "%.3f", top.meanChange()), caption);
        float[] before = pane.decodedProperty().get();
        robot.clickOn("#flip-0");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> pane.decodedProperty().get() != before);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(r.code().withClass(top.unit(), top.to()), code(), "the move applied to the code");
        float[] after = pane.decodedProperty().get();
        assertArrayEquals(model.decode(code().values()), after, 1e-6f);
        assertTrue(FlipRanking.meanChange(before, after) > 0, "the decoded image changed");
        assertEquals(top.meanChange(), FlipRanking.meanChange(before, after), 1e-6, "by the figure the gallery showed");
        assertEquals("Input, before your edits", robot.lookup("#input-caption").queryAs(Label.class).getText());
    }

    @Test
    void aNewRankingRefillsTheSameEntriesInsteadOfBuildingButtonsAndTooltipsAgain(FxRobot robot) throws Exception {
        awaitRanked();
        Button first = robot.lookup("#flip-0").queryAs(Button.class);
        javafx.scene.control.Tooltip tip = first.getTooltip();
        LatentCode before = code();
        robot.clickOn("#flip-0");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !code().equals(before));
        FlipRanking.Ranking next = awaitRanked();
        Button again = robot.lookup("#flip-0").queryAs(Button.class);
        assertTrue(again == first, "the entry is reused (each new tooltip is a popup window with a scene of its own)");
        assertTrue(again.getTooltip() == tip, "its tooltip too");
        FlipRanking.Move top = next.moves().get(0);
        String caption = ((Label) ((javafx.scene.layout.VBox) again.getGraphic()).getChildren().get(2)).getText();
        assertEquals(String.format(java.util.Locale.ROOT, "%.3f", top.meanChange()), caption, "refilled with the new ranking");
        assertTrue(tip.getText().startsWith("Latent " + (top.unit() + 1) + " "), tip.getText());
        LatentCode applied = code();
        robot.clickOn("#flip-0");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !code().equals(applied));
        assertEquals(applied.withClass(top.unit(), top.to()), code(), "a click applies the move the entry shows now");
    }

    @Test
    void undoRedoAndResetRestoreTheCode(FxRobot robot) throws Exception {
        awaitRanked();
        LatentCode start = code();
        robot.clickOn("#latent-toggle-7");
        LatentCode one = start.flip(7);
        assertEquals(one, code());
        robot.clickOn("#latent-toggle-8");
        LatentCode two = one.flip(8);
        assertEquals(two, code());
        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        assertEquals(one, code(), "Ctrl+Z takes back the last flip");
        robot.clickOn("#undo-button");
        assertEquals(start, code(), "undo again: the encoding");
        assertEquals("Input", robot.lookup("#input-caption").queryAs(Label.class).getText(), "the encoding, unedited");
        assertTrue(robot.lookup("#undo-button").queryAs(Button.class).isDisabled(), "nothing left to undo");
        assertTrue(robot.lookup("#reset-encoding-button").queryAs(Button.class).isDisabled(), "nothing to reset");
        robot.press(KeyCode.CONTROL, KeyCode.Y).release(KeyCode.Y, KeyCode.CONTROL);
        assertEquals(one, code(), "Ctrl+Y does it again");
        robot.clickOn("#redo-button");
        assertEquals(two, code());
        assertTrue(robot.lookup("#redo-button").queryAs(Button.class).isDisabled());
        robot.clickOn("#reset-encoding-button");
        assertEquals(start, code(), "reset to the encoding");
        robot.clickOn("#undo-button");
        assertEquals(two, code(), "the reset itself can be undone");
        // a new digit is a new start: nothing of the last one's edits to undo into
        robot.clickOn("#digit-1");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> encodingOf(1).equals(code()));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#undo-button").queryAs(Button.class).isDisabled());
        assertTrue(robot.lookup("#redo-button").queryAs(Button.class).isDisabled());
        assertNull(pane.flips().differenceProperty().get(), "no last change of a fresh encoding");
    }

    @Test
    void theDifferenceImageIsRedWhereInkAppearsAndBlueWhereItVanishes(FxRobot robot) throws Exception {
        FlipRanking.Ranking r = awaitRanked();
        assertFalse(robot.lookup("#difference-image").queryAs(ImageView.class).isVisible(), "nothing flipped yet");
        float[] before = pane.decodedProperty().get();
        robot.clickOn("#flip-0");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> pane.flips().differenceProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        float[] after = pane.decodedProperty().get();
        float[] delta = pane.flips().differenceProperty().get().delta();
        assertArrayEquals(FlipRanking.difference(before, after), delta, 1e-7f, "after − before");
        ImageView view = robot.lookup("#difference-image").queryAs(ImageView.class);
        assertTrue(view.isVisible());
        Image image = view.getImage();
        assertNotNull(image);
        int scale = (int) image.getWidth() / 28;
        int red = 0;
        int blue = 0;
        for (int i = 0; i < 784; i++) {
            int argb = image.getPixelReader().getArgb((i % 28) * scale + scale / 2, (i / 28) * scale + scale / 2);
            int rr = (argb >> 16) & 0xFF;
            int bb = argb & 0xFF;
            if (delta[i] > 0.02) {
                assertTrue(rr > bb, "pixel " + i + " gained ink (Δp " + delta[i] + ") but is not red: " + Integer.toHexString(argb));
                red++;
            } else if (delta[i] < -0.02) {
                assertTrue(bb > rr, "pixel " + i + " lost ink (Δp " + delta[i] + ") but is not blue: " + Integer.toHexString(argb));
                blue++;
            } else if (delta[i] == 0) {
                assertEquals(0xFFFFFFFF, argb, "pixel " + i + " unchanged is white");
            }
        }
        assertTrue(red + blue > 0, "the top flip moves some pixels by more than 0.02");
        String numbers = robot.lookup("#difference-numbers").queryAs(Label.class).getText();
        assertTrue(numbers.startsWith(String.format(java.util.Locale.ROOT, "mean |Δp| %.4f\n%d px cross 0.5",
                r.moves().get(0).meanChange(), r.moves().get(0).crossings())), numbers);
    }

    @Test
    void theSensitivityMapShowsItsColourScaleWithTheLargestChange(FxRobot robot) throws Exception {
        awaitRanked();
        assertFalse(robot.lookup("#sensitivity-legend").query().isVisible(), "no legend while the map is off");
        robot.clickOn("#sensitivity-toggle");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> pane.viewModel().sensitivityProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        double max = 0;
        for (double v : pane.viewModel().sensitivityProperty().get()) {
            max = Math.max(max, v);
        }
        assertTrue(robot.lookup("#sensitivity-legend").query().isVisible());
        assertTrue(robot.lookup("#sensitivity-ramp").query().isVisible());
        assertEquals(String.format(java.util.Locale.ROOT, "%.4f", max),
                robot.lookup("#sensitivity-max").queryAs(Label.class).getText());
        robot.clickOn("#sensitivity-toggle");
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(robot.lookup("#sensitivity-legend").query().isVisible());
    }

    @Test
    void differenceColoursFollowTheSignAndSizeOfTheChange() {
        float[] delta = new float[784];
        delta[0] = 0.5f;
        delta[1] = -0.5f;
        delta[2] = 1f;
        Image image = DigitImages.difference(delta, 1, 1.0);
        assertEquals(DigitImages.towards(DigitImages.INK_APPEARS, 0.5), image.getPixelReader().getArgb(0, 0));
        assertEquals(DigitImages.towards(DigitImages.INK_VANISHES, 0.5), image.getPixelReader().getArgb(1, 0));
        assertEquals(0xFF000000 | DigitImages.INK_APPEARS, image.getPixelReader().getArgb(2, 0));
        assertEquals(0xFFFFFFFF, image.getPixelReader().getArgb(3, 0));
    }

    /**
     * Ranking, flipping, undoing and λ's samples call the model only off the FX thread (beyond its name, layout and
     * temperatures): a model that records the thread of every call stands in for the shipped one.
     */
    @Test
    void noModelMathRunsOnTheFxThread(FxRobot robot) throws Exception {
        java.util.Set<String> onFx = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.Set<String> called = java.util.concurrent.ConcurrentHashMap.newKeySet();
        VaeModel watched = (VaeModel) java.lang.reflect.Proxy.newProxyInstance(VaeModel.class.getClassLoader(),
                new Class<?>[] {VaeModel.class}, (proxy, method, args) -> {
                    called.add(method.getName());
                    if (javafx.application.Platform.isFxApplicationThread()) {
                        onFx.add(method.getName());
                    }
                    try {
                        return method.invoke(model, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        robot.interact(() -> pane.setModel(watched, "watched"));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> pane.modelProperty().get() == watched);
        awaitRanked();
        robot.clickOn("#flip-0");
        robot.clickOn("#latent-toggle-3");
        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        robot.clickOn("#reset-encoding-button");
        robot.clickOn("#sensitivity-toggle");
        robot.clickOn("Temperature λ: relaxed vs hard samples of this digit");
        robot.clickOn("#relaxed-lambda-slider");
        robot.type(KeyCode.RIGHT, 5);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> pane.relaxed().samplesProperty().get() != null);
        awaitRanked();
        assertTrue(called.containsAll(java.util.List.of("decodeRows", "encodeMode", "posteriorMeans")), called.toString());
        onFx.removeAll(java.util.List.of("spec", "latentLayout", "temperatures", "hashCode", "equals", "toString"));
        assertTrue(onFx.isEmpty(), "model calls on the FX thread: " + onFx);
    }

    /** On a laptop's tab area (1366×768 at 90 %: 1229×620) the gallery, the last change and λ's samples show whole. */
    @Test
    void onALaptopTheFlipsAndTheLastChangeShowUntruncated(FxRobot robot) throws Exception {
        awaitRanked();
        robot.clickOn("#flip-0");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> pane.flips().differenceProperty().get() != null);
        robot.clickOn("Temperature λ: relaxed vs hard samples of this digit");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> pane.relaxed().samplesProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        javafx.geometry.Bounds scene = new javafx.geometry.BoundingBox(0, 0, pane.getScene().getWidth(), pane.getScene().getHeight());
        for (String id : new String[] {"#flip-0", "#flip-9", "#difference-image", "#difference-numbers", "#reset-encoding-button",
            "#relaxed-" + (RelaxedViewModel.SAMPLES - 1), "#hard-" + (RelaxedViewModel.SAMPLES - 1), "#relaxed-lambda-slider",
            "#sample-prior-button"}) {
            javafx.scene.Node n = robot.lookup(id).query();
            javafx.geometry.Bounds b = n.localToScene(n.getBoundsInLocal());
            assertTrue(scene.contains(b), id + " is out of view: " + b);
        }
        for (String id : new String[] {"#input-caption", "#difference-numbers", "#relaxed-lambda-value"}) {
            Label l = robot.lookup(id).queryAs(Label.class);
            javafx.scene.text.Text shown = (javafx.scene.text.Text) l.lookup(".text");
            assertEquals(l.getText(), shown.getText(), id + " is cut short");
        }
    }
}

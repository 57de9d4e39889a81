package org.concretelab.ui.latents;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.concretelab.data.Binarization;
import org.concretelab.data.MnistSplits;
import org.concretelab.explore.LatentCode;
import org.concretelab.model.Architecture;
import org.concretelab.model.LatentKind;
import org.concretelab.model.ModelSpec;
import org.concretelab.model.VaeModel;
import org.concretelab.model.VaeModels;
import org.concretelab.train.Trainer;
import org.concretelab.train.TrainingOptions;
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
 * Issue 25: the input, the code and the decoded image on the Latents tab always belong to one model, named under the
 * image: a new run re-encodes the shown input (not the old code decoded by the new model), and a code that is not the
 * input's (prior sample, random, cleared) takes the input off the screen.
 */
@ExtendWith(ApplicationExtension.class)
class LatentsModelChangeTest {
    static AppContext context;
    static VaeModel shipped;
    static MnistSplits data;
    private LatentsPane pane;
    private Trainer trainer;

    @BeforeAll
    static void load() {
        context = AppContext.standard();
        shipped = VaeModels.restore(context.shippedModel().orElseThrow().model());
        data = context.data().join();
    }

    @Start
    void start(Stage stage) {
        pane = new LatentsPane(new LatentsViewModel(context.background()));
        List<float[]> digits = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            digits.add(data.test().pixelsOf(i));
        }
        pane.setDigits(digits);
        pane.setModel(shipped);
        stage.setScene(new Scene(pane, 1200, 800));
        stage.show();
    }

    @AfterEach
    void stopTraining() throws Exception {
        if (trainer != null) {
            trainer.stop();
            trainer.awaitTermination(30, TimeUnit.SECONDS);
        }
    }

    private LatentsViewModel vm() {
        return pane.viewModel();
    }

    private void awaitIdle() throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !vm().busyProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** What is on screen, read in one go on the FX thread. */
    private record Shown(VaeModel model, float[] input, float[] code, float[] decoded, String by) {
    }

    private Shown shown(FxRobot robot) {
        AtomicReference<Shown> s = new AtomicReference<>();
        robot.interact(() -> s.set(new Shown(vm().modelProperty().get(), vm().inputProperty().get(), pane.code(),
                vm().decodedProperty().get(), robot.lookup("#decoded-by").queryAs(Label.class).getText())));
        return s.get();
    }

    /** The code is the shown model's encoding of the shown input, and the image that model's decoding of the code. */
    private static void assertOneModel(Shown s, float[] digit) {
        assertSame(digit, s.input(), "the input stays on screen");
        float[] code = LatentCode.of(s.model().latentLayout(), s.model().encodeMode(digit)).values();
        assertArrayEquals(code, s.code(), "the code is the shown model's encoding of the input");
        assertArrayEquals(s.model().decode(s.code()), s.decoded(), 1e-6f, "the image is the shown model's decoding");
        assertTrue(s.by().startsWith("by " + s.model().spec().describe()), s.by());
    }

    private float[] encodeDigit(FxRobot robot, int i) throws Exception {
        float[] digit = data.test().pixelsOf(i);
        robot.clickOn("#digit-" + i);
        float[] expected = shipped.encodeMode(digit);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> Arrays.equals(pane.code(), expected));
        awaitIdle();
        return vm().inputProperty().get();
    }

    private Trainer follow(FxRobot robot, ModelSpec spec) {
        Trainer t = new Trainer(new TrainingOptions(spec, 50, 10_000, 3L, Binarization.DYNAMIC, 2_000, 100, 1, null, 0), data);
        robot.interact(() -> vm().trainerProperty().set(t));
        t.start();
        return t;
    }

    @Test
    void aNewRunOfTheSameLayoutReEncodesTheInputInsteadOfDecodingTheOldCode(FxRobot robot) throws Exception {
        float[] seven = encodeDigit(robot, 0);
        assertTrue(shown(robot).by().startsWith("by " + shipped.spec().describe()), shown(robot).by());
        // 200 binary units like the shipped model: its code would fit, but it is not this model's code of the 7
        trainer = follow(robot, new ModelSpec(Architecture.NONLINEAR_ONE, LatentKind.BINARY, 200, 2, 0, 50, 2.0 / 3.0, 0.5, 1, 3e-3));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> vm().modelProperty().get() != shipped);
        awaitIdle();
        Shown first = shown(robot);
        assertTrue(first.by().contains("(training, step"), first.by());
        assertOneModel(first, seven);
    }

    @Test
    void aFollowedCategoricalRunKeepsInputCodeAndImageOneSnapshotsAsItTrains(FxRobot robot) throws Exception {
        float[] seven = encodeDigit(robot, 0);
        trainer = follow(robot, new ModelSpec(Architecture.NONLINEAR_ONE, LatentKind.CATEGORICAL, 30, 4, 0, 50, 1, 2.0 / 3.0, 1,
                3e-3));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> vm().layoutProperty().get().kind() == LatentKind.CATEGORICAL);
        awaitIdle();
        VaeModel firstSnapshot = shown(robot).model();
        assertOneModel(shown(robot), seven);
        // two follow periods later the model has trained on: the input is encoded by the newer snapshot, not kept
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> vm().modelProperty().get() != firstSnapshot);
        awaitIdle();
        Shown later = shown(robot);
        assertNotSame(firstSnapshot, later.model());
        assertOneModel(later, seven);
    }

    @Test
    void samplePriorRandomizeAndClearTakeTheInputAwayAndAnEditedCodeLosesItWhenTheModelChanges(FxRobot robot)
            throws Exception {
        for (String button : List.of("#sample-prior-button", "#randomize-button", "#clear-button")) {
            encodeDigit(robot, 1);
            assertNotNull(vm().inputProperty().get());
            float[] before = pane.code();
            robot.clickOn(button);
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> vm().inputProperty().get() == null);
            awaitIdle();
            assertNull(robot.lookup("#input-image").queryAs(javafx.scene.image.ImageView.class).getImage(), button);
            assertTrue(!Arrays.equals(before, pane.code()) || button.equals("#clear-button"), button);
        }

        float[] two = encodeDigit(robot, 1);
        robot.clickOn("#latent-toggle-5");
        awaitIdle();
        assertEquals("Input, before your edits", robot.lookup("#input-caption").queryAs(Label.class).getText());
        assertSame(two, vm().inputProperty().get(), "the input stays beside its code while the model is the same");
        float[] edited = pane.code();
        VaeModel copy = VaeModels.restore(shipped.state());
        robot.interact(() -> pane.setTrainingSource(() -> copy));
        robot.clickOn("#refresh-button");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> vm().modelProperty().get() == copy);
        awaitIdle();
        assertArrayEquals(edited, pane.code(), "Refresh keeps the user's code");
        assertNull(vm().inputProperty().get(), "but the input is not this model's: it goes");
        assertTrue(vm().statusProperty().get().contains("the input was cleared"), vm().statusProperty().get());
        assertTrue(shown(robot).by().equals("by " + copy.spec().describe() + " (from training)"), shown(robot).by());
    }
}

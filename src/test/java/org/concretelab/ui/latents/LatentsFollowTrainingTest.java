package org.concretelab.ui.latents;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.CheckBox;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.concretelab.data.Binarization;
import org.concretelab.data.MnistSplits;
import org.concretelab.model.Architecture;
import org.concretelab.model.LatentKind;
import org.concretelab.model.ModelSpec;
import org.concretelab.model.VaeModel;
import org.concretelab.model.VaeModels;
import org.concretelab.train.Trainer;
import org.concretelab.train.TrainerState;
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

/** Issue 18: while a run trains, the Latents tab re-decodes its code with the latest model, no Refresh needed. */
@ExtendWith(ApplicationExtension.class)
class LatentsFollowTrainingTest {
    /** A model small enough to train fast on two cores, with a layout other than the shipped model's. */
    private static final ModelSpec TINY = new ModelSpec(Architecture.NONLINEAR_ONE, LatentKind.BINARY, 40, 2, 0, 50,
            2.0 / 3.0, 0.5, 1, 3e-3);
    private static final Duration PERIOD = Duration.millis(300);
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
        // a short period: the test waits on the follow timer's ticks rather than on the clock
        pane = new LatentsPane(new LatentsViewModel(context.background(), PERIOD));
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

    /** Waits until the follow timer has ticked {@code n} more times (each tick looks for a newer model). */
    private void awaitTicks(int n) throws Exception {
        int target = vm().followTicksProperty().get() + n;
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> vm().followTicksProperty().get() >= target);
    }

    private void awaitIdle() throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !vm().busyProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void theDecodedDigitFollowsARunningTrainingAndTheCodeIsKept(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> pane.decodedProperty().get() != null);
        CheckBox follow = robot.lookup("#follow-toggle").queryAs(CheckBox.class);
        assertTrue(follow.isDisabled(), "nothing to follow before a run");
        assertTrue(follow.isSelected(), "following is on by default");

        trainer = new Trainer(new TrainingOptions(TINY, 50, 10_000, 3L, Binarization.DYNAMIC, 2_000, 100, 1, null, 0), data);
        robot.interact(() -> vm().trainerProperty().set(trainer));
        trainer.start();
        // the first snapshot brings the run's own layout (40 latents) and re-encodes the digit shown
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> vm().layoutProperty().get().discreteUnits() == 40);
        assertFalse(follow.isDisabled());
        awaitIdle();

        // paused, nothing new is copied (the first ticks may still take the steps since the last one)
        trainer.pause();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> trainer.state() == TrainerState.PAUSED);
        awaitTicks(2);
        awaitIdle();
        VaeModel paused = vm().modelProperty().get();
        awaitTicks(3);
        awaitIdle();
        assertSame(paused, vm().modelProperty().get(), "no new snapshot of a paused run");

        // a flip while paused (no snapshot re-encodes the input under the click) is kept when training goes on
        float[] encoded = pane.code();
        robot.clickOn("#latent-toggle-3");
        awaitIdle();
        assertEquals(1 - encoded[3], pane.code()[3], "the flip took");
        float[] kept = pane.code();
        float[] before = pane.decodedProperty().get();
        VaeModel modelBefore = vm().modelProperty().get();
        trainer.resume();

        // no Refresh: within a few periods a later snapshot decodes the same code differently
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> pane.decodedProperty().get() != before);
        awaitIdle();
        assertNotSame(modelBefore, vm().modelProperty().get(), "a newer snapshot of the training model");
        assertArrayEquals(kept, pane.code(), "the code stays as the user set it");
        float[] after = pane.decodedProperty().get();
        double change = 0;
        for (int i = 0; i < after.length; i++) {
            change += Math.abs(after[i] - before[i]);
        }
        assertTrue(change > 1e-3, "the decoded image changed, by " + change);
        assertArrayEquals(vm().modelProperty().get().decode(kept), after, 1e-6f, "it is that model's decoding of the kept code");
        assertTrue(vm().statusProperty().get().startsWith("Following training"), vm().statusProperty().get());

        // unticked, the tab keeps its model while training goes on
        robot.clickOn("#follow-toggle");
        awaitIdle();
        VaeModel held = vm().modelProperty().get();
        long step = trainer.step();
        int ticks = vm().followTicksProperty().get();
        // a while of training: at least three periods and some steps (the timer, were it running, would have ticked)
        long until = System.nanoTime() + (long) (3 * PERIOD.toMillis() * 1e6);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> System.nanoTime() > until && trainer.step() > step + 5);
        awaitIdle();
        assertEquals(ticks, vm().followTicksProperty().get(), "the timer stopped");
        assertSame(held, vm().modelProperty().get());
        assertArrayEquals(kept, pane.code());
    }
}

package org.concretelab.ui;

import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.ref.WeakReference;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.concretelab.ui.training.TrainingPane;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A Training pane, or the whole app, that is no longer in a scene nor referenced is collected, with its view-models and
 * its context's data: no running timer may keep it (the Training pane's curve flush and the Results tab's refresh did, for
 * every app built: 45 app contexts, 2.5 GB of MNIST copies, in one test JVM, until the suite ran out of heap).
 */
@ExtendWith(ApplicationExtension.class)
class ReleaseTest {
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setScene(new Scene(new javafx.scene.layout.Pane(), 400, 300));
        stage.show();
    }

    @Test
    void aPaneLeftBehindIsCollected(FxRobot robot) throws Exception {
        assertCollected(robot, () -> new TrainingPane(AppContext.standard()));
    }

    @Test
    void aWholeAppLeftBehindIsCollected(FxRobot robot) throws Exception {
        assertCollected(robot, () -> new org.concretelab.ui.ExplorerApp().build(AppContext.standard()));
    }

    private void assertCollected(FxRobot robot, java.util.function.Supplier<javafx.scene.Parent> build) throws Exception {
        WeakReference<javafx.scene.Parent>[] held = new WeakReference[1];
        robot.interact(() -> {
            javafx.scene.Parent pane = build.get();
            stage.getScene().setRoot(pane);
            held[0] = new WeakReference<>(pane);
        });
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS); // a few pulses: the flush timer runs
        robot.interact(() -> stage.getScene().setRoot(new javafx.scene.layout.Pane()));
        WaitForAsyncUtils.waitForFxEvents();
        for (int i = 0; i < 50 && held[0].get() != null; i++) {
            System.gc();
            WaitForAsyncUtils.sleep(100, TimeUnit.MILLISECONDS);
            WaitForAsyncUtils.waitForFxEvents();
        }
        assertNull(held[0].get(), "the pane (and its view-model, runs and data) is still held after it left the scene");
    }
}

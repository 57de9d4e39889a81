package org.concretelab.ui.results;

import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.ref.WeakReference;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.concretelab.ui.settings.AppSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Results pane's auto-refresh timer runs only while the pane is in a window: a timer left playing held the pane,
 * and through its scene the whole app with its data, until the JavaFX toolkit stopped (the test suite ran out of heap).
 */
@ExtendWith(ApplicationExtension.class)
class ResultsPaneReleaseTest {
    private Stage stage;

    @Start
    void start(Stage s) {
        stage = s;
        s.setScene(new Scene(new Label("before"), 200, 100));
        s.show();
    }

    @Test
    void aPaneTakenOutOfItsWindowIsLetGo(FxRobot robot) throws Exception {
        AtomicReference<WeakReference<ResultsPane>> ref = new AtomicReference<>();
        robot.interact(() -> {
            ResultsPane pane = new ResultsPane(new ResultsViewModel(Runnable::run, Platform::runLater, AppSettings.inMemory()));
            stage.setScene(new Scene(pane, 600, 400));
            ref.set(new WeakReference<>(pane));
        });
        robot.interact(() -> stage.setScene(new Scene(new Label("after"), 200, 100)));
        for (int i = 0; i < 30 && ref.get().get() != null; i++) {
            List<byte[]> pressure = List.of(new byte[1 << 20]); // a little garbage: nudge the collector
            pressure.size();
            System.gc();
            Thread.sleep(100);
            WaitForAsyncUtils.waitForFxEvents();
        }
        assertNull(ref.get().get(), "the pane out of its window is still held (by its refresh timer?)");
    }
}

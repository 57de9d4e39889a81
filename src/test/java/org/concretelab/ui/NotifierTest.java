package org.concretelab.ui;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.PopupWindow;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The notification toast fits a narrow window: its lines are broken, the popup no wider than the window. */
@ExtendWith(ApplicationExtension.class)
class NotifierTest {
    private static final double WINDOW_WIDTH = 420;
    private Notifier notifier;

    /** Its own window of exactly that width (TestFX's shared stage keeps a size an earlier test set). */
    @Start
    void start(Stage primary) {
        Stage stage = new Stage();
        Label banner = new Label();
        VBox root = new VBox(banner);
        notifier = new Notifier(banner, root);
        stage.setScene(new Scene(root, WINDOW_WIDTH, 300));
        stage.show();
    }

    @AfterEach
    void close() throws Exception {
        org.testfx.api.FxToolkit.cleanupStages();
    }

    /** Information whose banner is in view stays in the banner (no popup to build); an error also pops up. */
    @Test
    void informationInViewStaysInTheBannerAndAnErrorAlsoPopsUp(FxRobot robot) throws Exception {
        robot.interact(() -> notifier.info("Training started in runs/app-1"));
        WaitForAsyncUtils.waitForFxEvents();
        Thread.sleep(300);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(toasts().isEmpty(), "no popup for information the banner shows");
        assertTrue(notifier.text().contains("Training started"), notifier.text());
        robot.interact(() -> notifier.error("Cannot write runs/app-1", "free some disk space"));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !toasts().isEmpty());
    }

    @Test
    void aLongMessageWrapsInsideTheWindow(FxRobot robot) throws Exception {
        String path = "/home/someone/concrete-explorer/runs/2026-12-06T18-00-00-binary-200H~784V-lambda0.5/last.ckpt";
        robot.interact(() -> notifier.error("Cannot read the checkpoint " + path + ": it was written by a newer version of"
                + " Concrete Explorer and has fields this version does not know", "open it with the version that wrote it"));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !toasts().isEmpty() && toasts().get(0).getWidth() > 0);
        WaitForAsyncUtils.waitForFxEvents();
        for (Window toast : toasts()) {
            assertTrue(toast.getWidth() <= WINDOW_WIDTH, "toast " + toast.getWidth() + " px wide in a " + WINDOW_WIDTH + " px window");
        }
    }

    @Test
    void wrapBreaksBetweenWordsAndInsideALongWord() {
        javafx.scene.text.Font font = javafx.scene.text.Font.font(13);
        String wrapped = TextWrap.wrap("short words here and a /very/long/path/without/any/spaces/at/all/in/it/anywhere", font, 120);
        assertTrue(wrapped.lines().count() >= 3, wrapped);
        javafx.scene.text.Text t = new javafx.scene.text.Text();
        t.setFont(font);
        for (String line : wrapped.lines().toList()) {
            t.setText(line);
            assertTrue(t.getLayoutBounds().getWidth() <= 120, "line '" + line + "' " + t.getLayoutBounds().getWidth());
        }
        assertFalse(wrapped.replace("\n", "").replace(" ", "").isEmpty());
        org.junit.jupiter.api.Assertions.assertEquals("short words here and a /very/long/path/without/any/spaces/at/all/in/it/anywhere"
                .replace(" ", ""), wrapped.replace("\n", "").replace(" ", ""), "nothing lost");
    }

    private static List<Window> toasts() {
        return Window.getWindows().stream().filter(w -> w instanceof PopupWindow && w.isShowing()).toList();
    }
}

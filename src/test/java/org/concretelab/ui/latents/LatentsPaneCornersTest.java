package org.concretelab.ui.latents;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.ToggleButton;
import javafx.stage.Stage;
import org.concretelab.explore.LatentCode;
import org.concretelab.model.Architecture;
import org.concretelab.model.LatentKind;
import org.concretelab.model.ModelSpec;
import org.concretelab.model.VaeModel;
import org.concretelab.model.VaeModels;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** A model of the paper's n-ary corner latents: log2 K toggles per unit, each one a free bit of the unit's class. */
@ExtendWith(ApplicationExtension.class)
class LatentsPaneCornersTest {
    /** 6 units of 8 classes: 3 toggles each. */
    private static final ModelSpec CORNERS = new ModelSpec(Architecture.NONLINEAR_ONE, LatentKind.CORNERS, 6, 8, 0, 20,
            2.0 / 3, 0.4, 1, 1e-3);
    private static final ExecutorService BACKGROUND = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "corners-test-background");
        t.setDaemon(true);
        return t;
    });
    private final VaeModel model = VaeModels.create(CORNERS, 5);
    private LatentsPane pane;

    @Start
    void start(Stage stage) {
        pane = new LatentsPane(new LatentsViewModel(BACKGROUND));
        pane.setModel(model);
        stage.setScene(new Scene(pane, 1200, 800));
        stage.show();
    }

    @AfterAll
    static void stop() {
        BACKGROUND.shutdownNow();
    }

    @Test
    void eachUnitShowsItsBitsAndAToggleFlipsOneCoordinate(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> pane.decodedProperty().get() != null);
        assertEquals(6 * 3, robot.lookup(".latent-toggle").queryAll().size());
        assertEquals(6, robot.lookup(".corner-unit").queryAll().size());
        robot.interact(() -> pane.setCode(LatentCode.cleared(model.latentLayout()).values()));
        WaitForAsyncUtils.waitForFxEvents();
        for (int i = 0; i < 18; i++) {
            assertFalse(robot.lookup("#latent-toggle-" + i).queryAs(ToggleButton.class).isSelected(), "all −1: class 0");
        }
        float[] before = pane.decodedProperty().get();
        robot.clickOn("#latent-toggle-4"); // unit 1, bit 1
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> pane.decodedProperty().get() != before);
        float[] code = pane.code();
        assertArrayEquals(new float[] {-1, -1, -1, -1, 1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1}, code);
        assertEquals(2, LatentCode.of(model.latentLayout(), code).classOf(1));
        assertTrue(robot.lookup("#latent-toggle-4").queryAs(ToggleButton.class).isSelected());
        assertEquals(784, model.decode(code).length);
    }
}

package org.concretelab.ui.tour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Slider;
import javafx.stage.Stage;
import org.concretelab.data.MnistFiles;
import org.concretelab.ui.AppContext;
import org.concretelab.ui.ExplorerApp;
import org.concretelab.ui.WindowPlacement;
import org.concretelab.ui.settings.AppSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 28's guided first run in the whole window: it opens on a first launch, Next and Back move through the tabs with
 * the step's controls glowing, "Don't show again" is remembered by the next launch, Help → Tour brings it back, and at
 * 1366×768 the card never covers what it points at.
 */
@ExtendWith(ApplicationExtension.class)
class TourViewTest {
    private final AppSettings settings = AppSettings.inMemory();
    private ExplorerApp app;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        // the window as it opens on a 1366×768 laptop with a 32 px panel (ExplorerAppLayoutTest's)
        WindowPlacement place = WindowPlacement.within(0, 32, 1366, 736);
        app = new ExplorerApp();
        Scene scene = new Scene(app.build(new AppContext(MnistFiles.defaultDir(), settings)), place.width(), place.height());
        scene.getStylesheets().add(ExplorerApp.class.getResource("explorer.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    private TourView tour() {
        return app.tour();
    }

    private String selectedTab() {
        return app.tabs().getSelectionModel().getSelectedItem().getId();
    }

    /** Waits until the step's targets are found, attached and glowing. */
    private List<Node> awaitHighlighted(int count) throws Exception {
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> tour().highlighted().size() == count
                && tour().highlighted().stream().allMatch(n -> n.getScene() != null));
        WaitForAsyncUtils.waitForFxEvents();
        return tour().highlighted();
    }

    private static boolean glows(Node n) {
        return n.getPseudoClassStates().contains(TourView.TARGET);
    }

    @Test
    void theTourOpensOnAFirstLaunchAndNextAndBackMoveThroughTheTabsWithTheirControlsGlowing(FxRobot robot) throws Exception {
        assertFalse(tour().isVisible(), "nothing before the launch offers it");
        robot.interact(() -> assertTrue(app.offerTour(), "fresh settings: the tour opens"));
        assertTrue(tour().isVisible() && tour().card().isVisible());
        assertEquals("concrete-tab", selectedTab());
        Node lambda = awaitHighlighted(1).get(0);
        assertEquals("lambda-slider", lambda.getId());
        assertTrue(glows(lambda));
        assertTrue(robot.lookup("#tour-sentence").queryLabeled().getText().startsWith("Drag the temperature λ"));
        assertTrue(robot.lookup("#tour-back").queryButton().isDisabled(), "no Back on the first step");
        // the card does not block the control it points at: the slider still takes the user's drag
        double before = ((Slider) lambda).getValue();
        robot.moveTo(lambda);
        assertTrue(lambda.isHover(), "the pointer reaches the slider, not the card");
        robot.drag((Node) robot.from(lambda).lookup(".thumb").query(), javafx.scene.input.MouseButton.PRIMARY)
                .moveBy(-((Slider) lambda).getWidth() / 2, 0).release(javafx.scene.input.MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(((Slider) lambda).getValue() < before, "the slider moved under the tour");

        robot.clickOn("#tour-next");
        assertEquals("latents-tab", selectedTab());
        Node gallery = awaitHighlighted(1).get(0);
        assertEquals("flip-gallery", gallery.getId());
        assertTrue(glows(gallery));
        assertFalse(glows(lambda), "the last step's glow is gone");
        assertEquals("Tour · step 2 of 5", robot.lookup("#tour-progress").queryLabeled().getText());

        robot.clickOn("#tour-back");
        assertEquals("concrete-tab", selectedTab());
        assertEquals("lambda-slider", awaitHighlighted(1).get(0).getId());
        assertFalse(glows(gallery));

        for (String tab : new String[] {"latents-tab", "complete-tab", "training-tab", "gradients-tab"}) {
            robot.clickOn("#tour-next");
            assertEquals(tab, selectedTab());
        }
        assertEquals("Done", robot.lookup("#tour-next").queryButton().getText());
        assertEquals("gradients-run", awaitHighlighted(1).get(0).getId());
    }

    @Test
    void dismissIsRememberedByTheNextLaunchAndHelpTourRestartsIt(FxRobot robot) throws Exception {
        robot.interact(() -> app.offerTour());
        robot.clickOn("#tour-next");
        robot.clickOn("#tour-dismiss");
        assertFalse(tour().isVisible());
        assertEquals("true", settings.get(TourViewModel.DISMISSED_KEY).orElse(""));
        assertTrue(tour().highlighted().isEmpty(), "no glow left behind");
        robot.interact(() -> {
            ExplorerApp second = new ExplorerApp(); // a second start on the same settings
            stage.getScene().setRoot(second.build(new AppContext(MnistFiles.defaultDir(), settings)));
            app = second;
            assertFalse(app.offerTour(), "dismissed: no tour at the next launch");
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(tour().isVisible());
        robot.clickOn("Help");
        robot.moveBy(0, 30); // into the open menu first: a diagonal path crosses the App menu, which would open instead
        robot.clickOn("Tour");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(tour().isVisible(), "Help → Tour restarts it");
        assertEquals("concrete-tab", selectedTab());
        assertEquals("Tour · step 1 of 5", robot.lookup("#tour-progress").queryLabeled().getText());
        assertEquals("lambda-slider", awaitHighlighted(1).get(0).getId());
    }

    @Test
    void at1366x768TheCardCoversNoControlItPointsAt(FxRobot robot) throws Exception {
        robot.interact(() -> app.offerTour());
        for (int i = 0; i < tour().viewModel().steps().size(); i++) {
            TourStep step = tour().viewModel().steps().get(i);
            List<Node> targets = awaitHighlighted(step.targets().size());
            Thread.sleep(300); // a gallery or a model that arrives later may move its target: the card follows
            WaitForAsyncUtils.waitForFxEvents();
            Bounds card = tour().card().localToScene(tour().card().getLayoutBounds());
            for (Node t : targets) {
                Bounds b = t.localToScene(t.getLayoutBounds());
                assertFalse(card.intersects(b), step.tabId() + ": the card " + card + " covers " + t.getId() + " " + b);
            }
            Bounds window = new javafx.geometry.BoundingBox(0, 0, stage.getScene().getWidth(), stage.getScene().getHeight());
            assertTrue(window.contains(card), step.tabId() + ": the card " + card + " is cut off by " + window);
            if (i < tour().viewModel().steps().size() - 1) {
                robot.interact(() -> tour().viewModel().next());
            }
        }
    }

    /** The user leaves the step's tab: the card says where its controls are, and one click brings them back glowing. */
    @Test
    void leavingTheStepsTabOffersTheWayBack(FxRobot robot) throws Exception {
        robot.interact(() -> assertTrue(app.offerTour()));
        awaitHighlighted(1);
        javafx.scene.control.Hyperlink back = robot.lookup("#tour-return").queryAs(javafx.scene.control.Hyperlink.class);
        assertFalse(back.isVisible(), "on the step's own tab nothing to say");
        robot.interact(() -> app.tabs().getSelectionModel().select(2)); // Latents
        assertTrue(back.isVisible() && back.getText().equals("This step is on the Concrete tab: go back to it"),
                back.getText());
        assertTrue(tour().card().getHeight() >= tour().card().prefHeight(tour().card().getWidth()) - 0.5,
                "the card grew for the line");
        robot.clickOn(back);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("concrete-tab", selectedTab());
        assertFalse(back.isVisible());
        assertTrue(robot.lookup("#tour-next").queryButton().isFocused(), "a key pressed next goes on, not away");
        assertTrue(glows(awaitHighlighted(1).get(0)), "its control glows again");
    }
}

package org.concretelab.ui;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;

/** Tells the user about a problem: an inline banner that stays, plus a ControlsFX notification popup. */
public final class Notifier {
    private final Label banner;
    private final Node owner;

    public Notifier(Label banner, Node owner) {
        this.banner = banner;
        this.owner = owner;
        banner.setId("message-banner");
        banner.setWrapText(true);
        banner.setMinHeight(Region.USE_PREF_SIZE); // a VBox short of height would cut a long message to one line with "…"
        banner.setVisible(false);
        banner.setManaged(false);
        banner.setOnMouseClicked(e -> clear());
    }

    /** {@code what} happened; {@code todo} says what to do. Call on the FX thread. */
    public void error(String what, String todo) {
        show(what + (todo == null || todo.isBlank() ? "" : " — " + todo), "error");
        popup("Problem", what + (todo == null ? "" : "\n" + todo), true);
    }

    /**
     * Says {@code text} in the banner, and in a popup only when the banner is out of view (its pane in a tab not
     * shown): a popup's first showing builds its own scene and styles it, 100-200 ms of the FX thread (measured at a
     * run's Start with FxLatencyBenchmark -Dbench.demo=true), to repeat what the banner in view already says.
     */
    public void info(String text) {
        show(text, "info");
        if (!bannerInView()) {
            popup("Concrete Explorer", text, false);
        }
    }

    /** Whether the banner is in a showing window (its pane's tab selected). */
    boolean bannerInView() {
        return banner.getScene() != null && banner.getScene().getWindow() != null && banner.getScene().getWindow().isShowing()
                && banner.isVisible();
    }

    public void clear() {
        banner.setVisible(false);
        banner.setManaged(false);
    }

    public String text() {
        return banner.isVisible() ? banner.getText() : "";
    }

    private void show(String text, String style) {
        banner.getStyleClass().removeAll("error", "info");
        banner.getStyleClass().addAll("banner", style);
        banner.setText(text + "   (click to dismiss)");
        banner.setVisible(true);
        banner.setManaged(true);
    }

    /** The toast's text font (ControlsFX: 1.1667 em) and what its icon, close button and padding add to the text. */
    private static final javafx.scene.text.Font TOAST_FONT = javafx.scene.text.Font.font(
            javafx.scene.text.Font.getDefault().getFamily(), javafx.scene.text.Font.getDefault().getSize() * 1.1667);
    static final double TOAST_CHROME = 140;
    static final double MAX_TEXT_WIDTH = 440;
    static final double MIN_TEXT_WIDTH = 120;

    /** The showing window that no other window owns (the app's); null when there is none. */
    private static javafx.stage.Window mainWindow() {
        return javafx.stage.Window.getWindows().stream()
                .filter(w -> w.isShowing() && w instanceof javafx.stage.Stage s && s.getOwner() == null)
                .findFirst().orElse(null);
    }

    private void popup(String title, String text, boolean error) {
        // a pane in a tab that is not selected is out of the scene (SelectedTabOnly): the popup goes to the main window
        javafx.stage.Window window = owner.getScene() != null ? owner.getScene().getWindow() : mainWindow();
        if (window == null || !window.isShowing()) {
            return;
        }
        try {
            // the popup is as wide as its longest line: break the lines to fit the window (a long path would overflow it)
            double textWidth = Math.max(MIN_TEXT_WIDTH, Math.min(MAX_TEXT_WIDTH, window.getWidth() - TOAST_CHROME));
            Notifications n = Notifications.create().title(title).text(TextWrap.wrap(text, TOAST_FONT, textWidth)).owner(window)
                    .position(Pos.BOTTOM_RIGHT).hideAfter(Duration.seconds(8));
            if (error) {
                n.showError();
            } else {
                n.showInformation();
            }
        } catch (RuntimeException e) {
            // the banner already says it; a popup that cannot show (e.g. headless) is not a second problem
        }
    }
}

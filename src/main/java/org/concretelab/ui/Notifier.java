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

    public void info(String text) {
        show(text, "info");
        popup("Concrete Explorer", text, false);
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
            Notifications n = Notifications.create().title(title).text(text).owner(window)
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

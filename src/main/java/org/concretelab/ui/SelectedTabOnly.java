package org.concretelab.ui;

import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.scene.Scene;
import javafx.scene.Node;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.StackPane;

/**
 * Keeps only the selected tab's pane in the scene: every other tab holds an empty holder until it is selected.
 * Why: a TabPane merely hides the other tabs, and a hidden chart still takes part in every layout pass and still
 * pushes its canvas to the renderer. Measured while the app trained (Xvfb, software rendering): the Gradients
 * tab's hidden points chart kept the renderer at 32–50 % of a core and the FX thread at 13 %, which training on
 * both cores lost (27–30k instead of ~38k img/s); with only the Training tab in the scene, 5 % and 2 %.
 * A pane keeps its state while detached (its view-model carries on); it is laid out and styled again when shown, in
 * the pulse after its tab is selected.
 */
public final class SelectedTabOnly {
    private static final String HOLDER = "selected-tab-holder";

    private SelectedTabOnly() {
    }

    /** Wraps the content of {@code tabs}' tabs (and of tabs added later) so that only the selected one is attached. */
    public static void install(TabPane tabs) {
        tabs.getTabs().forEach(SelectedTabOnly::wrap);
        tabs.getTabs().addListener((ListChangeListener<Tab>) c -> {
            while (c.next()) {
                c.getAddedSubList().forEach(SelectedTabOnly::wrap);
            }
        });
        tabs.getSelectionModel().selectedItemProperty().addListener((o, before, now) -> {
            if (now != null) {
                attachInNextPulse(now);
            }
            if (before != null) {
                detachAfterLayout(tabs, before);
            }
        });
    }

    /** The pane of {@code tab}, whether or not it is attached (tests and callers that need a tab's nodes). */
    public static Node paneOf(Tab tab) {
        StackPane holder = holderOf(tab);
        return holder != null ? (Node) holder.getProperties().get(HOLDER) : tab.getContent();
    }

    /** The holder {@link #wrap} put in {@code tab}, or null. */
    private static StackPane holderOf(Tab tab) {
        return tab.getContent() instanceof StackPane holder && holder.getStyleClass().contains(HOLDER) ? holder : null;
    }

    /** Puts {@code tab}'s content in an empty holder, attached at once if the tab is selected (nothing is shown yet). */
    private static void wrap(Tab tab) {
        Node content = tab.getContent();
        if (content == null || holderOf(tab) != null) {
            return;
        }
        StackPane holder = new StackPane();
        holder.getStyleClass().add(HOLDER);
        holder.getProperties().put(HOLDER, content);
        tab.setContent(holder);
        if (tab.isSelected()) {
            attach(tab);
        }
    }

    /**
     * Attaches {@code tab}'s pane at the start of the next pulse (its animation phase), if it is still selected then.
     * Why not at once: a ChartFX chart read-locks its data sets as soon as it enters a scene and unlocks them after the
     * next layout; attached from an event handler, a write to its data by code that runs before that pulse (a
     * {@code runLater} with a result, the caller itself) would wait on the FX thread for a pulse that cannot come. In the
     * pulse, only the layout lies between the lock and the unlock. (The Training pane's chart refresh, an AnimationTimer
     * started before this one, has already run in that pulse.)
     */
    private static void attachInNextPulse(Tab tab) {
        new AnimationTimer() {
            @Override
            public void handle(long now) {
                stop();
                if (tab.isSelected()) {
                    attach(tab);
                }
            }
        }.start();
    }

    /**
     * Detaches {@code tab}'s pane once the next pulse's layout is over, if it is still unselected then. Why not at once:
     * a ChartFX chart read-locks its data sets when it enters a scene or a layout starts and unlocks them after the
     * layout (scene pulse listeners); taken out of the scene in between (a tab shown and left before the next pulse)
     * it would never unlock, and the next write to its data (the trainer's curves) would block the FX thread for good.
     * The chart's listener was registered when it entered the scene, before this one, so it has unlocked by now.
     */
    private static void detachAfterLayout(TabPane tabs, Tab tab) {
        Scene scene = tabs.getScene();
        if (scene == null) { // not shown yet: no pulse has run, and a pane outside a scene has locked nothing
            detach(tab);
            return;
        }
        Runnable once = new Runnable() {
            private boolean done;

            @Override
            public void run() {
                if (done) {
                    return;
                }
                done = true;
                Platform.runLater(() -> scene.removePostLayoutPulseListener(this)); // not while the scene iterates
                if (!tab.isSelected()) {
                    detach(tab);
                }
            }
        };
        scene.addPostLayoutPulseListener(once);
        Platform.requestNextPulse();
    }

    private static void attach(Tab tab) {
        StackPane holder = holderOf(tab);
        if (holder != null && holder.getChildren().isEmpty()) {
            holder.getChildren().setAll(paneOf(tab));
        }
    }

    private static void detach(Tab tab) {
        StackPane holder = holderOf(tab);
        if (holder != null) {
            holder.getChildren().clear();
        }
    }
}

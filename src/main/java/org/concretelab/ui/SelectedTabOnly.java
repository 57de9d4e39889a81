package org.concretelab.ui;

import javafx.collections.ListChangeListener;
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
 * A pane keeps its state while detached (its view-model carries on); it is laid out and styled again when shown.
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
            if (before != null) {
                detach(before);
            }
            if (now != null) {
                attach(now);
            }
        });
        tabs.getTabs().forEach(t -> {
            if (t == tabs.getSelectionModel().getSelectedItem()) {
                attach(t);
            } else {
                detach(t);
            }
        });
    }

    /** The pane of {@code tab}, whether or not it is attached (tests and callers that need a tab's nodes). */
    public static Node paneOf(Tab tab) {
        return tab.getContent() instanceof StackPane holder && holder.getStyleClass().contains(HOLDER)
                ? (Node) holder.getProperties().get(HOLDER) : tab.getContent();
    }

    private static void wrap(Tab tab) {
        Node content = tab.getContent();
        if (content == null || content.getStyleClass().contains(HOLDER)) {
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

    private static void attach(Tab tab) {
        if (tab.getContent() instanceof StackPane holder && holder.getStyleClass().contains(HOLDER)
                && holder.getChildren().isEmpty()) {
            holder.getChildren().setAll((Node) holder.getProperties().get(HOLDER));
        }
    }

    private static void detach(Tab tab) {
        if (tab.getContent() instanceof StackPane holder && holder.getStyleClass().contains(HOLDER)) {
            holder.getChildren().clear();
        }
    }
}

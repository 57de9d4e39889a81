package org.concretelab.ui.latents;

import java.util.List;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.concretelab.explore.FlipRanking;

/**
 * "The bits that matter most for this digit": the {@link FlipsViewModel#GALLERY_SIZE} moves that change the decoded
 * digit most, each with its decoded result and mean |Δp|, applied by a click; undo, redo and "Reset to the encoding".
 */
final class FlipsPane extends VBox {
    static final KeyCombination UNDO_KEYS = new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN);
    static final KeyCombination REDO_KEYS = new KeyCodeCombination(KeyCode.Y, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination REDO_SHIFT_KEYS = new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN,
            KeyCombination.SHIFT_DOWN);

    private final FlipsViewModel vm;
    /** A thumbnail's side: ten fit in a row under 20 columns of toggles. */
    private static final int THUMB = 50;

    private final FlowPane gallery = new FlowPane(3, 3);
    private final List<Entry> entries = new java.util.ArrayList<>();

    FlipsPane(FlipsViewModel viewModel) {
        this.vm = viewModel;
        setId("flips-pane");
        setSpacing(4);
        setPadding(new Insets(6, 0, 0, 0));
        Label title = new Label("The bits that matter most for this digit");
        title.getStyleClass().add("section-header");
        Button undo = button("Undo", "undo-button", "Take back the last change of the code (Ctrl+Z).");
        undo.setOnAction(e -> vm.undo());
        undo.disableProperty().bind(vm.canUndoProperty().not());
        Button redo = button("Redo", "redo-button", "Do again the change last taken back (Ctrl+Y).");
        redo.setOnAction(e -> vm.redo());
        redo.disableProperty().bind(vm.canRedoProperty().not());
        Button reset = button("Reset to the encoding", "reset-encoding-button",
                "Back to the input's own code, as the encoder gave it (undoable).");
        reset.setOnAction(e -> vm.resetToEncoding());
        reset.disableProperty().bind(vm.canResetProperty().not());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox header = new HBox(6, title, gap, undo, redo, reset);
        header.setAlignment(Pos.CENTER_LEFT);
        Label hint = new Label("Each: the digit after that one change and how much it moves the pixels (mean |Δp|); "
                + "click to apply.");
        hint.getStyleClass().add("caption");
        hint.setWrapText(true);
        hint.setMinHeight(Region.USE_PREF_SIZE);
        hint.setPrefWidth(200); // wraps to the column's width instead of widening it
        hint.setMaxWidth(Double.MAX_VALUE);
        gallery.setId("flip-gallery");
        gallery.prefWrapLengthProperty().bind(widthProperty());
        getChildren().addAll(header, hint, gallery);
        vm.rankingProperty().addListener((o, a, r) -> show(r));
    }

    private static Button button(String text, String id, String tip) {
        Button b = new Button(text);
        b.setId(id);
        b.setTooltip(new Tooltip(tip));
        return b;
    }

    /** Ctrl+Z and Ctrl+Y (Ctrl+Shift+Z too) wherever the focus is within {@code root} (the Latents tab). */
    void installShortcuts(Node root) {
        root.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (UNDO_KEYS.match(e)) {
                vm.undo();
                e.consume();
            } else if (REDO_KEYS.match(e) || REDO_SHIFT_KEYS.match(e)) {
                vm.redo();
                e.consume();
            }
        });
    }

    private void show(FlipRanking.Ranking r) {
        if (r == null) {
            gallery.getChildren().clear();
            return;
        }
        List<FlipRanking.Move> top = r.top(FlipsViewModel.GALLERY_SIZE);
        while (entries.size() < top.size()) {
            entries.add(new Entry(entries.size()));
        }
        boolean binary = r.code().layout().classes() == 2;
        for (int i = 0; i < top.size(); i++) {
            entries.get(i).show(top.get(i), binary);
        }
        gallery.getChildren().setAll(entries.subList(0, top.size()).stream().map(e -> e.button).toList());
    }

    /**
     * One gallery entry, made once and refilled with each ranking: the ranking is redone at every change of the code
     * (and every 3 s while a run is followed, shown or not), and ten new buttons each time cost ten tooltips, each a popup
     * window with its own scene and CSS pass: up to 157 ms of the FX thread during the demo run (FxLatencyBenchmark
     * -Dbench.demo=true -Dbench.stacks=true caught it in Tooltip.&lt;init&gt;).
     */
    private final class Entry {
        final Button button = new Button();
        final ImageView thumb = new ImageView();
        final Label name = new Label();
        final Label change = new Label();
        final Tooltip tip = new Tooltip();
        FlipRanking.Move move;

        Entry(int i) {
            name.getStyleClass().add("flip-caption");
            change.getStyleClass().add("flip-caption");
            thumb.setFitWidth(THUMB);
            thumb.setFitHeight(THUMB);
            VBox face = new VBox(1, thumb, name, change);
            face.setAlignment(Pos.CENTER);
            button.setGraphic(face);
            button.setId("flip-" + i);
            button.getStyleClass().add("flip-button");
            button.setTooltip(tip);
            button.setOnAction(e -> vm.apply(move));
        }

        void show(FlipRanking.Move m, boolean binary) {
            move = m;
            name.setText("#" + (m.unit() + 1) + " " + (binary ? m.from() + "→" + m.to() : (m.from() + 1) + "→" + (m.to() + 1)));
            change.setText(String.format(Locale.ROOT, "%.3f", m.meanChange()));
            thumb.setImage(DigitImages.of(m.means(), 2));
            tip.setText(String.format(Locale.ROOT, "Latent %d %s: the digit changes by %.4f per pixel on "
                    + "average (mean |Δp|); %d pixels cross 0.5. Click to apply it.", m.unit() + 1,
                    binary ? "from " + m.from() + " to " + m.to() : "from class " + (m.from() + 1) + " to " + (m.to() + 1),
                    m.meanChange(), m.crossings()));
        }
    }
}

package org.concretelab.ui.latents;

import java.util.List;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import org.concretelab.model.VaeModel;

/**
 * Which shipped model the Latents tab shows: the compact one (single flips visibly move its digits) or the 200-bit one,
 * switched either way at once. A model from elsewhere (a loaded checkpoint, a training snapshot) leaves no entry
 * selected and the box says so; the image's caption names it.
 */
final class LatentsModelChoice extends HBox {
    /** A shipped model: its name in the box, what the tooltip says of it, the model and its name under the image. */
    record Entry(String name, String tooltip, VaeModel model, String decodedName) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** The box's text while a model from elsewhere is shown. */
    static final String OTHER = "another model (named under the image)";

    private final ComboBox<Entry> box = new ComboBox<>();
    private final LatentsViewModel vm;
    private boolean following;

    LatentsModelChoice(LatentsViewModel vm) {
        super(6);
        this.vm = vm;
        setId("latents-model-choice");
        box.setId("latents-model-box");
        box.setPrefWidth(260); // the model's name and NLL in full
        box.setButtonCell(new ListCell<>() {
            @Override
            protected void updateItem(Entry item, boolean empty) {
                super.updateItem(item, empty);
                setText(item == null || empty ? (box.getItems().isEmpty() ? "loading…" : OTHER) : item.name());
            }
        });
        box.setTooltip(new Tooltip("The shipped models the Latents tab can show."));
        box.valueProperty().addListener((o, a, e) -> {
            if (e != null) {
                box.getTooltip().setText(e.tooltip());
                if (!following && vm.modelProperty().get() != e.model()) {
                    vm.setModel(e.model(), e.decodedName());
                }
            }
        });
        vm.modelProperty().addListener((o, a, m) -> follow(m));
        Label label = new Label("Model shown");
        label.getStyleClass().add("section-header");
        label.setMinWidth(Label.USE_PREF_SIZE);
        getChildren().addAll(label, box);
        setAlignment(javafx.geometry.Pos.CENTER_LEFT);
    }

    /** Offers {@code entries} and shows the first. */
    void setEntries(List<Entry> entries) {
        box.getItems().setAll(entries);
        box.setPromptText(OTHER); // what an empty box shows: JavaFX gives the button cell no update for a null value
        if (!entries.isEmpty()) {
            box.setValue(entries.get(0));
        }
    }

    /** The box names the shown model: its entry, or none for a model from elsewhere. */
    private void follow(VaeModel m) {
        following = true;
        try {
            box.setValue(box.getItems().stream().filter(e -> e.model() == m).findFirst().orElse(null));
        } finally {
            following = false;
        }
    }

    ComboBox<Entry> box() {
        return box;
    }
}

package org.concretelab.ui.training;

import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.concretelab.ui.latents.DigitImages;

/**
 * The view of {@link ReconstructionsViewModel}: a caption beside a row of columns, the input digits first, then one
 * column per epoch (newest on the right, scrolled into view), each digit drawn small so that the strip leaves the charts
 * their room on a 768 px screen. Shown only while there is a run to reconstruct.
 */
final class ReconstructionStrip extends HBox {
    /** Side of a drawn digit: 8 of them stack to 128 px. */
    static final double CELL = 16;

    private final ReconstructionsViewModel vm;
    private final HBox row = new HBox(3);
    private final ScrollPane scroll = new ScrollPane(row);

    ReconstructionStrip(ReconstructionsViewModel vm) {
        this.vm = vm;
        setId("reconstruction-strip");
        Label caption = new Label();
        caption.setId("reconstruction-caption");
        caption.textProperty().bind(vm.captionProperty());
        caption.setStyle("-fx-font-size: 11px;");
        caption.setWrapText(true);
        caption.setMinWidth(150);
        caption.setPrefWidth(150);
        caption.setMaxWidth(150);
        caption.setMaxHeight(Double.MAX_VALUE);
        caption.setAlignment(Pos.TOP_LEFT);
        row.setPadding(new Insets(0, 4, 0, 4));
        row.setAlignment(Pos.TOP_LEFT);
        scroll.setFitToHeight(true);
        scroll.setVbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.setPrefViewportHeight(CELL * ReconstructionsViewModel.DIGITS + 14);
        scroll.setMinViewportHeight(CELL * ReconstructionsViewModel.DIGITS + 14);
        scroll.setMinWidth(0);
        HBox.setHgrow(scroll, javafx.scene.layout.Priority.ALWAYS);
        setSpacing(8);
        setPadding(new Insets(2, 10, 2, 10));
        getChildren().setAll(caption, scroll);
        vm.inputsProperty().addListener((o, a, b) -> rebuild());
        vm.columns().addListener((ListChangeListener<ReconstructionsViewModel.Column>) c -> rebuild());
        // no run, no strip: the charts keep all the height they had before a run
        visibleProperty().bind(vm.captionProperty().isNotEmpty());
        managedProperty().bind(visibleProperty());
    }

    private void rebuild() {
        row.getChildren().clear();
        float[][] inputs = vm.inputsProperty().get();
        if (inputs == null) {
            return;
        }
        row.getChildren().add(column("input", "The test digits (the first of each digit 0–7 in the test set)", inputs));
        for (ReconstructionsViewModel.Column c : vm.columns()) {
            row.getChildren().add(column(Integer.toString(c.epoch()), String.format(java.util.Locale.ROOT,
                    "Reconstructions by the model after epoch %d (step %,d)", c.epoch(), c.step()), c.means()));
        }
        Platform.runLater(() -> scroll.setHvalue(scroll.getHmax())); // after the layout that widens the row
    }

    private static VBox column(String header, String tip, float[][] digits) {
        Label head = new Label(header);
        head.setStyle("-fx-font-size: 10px;");
        VBox box = new VBox(0);
        box.setAlignment(Pos.TOP_CENTER);
        box.getStyleClass().add("reconstruction-column");
        box.getChildren().add(head);
        for (float[] d : digits) {
            ImageView v = new ImageView(DigitImages.of(d, 1));
            v.setFitWidth(CELL);
            v.setFitHeight(CELL);
            v.setSmooth(true);
            box.getChildren().add(v);
        }
        Tooltip.install(box, new Tooltip(tip));
        return box;
    }

    /** Columns drawn, the input's included (for tests). */
    int drawnColumns() {
        return row.getChildren().size();
    }
}

package org.concretelab.ui.latents;

import java.util.Locale;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The last change of the code as a picture: decoded after minus before, red where ink appears, blue where it vanishes. */
final class DifferenceView extends VBox {
    /** The colour is full at the change's largest |Δp|, never below this (so a change of 0.001 stays pale). */
    static final double MIN_FULL = 0.1;
    /** Smaller than the input beside it (4): the row stays as high as it was, so the column fits a 768 px screen. */
    private static final int SCALE = 3;

    private final ImageView image = new ImageView();
    private final Label numbers = new Label();
    private final Label empty = new Label("Flip a latent: what it changes shows here, in red and blue.");

    DifferenceView(FlipsViewModel vm) {
        super(4);
        setId("difference-view");
        Label title = new Label("Last change");
        title.getStyleClass().add("section-header");
        image.setId("difference-image");
        Tooltip.install(image, new Tooltip("The decoded image after the last change minus before it: red where ink "
                + "appears, blue where it vanishes, white where nothing changed."));
        empty.getStyleClass().add("caption");
        empty.setWrapText(true);
        empty.setPrefWidth(28 * SCALE);
        numbers.setId("difference-numbers");
        numbers.getStyleClass().add("caption");
        // the legend and the figures beside the image, one short line each: the row keeps the input's height
        VBox legend = new VBox(2, swatch(DigitImages.INK_APPEARS, "ink appears"), swatch(DigitImages.INK_VANISHES,
                "ink vanishes"), numbers);
        legend.setId("difference-legend");
        HBox body = new HBox(4, empty, image, legend);
        getChildren().addAll(title, body);
        vm.differenceProperty().addListener((o, a, d) -> show(d));
        show(null);
    }

    private static HBox swatch(int rgb, String text) {
        Region r = new Region();
        r.setMinSize(10, 10);
        r.setPrefSize(10, 10);
        r.setMaxSize(10, 10);
        r.setStyle(String.format(Locale.ROOT, "-fx-background-color: #%06x;", rgb));
        Label l = new Label(text);
        l.getStyleClass().add("caption");
        HBox box = new HBox(3, r, l);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    private void show(FlipsViewModel.Difference d) {
        empty.setVisible(d == null);
        empty.setManaged(d == null);
        image.setVisible(d != null);
        image.setManaged(d != null);
        numbers.setVisible(d != null);
        if (d == null) {
            image.setImage(null);
            return;
        }
        double max = 0;
        for (float v : d.delta()) {
            max = Math.max(max, Math.abs(v));
        }
        double full = Math.max(MIN_FULL, max);
        image.setImage(DigitImages.difference(d.delta(), SCALE, full));
        numbers.setText(String.format(Locale.ROOT, "mean |Δp| %.4f\n%d px cross 0.5\nfull colour: %.2f",
                d.meanChange(), d.crossings(), full));
    }
}

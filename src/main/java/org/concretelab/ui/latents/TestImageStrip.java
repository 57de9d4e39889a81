package org.concretelab.ui.latents;

import java.util.List;
import java.util.function.Consumer;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.concretelab.data.Dataset;
import org.concretelab.data.Datasets;

/**
 * The Latents tab's test images to click, in rows of 4, under a caption naming their dataset. They are one dataset's:
 * when the shown model is another dataset's they go (a click would encode a digit with a clothes model) until that
 * dataset's images come.
 */
final class TestImageStrip extends VBox {
    private final Label caption = new Label();
    private final HBox images = new HBox(4);
    private final Consumer<float[]> chosen;
    private Dataset shown;

    /** {@code chosen} gets the clicked image (784 intensities). */
    TestImageStrip(Consumer<float[]> chosen) {
        super(8);
        this.chosen = chosen;
        caption.getStyleClass().add("section-header");
        caption.setWrapText(true); // "Fashion-MNIST test images (click to encode)" is wider than the column
        images.setId("digit-strip");
        getChildren().addAll(caption, images);
        caption(Datasets.defaultDataset());
    }

    /** Shows {@code d}'s test images. */
    void set(Dataset d, List<float[]> list) {
        shown = d;
        caption(d);
        images.getChildren().clear();
        VBox rows = new VBox(4);
        HBox row = null;
        for (int i = 0; i < list.size(); i++) {
            float[] image = list.get(i);
            Button b = new Button(null, new ImageView(DigitImages.of(image, 2)));
            b.setId("digit-" + i);
            b.getStyleClass().add("digit-button");
            b.setTooltip(new Tooltip("Encode this test image and decode its most probable code."));
            b.setOnAction(e -> chosen.accept(image));
            if (i % 4 == 0) {
                row = new HBox(4);
                rows.getChildren().add(row);
            }
            row.getChildren().add(b);
        }
        images.getChildren().add(rows);
    }

    /** The shown model is {@code d}'s: another dataset's images go until {@link #set} brings its own. */
    void modelTrainedOn(Dataset d) {
        if (d != null && d != shown) {
            images.getChildren().clear();
            shown = null;
            caption.setText(d.label() + " test images: loading…");
        }
    }

    private void caption(Dataset d) {
        caption.setText((d == Datasets.defaultDataset() ? "Test digits" : d.label() + " test images") + " (click to encode)");
    }
}

package org.concretelab.ui.latents;

import java.util.Locale;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;

/** The sensitivity map's colour scale: what a toggle's border colour means, from no change to the largest one. */
final class SensitivityLegend extends HBox {
    static final Color LOW = Color.web("#fff4e6");
    static final Color HIGH = Color.web("#d9480f");

    private final Label top = new Label();

    SensitivityLegend() {
        super(6);
        setId("sensitivity-legend");
        setAlignment(Pos.CENTER_LEFT);
        Label what = new Label("Sensitivity map: border colour = mean |Δp| when that latent alone flips");
        what.getStyleClass().add("caption");
        Region ramp = new Region();
        ramp.setId("sensitivity-ramp");
        ramp.setMinSize(120, 12);
        ramp.setPrefSize(120, 12);
        ramp.setStyle("-fx-background-color: linear-gradient(to right, " + web(LOW) + ", " + web(HIGH) + ");"
                + " -fx-border-color: #adb5bd;");
        Label zero = new Label("0");
        zero.getStyleClass().add("caption");
        top.setId("sensitivity-max");
        top.getStyleClass().add("caption");
        getChildren().addAll(what, zero, ramp, top);
        show(-1);
    }

    /** The border colour of a latent whose flip changes {@code f} of the largest change. */
    static Color colour(double f) {
        return LOW.interpolate(HIGH, f);
    }

    /** Shows the scale up to {@code max} (mean |Δp|); hidden when negative (the map is off). */
    void show(double max) {
        setVisible(max >= 0);
        setManaged(max >= 0);
        top.setText(String.format(Locale.ROOT, "%.4f", Math.max(0, max)));
    }

    private static String web(Color c) {
        return String.format(Locale.ROOT, "#%02x%02x%02x", (int) Math.round(c.getRed() * 255),
                (int) Math.round(c.getGreen() * 255), (int) Math.round(c.getBlue() * 255));
    }
}

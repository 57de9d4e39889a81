package org.concretelab.ui.latents;

import java.util.List;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.VBox;
import org.concretelab.explore.Interpolation;

/**
 * Under the Latents tab's code, one at a time (the room a laptop screen leaves): the interpolation path, or λ's relaxed
 * and hard samples of the shown digit (computed only while their tab is selected).
 */
final class LatentsBottomTabs extends TabPane {
    private final InterpolationStrip strip = new InterpolationStrip();
    private final Tab interpolationTab = new Tab("Interpolation: one latent flipped at a time");
    private final Tab relaxedTab;
    private final RelaxedViewModel relaxed;

    LatentsBottomTabs(RelaxedViewModel relaxed) {
        setId("latents-bottom-tabs");
        setTabClosingPolicy(TabClosingPolicy.UNAVAILABLE);
        VBox path = new VBox(strip);
        path.setPadding(new Insets(4, 10, 4, 10));
        interpolationTab.setContent(path);
        interpolationTab.setId("interpolation-tab");
        this.relaxed = relaxed;
        relaxedTab = new Tab("Temperature λ: relaxed vs hard samples of this digit", new RelaxedPane(relaxed));
        relaxedTab.setId("relaxed-tab");
        getTabs().setAll(interpolationTab, relaxedTab);
        relaxed.activeProperty().bind(relaxedTab.selectedProperty());
    }

    /** Draws {@code unit}'s posterior (0-based) in the λ tab, brought forward. */
    void showUnit(int unit) {
        relaxed.unitProperty().set(unit);
        getSelectionModel().select(relaxedTab);
    }

    /** Brings the interpolation's tab forward (where the path will show). */
    void selectPath() {
        getSelectionModel().select(interpolationTab);
    }

    /** Shows the path in its tab and, in a window too short for the whole Latents tab, scrolls it into view. */
    void showPath(List<Interpolation.Frame> frames) {
        strip.show(frames);
        if (!frames.isEmpty()) {
            selectPath();
            Platform.runLater(strip::scrollIntoView);
        }
    }
}

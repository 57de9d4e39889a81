package org.concretelab.ui.latents;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import org.concretelab.explore.Interpolation;

/** The Latents tab's interpolation path: each step's image and how many of the differing latents it has flipped. */
final class InterpolationStrip extends FlowPane {
    InterpolationStrip() {
        super(4, 4);
        setId("interpolation-strip");
        setMinHeight(28 * 2 + 16); // room for the frames and captions before the first interpolation: no jump
    }

    void show(List<Interpolation.Frame> frames) {
        List<Node> views = new ArrayList<>();
        for (Interpolation.Frame f : frames) {
            ImageView v = new ImageView(DigitImages.of(f.means(), 2));
            Label caption = new Label(f.flipped() + "/" + f.total());
            caption.getStyleClass().add("caption");
            VBox frame = new VBox(1, v, caption);
            frame.setAlignment(Pos.CENTER);
            frame.getStyleClass().add("interpolation-frame");
            Tooltip.install(frame, new Tooltip(f.flipped() + " of " + f.total() + " differing latents flipped"));
            views.add(frame);
        }
        getChildren().setAll(views);
    }

    /** In a window too short for the whole tab (it scrolls), brings the strip into view once it holds the path. */
    void scrollIntoView() {
        Node n = getParent();
        while (n != null && !(n instanceof ScrollPane)) {
            n = n.getParent();
        }
        if (n instanceof ScrollPane scroll && scroll.getContent() != null) {
            scroll.layout(); // the strip has just been filled: measure it laid out
            double contentHeight = scroll.getContent().getBoundsInLocal().getHeight();
            double viewport = scroll.getViewportBounds().getHeight();
            if (contentHeight > viewport) {
                Bounds strip = scroll.getContent().sceneToLocal(localToScene(getBoundsInLocal()));
                double top = Math.min(strip.getMinY(), Math.max(0, strip.getMaxY() - viewport));
                scroll.setVvalue(scroll.getVmin() + (scroll.getVmax() - scroll.getVmin()) * top / (contentHeight - viewport));
            }
        }
    }
}

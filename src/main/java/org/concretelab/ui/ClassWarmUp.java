package org.concretelab.ui;

import java.util.List;

/**
 * Loads, on a background thread at start-up, the classes the first comparison result needs the moment it is shown
 * (the first table rows of the window, the charts' point markers). Otherwise the FX thread defines them inside the
 * pulse that draws that result: {@code GradientsLatencyBenchmark -Dbench.stacks=true} caught it in chart-fx's
 * {@code DefaultMarker.draw} → {@code defineClass} during a 179 ms pulse on the loaded 2-core machine, and
 * {@code -Xlog:class+load} lists these classes as loaded at that moment. Loading without initialising is safe off
 * the FX thread.
 */
final class ClassWarmUp {
    static final List<String> CLASSES = List.of(
            "javafx.scene.control.skin.CellSkinBase",
            "javafx.scene.control.skin.TableRowSkinBase",
            "javafx.scene.control.skin.TableRowSkin",
            "javafx.scene.control.skin.TableCellSkinBase",
            "javafx.scene.control.skin.TableCellSkin",
            "com.sun.javafx.scene.control.behavior.CellBehaviorBase",
            "com.sun.javafx.scene.control.behavior.TableRowBehaviorBase",
            "com.sun.javafx.scene.control.behavior.TableRowBehavior",
            "com.sun.javafx.scene.control.behavior.TableCellBehaviorBase",
            "com.sun.javafx.scene.control.behavior.TableCellBehavior",
            "io.fair_acc.chartfx.marker.DefaultMarker",
            "io.fair_acc.chartfx.marker.DefaultMarker$1",
            // the first notification (Start's "Training in …") and the first points of the Training charts: their classes
            // were defined by the FX thread inside 100–190 ms pulses right after Start (FxLatencyBenchmark
            // -Dbench.demo=true with -Xlog:class+load, the classes loaded after "pressing Demo run and Start")
            "org.controlsfx.control.Notifications",
            "org.controlsfx.control.Notifications$1",
            "org.controlsfx.control.Notifications$NotificationPopupHandler",
            "org.controlsfx.control.Notifications$NotificationPopupHandler$1",
            "org.controlsfx.control.Notifications$NotificationPopupHandler$CustomTransition",
            "org.controlsfx.control.NotificationPane",
            "org.controlsfx.control.action.Action",
            "org.controlsfx.control.action.ActionUtils",
            "org.controlsfx.control.action.ActionUtils$1",
            "org.controlsfx.control.action.ActionUtils$2",
            "org.controlsfx.tools.Utils",
            "impl.org.controlsfx.i18n.SimpleLocalizedStringProperty",
            "impl.org.controlsfx.skin.NotificationBar",
            "impl.org.controlsfx.skin.NotificationBar$1",
            "impl.org.controlsfx.skin.NotificationPaneSkin",
            "javafx.stage.Popup",
            "javafx.animation.ParallelTransition",
            "javafx.scene.control.ButtonBar",
            "javafx.scene.control.CheckMenuItem",
            "javafx.scene.control.Hyperlink",
            "javafx.scene.control.RadioButton",
            "javafx.scene.control.skin.ButtonBarSkin",
            "javafx.scene.control.skin.ButtonBarSkin$Spacer",
            "com.sun.javafx.iio.ImageStorage",
            "com.sun.javafx.iio.png.PNGImageLoaderFactory",
            "com.sun.javafx.iio.png.PNGImageLoader2",
            "com.sun.javafx.iio.png.PNGIDATChunkInputStream",
            "com.sun.scenario.animation.shared.InterpolationInterval",
            "io.fair_acc.chartfx.utils.Schubfach",
            "io.fair_acc.chartfx.utils.Schubfach$DoubleToDecimal",
            "io.fair_acc.chartfx.renderer.spi.utils.DashPatternStyle",
            "io.fair_acc.math.ArrayUtils",
            "io.fair_acc.math.MathBase",
            "io.fair_acc.math.Math");

    private ClassWarmUp() {
    }

    /** Loads every class of {@link #CLASSES} it can find; a missing one (a library update) is only a lost head start. */
    static int preload() {
        int loaded = 0;
        ClassLoader loader = ClassWarmUp.class.getClassLoader();
        for (String name : CLASSES) {
            try {
                Class.forName(name, false, loader);
                loaded++;
            } catch (ClassNotFoundException | LinkageError renamed) {
                // nothing to warm: the class is loaded on first use as usual
            }
        }
        return loaded;
    }
}

package org.concretelab.ui;

import javafx.scene.control.Slider;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;

/**
 * Keyboard steps for a slider. JavaFX moves a slider by its block increment (default 10) on an arrow key, which sends
 * a log-scale slider spanning 2–3 decades from one end to the other in one press; here an arrow moves by a hundredth
 * of the range (a log slider: ~5 % of the value per press) and Page Up/Down by a tenth. Home/End keep going to the
 * ends (JavaFX's own keys).
 */
public final class SliderKeys {
    /** Steps per range: an arrow moves 1/SMALL_STEPS of it, Page Up/Down 1/LARGE_STEPS. */
    public static final int SMALL_STEPS = 100;
    public static final int LARGE_STEPS = 10;

    private SliderKeys() {
    }

    /** Installs the steps on {@code slider} (its min and max must be set) and returns it. */
    public static Slider install(Slider slider) {
        double range = slider.getMax() - slider.getMin();
        slider.setBlockIncrement(range / SMALL_STEPS);
        slider.setFocusTraversable(true);
        slider.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.PAGE_UP || e.getCode() == KeyCode.PAGE_DOWN) {
                double step = (slider.getMax() - slider.getMin()) / LARGE_STEPS;
                double v = slider.getValue() + (e.getCode() == KeyCode.PAGE_UP ? step : -step);
                slider.setValue(Math.max(slider.getMin(), Math.min(slider.getMax(), v)));
                e.consume();
            }
        });
        return slider;
    }
}

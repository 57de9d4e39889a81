package org.concretelab.ui.settings;

import java.util.List;
import javafx.geometry.Rectangle2D;

/**
 * Where the window opens: where it was, unless that is no longer on any screen (a monitor unplugged, a
 * resolution lowered) or nonsense; then the default size, centred on the primary screen.
 */
public final class RememberedWindow {
    /** How much of the window's top edge must be on a screen to grab it by the title bar. */
    static final double GRIP_WIDTH = 120;
    static final double GRIP_HEIGHT = 30;

    static final String X = "window.x";
    static final String Y = "window.y";
    static final String WIDTH = "window.width";
    static final String HEIGHT = "window.height";
    static final String MAXIMIZED = "window.maximized";

    private RememberedWindow() {
    }

    /** The remembered bounds, or null when there are none or they are not numbers. */
    public static Rectangle2D stored(AppSettings s) {
        double x = s.getDouble(X, Double.NaN);
        double y = s.getDouble(Y, Double.NaN);
        double w = s.getDouble(WIDTH, Double.NaN);
        double h = s.getDouble(HEIGHT, Double.NaN);
        if (Double.isNaN(x) || Double.isNaN(y) || !(w > 0) || !(h > 0)) {
            return null;
        }
        return new Rectangle2D(x, y, w, h);
    }

    public static boolean maximized(AppSettings s) {
        return s.getBoolean(MAXIMIZED, false);
    }

    /** Remembers the bounds; a maximized window keeps the bounds it had before, to return to them. */
    public static void store(AppSettings s, Rectangle2D bounds, boolean maximized) {
        s.put(MAXIMIZED, Boolean.toString(maximized));
        if (!maximized) {
            s.putNumber(X, bounds.getMinX());
            s.putNumber(Y, bounds.getMinY());
            s.putNumber(WIDTH, bounds.getWidth());
            s.putNumber(HEIGHT, bounds.getHeight());
        }
    }

    /**
     * @param stored   the remembered bounds, or null
     * @param screens  the screens' visual bounds, the primary first
     * @param fallback the default size (its x and y are ignored)
     * @param min      the smallest size the window allows
     */
    public static Rectangle2D fit(Rectangle2D stored, List<Rectangle2D> screens, Rectangle2D fallback, Rectangle2D min) {
        Rectangle2D primary = screens.isEmpty()
                ? new Rectangle2D(0, 0, fallback.getWidth(), fallback.getHeight()) : screens.get(0);
        if (stored != null && stored.getWidth() >= min.getWidth() && stored.getHeight() >= min.getHeight()) {
            for (Rectangle2D screen : screens) {
                if (grippable(stored, screen)) {
                    return shrinkTo(stored, screen);
                }
            }
        }
        double w = Math.min(fallback.getWidth(), primary.getWidth());
        double h = Math.min(fallback.getHeight(), primary.getHeight());
        return new Rectangle2D(primary.getMinX() + (primary.getWidth() - w) / 2, primary.getMinY() + (primary.getHeight() - h) / 2,
                w, h);
    }

    /** Enough of the top edge lies on the screen to drag the window by its title bar. */
    private static boolean grippable(Rectangle2D r, Rectangle2D screen) {
        double left = Math.max(r.getMinX(), screen.getMinX());
        double right = Math.min(r.getMaxX(), screen.getMaxX());
        double top = Math.max(r.getMinY(), screen.getMinY());
        double bottom = Math.min(r.getMinY() + GRIP_HEIGHT, screen.getMaxY());
        return right - left >= GRIP_WIDTH && bottom - top >= GRIP_HEIGHT / 2 && r.getMinY() >= screen.getMinY() - 1;
    }

    /** A window larger than its screen is made to fit it, staying where it was where it can. */
    private static Rectangle2D shrinkTo(Rectangle2D r, Rectangle2D screen) {
        double w = Math.min(r.getWidth(), screen.getWidth());
        double h = Math.min(r.getHeight(), screen.getHeight());
        double x = Math.min(Math.max(r.getMinX(), screen.getMinX() - w + GRIP_WIDTH), screen.getMaxX() - GRIP_WIDTH);
        double y = Math.min(Math.max(r.getMinY(), screen.getMinY()), screen.getMaxY() - GRIP_HEIGHT);
        if (w < r.getWidth() || h < r.getHeight()) {
            x = Math.max(screen.getMinX(), Math.min(x, screen.getMaxX() - w));
            y = Math.max(screen.getMinY(), Math.min(y, screen.getMaxY() - h));
        }
        return new Rectangle2D(x, y, w, h);
    }
}

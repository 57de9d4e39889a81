package org.concretelab.ui.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import javafx.geometry.Rectangle2D;
import org.junit.jupiter.api.Test;

class RememberedWindowFitTest {
    private static final Rectangle2D SCREEN = new Rectangle2D(0, 0, 1366, 768);
    private static final Rectangle2D RIGHT = new Rectangle2D(1366, 0, 1920, 1080);
    private static final Rectangle2D DEFAULT = new Rectangle2D(0, 0, 1280, 820);
    private static final Rectangle2D MIN = new Rectangle2D(0, 0, 1000, 680);

    private static Rectangle2D fit(Rectangle2D stored, Rectangle2D... screens) {
        return RememberedWindow.fit(stored, List.of(screens), DEFAULT, MIN);
    }

    @Test
    void aWindowOnAScreenStaysWhereItWas() {
        Rectangle2D r = new Rectangle2D(20, 10, 1100, 700);
        assertEquals(r, fit(r, SCREEN));
        Rectangle2D onSecond = new Rectangle2D(1500, 100, 1200, 800);
        assertEquals(onSecond, fit(onSecond, SCREEN, RIGHT));
    }

    @Test
    void aWindowOffEveryScreenIsCentredOnThePrimaryOne() {
        Rectangle2D gone = new Rectangle2D(1500, 100, 1200, 800); // the second monitor was unplugged
        Rectangle2D r = fit(gone, SCREEN);
        assertTrue(SCREEN.contains(r), r.toString());
        Rectangle2D above = fit(new Rectangle2D(100, -500, 1100, 700), SCREEN); // title bar above the screen
        assertTrue(SCREEN.contains(above), above.toString());
        Rectangle2D farLeft = fit(new Rectangle2D(-1090, 100, 1100, 700), SCREEN); // 10 px showing
        assertTrue(SCREEN.contains(farLeft), farLeft.toString());
    }

    @Test
    void nonsenseSizesGiveTheDefault() {
        assertEquals(new Rectangle2D(43, 0, 1280, 768), fit(new Rectangle2D(0, 0, 10, 10), SCREEN), "too small; clamped to the screen");
        assertEquals(new Rectangle2D(43, 0, 1280, 768), fit(null, SCREEN));
    }

    @Test
    void aWindowLargerThanItsScreenIsMadeToFit() {
        Rectangle2D r = fit(new Rectangle2D(10, 10, 3000, 2000), SCREEN);
        assertEquals(SCREEN, r);
    }

    @Test
    void storedBoundsAreReadBackAndCorruptOnesIgnored() {
        AppSettings s = AppSettings.inMemory();
        assertNull(RememberedWindow.stored(s));
        RememberedWindow.store(s, new Rectangle2D(5, 6, 1100, 700), false);
        assertEquals(new Rectangle2D(5, 6, 1100, 700), RememberedWindow.stored(s));
        RememberedWindow.store(s, new Rectangle2D(0, 0, 1366, 768), true);
        assertEquals(new Rectangle2D(5, 6, 1100, 700), RememberedWindow.stored(s), "maximized keeps the normal bounds");
        assertTrue(RememberedWindow.maximized(s));
        s.put(RememberedWindow.WIDTH, "wide");
        assertNull(RememberedWindow.stored(s));
        s.put(RememberedWindow.WIDTH, "-5");
        assertNull(RememberedWindow.stored(s));
    }
}

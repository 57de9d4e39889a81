package org.concretelab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WindowPlacementTest {

    private static void assertInside(WindowPlacement p, double x, double y, double w, double h) {
        assertTrue(p.x() >= x && p.y() >= y && p.x() + p.width() <= x + w && p.y() + p.height() <= y + h, p.toString());
        assertTrue(p.minWidth() <= w && p.minHeight() <= h, "minimum larger than the screen: " + p);
    }

    @Test
    void aLaptopScreenGetsNinetyPercentCentred() {
        // 1366×768 with a 32 px panel at the top
        WindowPlacement p = WindowPlacement.within(0, 32, 1366, 736);
        assertEquals(1229, p.width());
        assertEquals(662, p.height());
        assertEquals(68, p.x());
        assertEquals(32 + 37, p.y());
        assertInside(p, 0, 32, 1366, 736);
    }

    @Test
    void aLargeScreenIsUsedTooNotCappedAt1400By900() {
        WindowPlacement p = WindowPlacement.within(0, 0, 1920, 1080);
        assertEquals(1728, p.width());
        assertEquals(972, p.height());
        assertEquals(96, p.x());
        assertEquals(54, p.y());
        // a second monitor to the right
        WindowPlacement right = WindowPlacement.within(1920, 0, 2560, 1440);
        assertEquals(2304, right.width());
        assertInside(right, 1920, 0, 2560, 1440);
    }

    @Test
    void aTinyScreenIsFilledAndTheMinimumShrinksToIt() {
        WindowPlacement p = WindowPlacement.within(0, 0, 800, 560);
        assertEquals(800, p.width());
        assertEquals(560, p.height());
        assertInside(p, 0, 0, 800, 560);
    }
}

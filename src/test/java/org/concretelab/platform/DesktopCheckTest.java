package org.concretelab.platform;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DesktopCheckTest {

    @Test
    void explainsAMissingDisplayAndHowToRunWithout() {
        String msg = DesktopCheck.problem(Map.of(), "Linux", () -> true).orElseThrow();
        assertTrue(msg.contains("DISPLAY"), msg);
        assertTrue(msg.contains("xvfb-run"), msg);
    }

    @Test
    void namesThePackagesWhenGtkIsMissing() {
        String msg = DesktopCheck.problem(Map.of("DISPLAY", ":0"), "Linux", () -> false).orElseThrow();
        assertTrue(msg.contains(DesktopCheck.DEBIAN_PACKAGES), msg);
    }

    @Test
    void passesWithADisplayAndGtk() {
        assertFalse(DesktopCheck.problem(Map.of("WAYLAND_DISPLAY", "wayland-0"), "Linux", () -> true).isPresent());
        assertFalse(DesktopCheck.problem(Map.of(), "Mac OS X", () -> false).isPresent());
    }
}

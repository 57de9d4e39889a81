package org.concretelab.platform;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Says, before JavaFX tries and fails with a native stack trace, why a window cannot open here:
 * no display to draw on, or (on Linux) no GTK 3, which JavaFX's windowing layer links against.
 */
public final class DesktopCheck {

    static final String DEBIAN_PACKAGES = "libgtk-3-0 libgl1 libxtst6 libxxf86vm1";

    /** Folders where Debian, Ubuntu and Fedora keep shared libraries. */
    private static final List<String> LIBRARY_DIRS = List.of(
            "/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu", "/usr/lib64", "/usr/lib", "/lib64");

    private DesktopCheck() {
    }

    /** A message explaining what is missing, or empty when a window should open. */
    public static Optional<String> problem() {
        return problem(System.getenv(), System.getProperty("os.name", ""), DesktopCheck::hasGtk3);
    }

    static Optional<String> problem(Map<String, String> env, String osName, java.util.function.BooleanSupplier gtk3) {
        if (!osName.toLowerCase().contains("linux")) {
            return Optional.empty();
        }
        if (isBlank(env.get("DISPLAY")) && isBlank(env.get("WAYLAND_DISPLAY"))) {
            return Optional.of("""
                    Concrete Explorer needs a display to open its window, and none is set (DISPLAY is empty).
                    Run it from a desktop session, or on a server under a virtual display:
                        xvfb-run -a %1$s
                    The command line works without a display: %1$s --help""".formatted(Installation.command()));
        }
        if (!gtk3.getAsBoolean()) {
            return Optional.of("""
                    Concrete Explorer's window needs GTK 3, which JavaFX draws with, and it is not installed.
                    On Debian or Ubuntu: sudo apt-get install %s
                    The command line works without it: %s --help"""
                    .formatted(DEBIAN_PACKAGES, Installation.command()));
        }
        return Optional.empty();
    }

    private static boolean hasGtk3() {
        return LIBRARY_DIRS.stream().anyMatch(dir -> Files.exists(Path.of(dir, "libgtk-3.so.0")));
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}

package org.concretelab.platform;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Says, before JavaFX tries and fails with a native stack trace, why a window cannot open here:
 * no display to draw on, a display that nothing serves (a stale DISPLAY), or (on Linux) no GTK 3,
 * which JavaFX's windowing layer links against.
 */
public final class DesktopCheck {

    static final String DEBIAN_PACKAGES = "libgtk-3-0 libgl1 libxtst6 libxxf86vm1";

    /** Folders where Debian, Ubuntu and Fedora keep shared libraries. */
    private static final List<String> LIBRARY_DIRS = List.of(
            "/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu", "/usr/lib64", "/usr/lib", "/lib64");

    private DesktopCheck() {
    }

    /** What the check asks of the system; tests answer it themselves. */
    interface Probe {
        /** Whether something accepts a connection on this UNIX domain socket file. */
        boolean unixSocketAnswers(Path socket);

        /** Whether an abstract UNIX socket of this name (without the leading '@') is listening (Linux). */
        boolean abstractSocketListens(String name);

        /** Whether something accepts a TCP connection on this host and port, within a short time. */
        boolean tcpAnswers(String host, int port);

        /** Whether a Wayland compositor's socket of this WAYLAND_DISPLAY (and XDG_RUNTIME_DIR) exists. */
        boolean waylandListens(String display, String runtimeDir);
    }

    /** A message explaining what is missing, or empty when a window should open. */
    public static Optional<String> problem() {
        return problem(System.getenv(), System.getProperty("os.name", ""), DesktopCheck::hasGtk3, SYSTEM);
    }

    /** As if whatever display is set answered. */
    static Optional<String> problem(Map<String, String> env, String osName, java.util.function.BooleanSupplier gtk3) {
        return problem(env, osName, gtk3, ANSWERING);
    }

    static Optional<String> problem(Map<String, String> env, String osName, java.util.function.BooleanSupplier gtk3,
            Probe probe) {
        if (!osName.toLowerCase().contains("linux")) {
            return Optional.empty();
        }
        String display = env.get("DISPLAY");
        String wayland = env.get("WAYLAND_DISPLAY");
        if (isBlank(display) && isBlank(wayland)) {
            return Optional.of("""
                    Concrete Explorer needs a display to open its window, and none is set (DISPLAY is empty).
                    Run it from a desktop session, or on a server under a virtual display:
                        xvfb-run -a %1$s
                    The command line works without a display: %1$s --help""".formatted(Installation.command()));
        }
        boolean x = !isBlank(display) && xServerMayAnswer(display, probe);
        boolean w = !isBlank(wayland) && probe.waylandListens(wayland, env.get("XDG_RUNTIME_DIR"));
        if (!x && !w) {
            return Optional.of(noDisplayServer(env));
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

    /**
     * Safety net behind {@link #problem()}: the message for JavaFX failing to open a display the check could not
     * rule out (e.g. a server that refuses this user), or empty for any other failure.
     */
    public static Optional<String> launchFailure(Throwable failure, Map<String, String> env) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < 20; depth++, t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("Unable to open DISPLAY")) {
                return Optional.of(isBlank(env.get("DISPLAY"))
                        ? advice("JavaFX could not open a display (DISPLAY is empty, WAYLAND_DISPLAY is "
                                + env.get("WAYLAND_DISPLAY") + ")")
                        : noDisplayServer(env, "JavaFX could not open it (no X server answers there, or it refused the connection)"));
            }
        }
        return Optional.empty();
    }

    /** The message for a display that is set but that nothing serves. */
    static String noDisplayServer(Map<String, String> env) {
        return noDisplayServer(env, "no X server answers there");
    }

    private static String noDisplayServer(Map<String, String> env, String xProblem) {
        String display = env.get("DISPLAY");
        String wayland = env.get("WAYLAND_DISPLAY");
        StringBuilder what = new StringBuilder();
        if (!isBlank(display)) {
            what.append("DISPLAY is ").append(display).append(" but ").append(xProblem);
        }
        if (!isBlank(wayland)) {
            what.append(what.length() > 0 ? ", and " : "").append("WAYLAND_DISPLAY is ").append(wayland)
                    .append(" but no Wayland compositor listens there");
        }
        return advice(what.toString());
    }

    private static String advice(String what) {
        return """
                Concrete Explorer cannot open its window: %s.
                Start one, use the display of your desktop session, or run it under a virtual display:
                    xvfb-run -a java -jar target/concrete-explorer.jar
                The command line works without a display: java -jar target/concrete-explorer.jar --help"""
                .formatted(what);
    }

    /**
     * False only when this X display surely has no server: a form we do not know, or any doubt, counts as
     * answering (JavaFX then decides), since refusing a working display would be worse than its stack trace.
     * Forms: {@code [host]:N[.S]} and {@code unix:N[.S]}; a local display is reached like Xlib does, through
     * the socket file, the abstract socket or TCP on localhost.
     */
    static boolean xServerMayAnswer(String display, Probe probe) {
        int colon = display.lastIndexOf(':');
        if (colon < 0) {
            return true;
        }
        String host = display.substring(0, colon);
        String rest = display.substring(colon + 1);
        String number = rest.contains(".") ? rest.substring(0, rest.indexOf('.')) : rest;
        if (!number.matches("\\d{1,5}") || host.contains("/") || host.startsWith("[") || host.endsWith(":")
                || Integer.parseInt(number) > 65535 - X_TCP_PORT) {
            return true; // a socket path (XQuartz), protocol/host, IPv6 or nonsense: not ours to judge
        }
        int n = Integer.parseInt(number);
        if (host.isEmpty() || host.equals("unix")) {
            String socket = "/tmp/.X11-unix/X" + n;
            return probe.unixSocketAnswers(Path.of(socket)) || probe.abstractSocketListens(socket)
                    || host.isEmpty() && probe.tcpAnswers("localhost", X_TCP_PORT + n);
        }
        return probe.tcpAnswers(host, X_TCP_PORT + n);
    }

    /** Where a Wayland compositor of this name listens: an absolute path, or a name in XDG_RUNTIME_DIR. */
    static Optional<Path> waylandSocket(String wayland, String runtimeDir) {
        if (wayland.startsWith("/")) {
            return Optional.of(Path.of(wayland));
        }
        return isBlank(runtimeDir) ? Optional.empty() : Optional.of(Path.of(runtimeDir, wayland));
    }

    private static final int X_TCP_PORT = 6000;

    static final Probe ANSWERING = new Probe() {
        @Override
        public boolean unixSocketAnswers(Path socket) {
            return true;
        }

        @Override
        public boolean abstractSocketListens(String name) {
            return true;
        }

        @Override
        public boolean tcpAnswers(String host, int port) {
            return true;
        }

        @Override
        public boolean waylandListens(String display, String runtimeDir) {
            return true;
        }
    };

    static final Probe SYSTEM = new Probe() {
        @Override
        public boolean unixSocketAnswers(Path socket) {
            if (!Files.exists(socket)) {
                return false;
            }
            try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                ch.connect(UnixDomainSocketAddress.of(socket));
                return true;
            } catch (ConnectException e) {
                return false; // refused: a socket file left behind by a server that is gone
            } catch (IOException | RuntimeException e) {
                return true; // cannot tell
            }
        }

        @Override
        public boolean abstractSocketListens(String name) {
            try (var lines = Files.lines(Path.of("/proc/net/unix"))) {
                return lines.anyMatch(l -> l.endsWith(" @" + name));
            } catch (IOException | RuntimeException e) {
                return false;
            }
        }

        @Override
        public boolean tcpAnswers(String host, int port) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(host, port), 1000);
                return true;
            } catch (SocketTimeoutException e) {
                return true; // slow, not necessarily absent: JavaFX decides
            } catch (IOException | RuntimeException e) {
                return false; // refused, or no such host
            }
        }

        @Override
        public boolean waylandListens(String display, String runtimeDir) {
            return waylandSocket(display, runtimeDir).map(Files::exists).orElse(false); // no runtime dir: libwayland fails too
        }
    };

    private static boolean hasGtk3() {
        return LIBRARY_DIRS.stream().anyMatch(dir -> Files.exists(Path.of(dir, "libgtk-3.so.0")));
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}

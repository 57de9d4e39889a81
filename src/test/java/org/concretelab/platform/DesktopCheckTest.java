package org.concretelab.platform;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

    /** Answers from sets of live endpoints; records what was asked. */
    private static final class FakeProbe implements DesktopCheck.Probe {
        final Set<String> live = new HashSet<>();
        final List<String> asked = new ArrayList<>();

        FakeProbe with(String endpoint) {
            live.add(endpoint);
            return this;
        }

        private boolean ask(String endpoint) {
            asked.add(endpoint);
            return live.contains(endpoint);
        }

        @Override
        public boolean unixSocketAnswers(Path socket) {
            return ask("unix " + socket);
        }

        @Override
        public boolean abstractSocketListens(String name) {
            return ask("abstract " + name);
        }

        @Override
        public boolean tcpAnswers(String host, int port) {
            return ask("tcp " + host + ":" + port);
        }

        @Override
        public boolean waylandListens(String display, String runtimeDir) {
            return ask("file " + DesktopCheck.waylandSocket(display, runtimeDir).map(Path::toString).orElse("(none)"));
        }
    }

    private static Optional<String> check(Map<String, String> env, DesktopCheck.Probe probe) {
        return DesktopCheck.problem(env, "Linux", () -> true, probe);
    }

    @Test
    void aLocalDisplayWithoutServerIsExplained() {
        for (String display : List.of(":99", ":99.0", "unix:99")) {
            FakeProbe probe = new FakeProbe();
            String msg = check(Map.of("DISPLAY", display), probe).orElseThrow();
            assertTrue(msg.contains("DISPLAY is " + display + " but no X server answers there"), msg);
            assertTrue(msg.contains("xvfb-run -a"), msg);
            assertTrue(probe.asked.contains("unix /tmp/.X11-unix/X99"), probe.asked.toString());
            assertTrue(probe.asked.contains("abstract /tmp/.X11-unix/X99"), probe.asked.toString());
        }
    }

    @Test
    void aLocalDisplayAnswersThroughItsSocketFileAbstractSocketOrLocalTcp() {
        assertEquals(Optional.empty(), check(Map.of("DISPLAY", ":1"), new FakeProbe().with("unix /tmp/.X11-unix/X1")));
        assertEquals(Optional.empty(), check(Map.of("DISPLAY", ":1.0"), new FakeProbe().with("abstract /tmp/.X11-unix/X1")));
        assertEquals(Optional.empty(), check(Map.of("DISPLAY", ":1"), new FakeProbe().with("tcp localhost:6001")));
        // "unix:" asks for the local socket only, as Xlib does
        assertTrue(check(Map.of("DISPLAY", "unix:1"), new FakeProbe().with("tcp localhost:6001")).isPresent());
    }

    @Test
    void aRemoteDisplayIsAskedOverTcp() {
        FakeProbe dead = new FakeProbe();
        assertTrue(check(Map.of("DISPLAY", "remote:10.0"), dead).isPresent());
        assertEquals(List.of("tcp remote:6010"), dead.asked);
        assertEquals(Optional.empty(), check(Map.of("DISPLAY", "localhost:10.0"), new FakeProbe().with("tcp localhost:6010")));
    }

    @Test
    void formsItDoesNotKnowAreLeftToJavaFx() {
        for (String display : List.of("/private/tmp/com.apple.launchd.x/org.xquartz:0", "nonsense", ":x", "[::1]:0", ":123456")) {
            FakeProbe probe = new FakeProbe();
            assertEquals(Optional.empty(), check(Map.of("DISPLAY", display), probe), display);
            assertEquals(List.of(), probe.asked, display);
        }
    }

    @Test
    void waylandNeedsItsSocket() {
        Map<String, String> env = Map.of("WAYLAND_DISPLAY", "wayland-0", "XDG_RUNTIME_DIR", "/run/user/1000");
        String msg = check(env, new FakeProbe()).orElseThrow();
        assertTrue(msg.contains("WAYLAND_DISPLAY is wayland-0"), msg);
        assertEquals(Optional.empty(), check(env, new FakeProbe().with("file /run/user/1000/wayland-0")));
        assertEquals(Optional.empty(), check(Map.of("WAYLAND_DISPLAY", "/tmp/w"), new FakeProbe().with("file /tmp/w")));
        assertTrue(check(Map.of("WAYLAND_DISPLAY", "wayland-0"), new FakeProbe().with("file wayland-0")).isPresent());
        // a dead DISPLAY next to a live compositor: the window may still open
        assertEquals(Optional.empty(), check(Map.of("DISPLAY", ":5", "WAYLAND_DISPLAY", "wayland-0",
                "XDG_RUNTIME_DIR", "/run/user/1000"), new FakeProbe().with("file /run/user/1000/wayland-0")));
    }

    @Test
    void aDeadDisplayIsReportedBeforeMissingGtk() {
        String msg = DesktopCheck.problem(Map.of("DISPLAY", ":7"), "Linux", () -> false, new FakeProbe()).orElseThrow();
        assertTrue(msg.contains("no X server answers"), msg);
    }

    @Test
    void javaFxFailingToOpenTheDisplayGetsTheSameAdvice() {
        RuntimeException failure = new RuntimeException("Application launch failed",
                new UnsupportedOperationException("Unable to open DISPLAY"));
        String msg = DesktopCheck.launchFailure(failure, Map.of("DISPLAY", ":3")).orElseThrow();
        assertTrue(msg.contains("DISPLAY is :3 but JavaFX could not open it"), msg);
        assertTrue(msg.contains("xvfb-run -a"), msg);
        assertEquals(Optional.empty(), DesktopCheck.launchFailure(new IllegalStateException("a bug"), Map.of("DISPLAY", ":3")));
        String wayland = DesktopCheck.launchFailure(failure, Map.of("WAYLAND_DISPLAY", "wayland-0")).orElseThrow();
        assertTrue(wayland.contains("JavaFX could not open a display (DISPLAY is empty, WAYLAND_DISPLAY is wayland-0)"), wayland);
    }

    @Test
    void theSystemProbeConnectsForReal(@TempDir Path tmp) throws IOException {
        DesktopCheck.Probe probe = DesktopCheck.SYSTEM;
        Path live = tmp.resolve("live");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(live));
            assertTrue(probe.unixSocketAnswers(live));
        }
        // the file a server leaves behind when it is gone: refused
        assertTrue(Files.exists(live));
        assertFalse(probe.unixSocketAnswers(live));
        assertFalse(probe.unixSocketAnswers(tmp.resolve("missing")));
        int port;
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = server.getLocalPort();
            assertTrue(probe.tcpAnswers("127.0.0.1", port));
        }
        assertFalse(probe.tcpAnswers("127.0.0.1", port));
    }
}

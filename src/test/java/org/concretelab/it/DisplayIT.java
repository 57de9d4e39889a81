package org.concretelab.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Opening the app on a display that does not work: the launcher's advice, never a JavaFX stack trace. */
class DisplayIT {

    @TempDir
    Path tmp;

    private JarProcess startApp(String display) throws Exception {
        return JarProcess.start(tmp, (Map<String, String> env) -> {
            env.remove("WAYLAND_DISPLAY");
            env.put("DISPLAY", display);
        });
    }

    private static void assertAdviceWithoutStackTrace(JarProcess app, String display) throws Exception {
        assertEquals(2, app.waitFor(Duration.ofSeconds(60)), app.stderr());
        String err = app.stderr();
        assertTrue(err.contains("DISPLAY is " + display + " but"), err);
        assertTrue(err.contains("xvfb-run -a"), err);
        assertFalse(err.contains("\tat ") || err.contains("Exception"), err);
    }

    @Test
    void aDisplayWithoutServerGetsAdvice() throws Exception {
        assumeTrue(!Files.exists(Path.of("/tmp/.X11-unix/X987")), "something serves display :987 here");
        try (JarProcess app = startApp(":987")) {
            assertAdviceWithoutStackTrace(app, ":987");
            assertTrue(app.stderr().contains("no X server answers there"), app.stderr());
        }
    }

    /** A port that accepts and hangs up passes the check; JavaFX then fails, and the safety net speaks. */
    @Test
    void aDisplayJavaFxCannotOpenGetsTheSameAdvice() throws Exception {
        assumeTrue(List.of("/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu", "/usr/lib64", "/usr/lib", "/lib64").stream()
                .anyMatch(d -> Files.exists(Path.of(d, "libgtk-3.so.0"))), "no GTK 3: the launcher stops before JavaFX");
        try (ServerSocket fakeX = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread hangUp = new Thread(() -> {
                while (!fakeX.isClosed()) {
                    try (Socket s = fakeX.accept()) {
                        s.getOutputStream().flush();
                    } catch (Exception e) {
                        return;
                    }
                }
            });
            hangUp.setDaemon(true);
            hangUp.start();
            String display = "127.0.0.1:" + (fakeX.getLocalPort() - 6000);
            try (JarProcess app = startApp(display)) {
                assertAdviceWithoutStackTrace(app, display);
            }
        }
    }
}

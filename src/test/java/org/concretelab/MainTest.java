package org.concretelab;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MainTest {

    @Test
    void javaFxUnableToOpenTheDisplayBecomesAdviceAndExitCode2() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = Main.openWindow(new String[0], a -> {
            throw new UnsupportedOperationException("Unable to open DISPLAY"); // what Application.launch throws
        }, Map.of("DISPLAY", ":5"), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, rc);
        String msg = err.toString(StandardCharsets.UTF_8);
        assertTrue(msg.contains("DISPLAY is :5 but JavaFX could not open it"), msg);
        assertTrue(msg.contains("xvfb-run -a"), msg);
    }

    @Test
    void otherFailuresKeepTheirStackTrace() {
        IllegalStateException bug = new IllegalStateException("a bug in the app");
        assertSame(bug, assertThrows(IllegalStateException.class, () -> Main.openWindow(new String[0], a -> {
            throw bug;
        }, Map.of("DISPLAY", ":5"), System.err)));
        assertEquals(0, Main.openWindow(new String[0], a -> { }, Map.of(), System.err));
    }
}

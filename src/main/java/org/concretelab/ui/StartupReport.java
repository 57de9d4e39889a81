package org.concretelab.ui;

import java.util.Locale;
import javafx.application.Platform;
import org.concretelab.platform.NativeEnvironment;

/**
 * How long the window took to become usable, for {@code scripts/startup-bench.sh}: with
 * {@code -Dconcrete.startup.report=true} the app prints, at the second pulse after the window is shown
 * (its first frame laid out), {@code startup: usable window after N ms} counted from the user's command (the launcher JVM's start, before a
 * relaunch), with where the time went; {@code -Dconcrete.startup.exit=true} then closes the app.
 */
public final class StartupReport {
    private static final String REPORT = "concrete.startup.report";
    private static final String EXIT = "concrete.startup.exit";

    private StartupReport() {
    }

    /** Called by start() once the window is shown, with the moments start() began and the window was built. */
    static void afterFirstFrame(long startCalled, long built) {
        if (!Boolean.getBoolean(REPORT)) {
            return;
        }
        long shown = System.currentTimeMillis();
        long jvm = NativeEnvironment.thisJvmStartMillis(); // read now, before the model queue opens: no load beside it
        long command = NativeEnvironment.commandStartMillis();
        Pulses.after(2, () -> { // the first frame laid out
            long frame = System.currentTimeMillis();
            System.out.printf(Locale.ROOT, "startup: usable window after %d ms (command to this JVM %d ms, to start() %d ms,"
                    + " window built in %d ms, shown %d ms, first frame %d ms later)%n", frame - command, jvm - command,
                    startCalled - jvm, built - startCalled, shown - built, frame - shown);
            if (Boolean.getBoolean(EXIT)) {
                Platform.exit();
            }
        });
    }
}

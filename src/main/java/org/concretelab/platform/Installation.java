package org.concretelab.platform;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether this process runs from the installed app (a jpackage launcher, {@code concrete-explorer} on the
 * PATH) or from the project's jar, and what the user types to run it again in each case.
 */
public final class Installation {

    /** jpackage's launchers set this system property to their own path; {@code java -jar} never does. */
    public static final String APP_PATH_PROPERTY = "jpackage.app-path";

    /** The name of the installed launcher (jpackage {@code --name} in the pom's installer profile). */
    public static final String LAUNCHER_NAME = "concrete-explorer";

    private Installation() {
    }

    /** The jpackage launcher that started this JVM, if any. */
    public static Optional<Path> launcher() {
        String p = System.getProperty(APP_PATH_PROPERTY);
        return p == null || p.isBlank() ? Optional.empty() : Optional.of(Path.of(p));
    }

    public static boolean installed() {
        return launcher().isPresent();
    }

    /** The command a user runs this program with, for messages: the launcher's name, or the project's jar. */
    public static String command() {
        return installed() ? LAUNCHER_NAME : "java -jar target/concrete-explorer.jar";
    }
}

package org.concretelab;

import org.concretelab.cli.ExplorerCommand;
import org.concretelab.platform.DesktopCheck;
import org.concretelab.platform.NativeEnvironment;
import org.concretelab.ui.ExplorerLauncher;

import java.util.Optional;

/**
 * Entry point of {@code concrete-explorer.jar}: no arguments opens the app, anything else is the CLI.
 *
 * <p>Before either starts, the process makes sure OpenBLAS and OpenMP are configured for this CPU
 * (see {@link NativeEnvironment}); those settings are read only at native-library load time, so when
 * they are missing the JVM is relaunched once with them in its environment.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (NativeEnvironment.relaunchIfNeeded(Main.class, args)) {
            return;
        }
        if (args.length == 0) {
            Optional<String> problem = DesktopCheck.problem();
            if (problem.isPresent()) {
                System.err.println(problem.get());
                System.exit(2);
            }
            try {
                ExplorerLauncher.launch(args);
            } catch (RuntimeException | Error e) {
                // a display DesktopCheck could not rule out, e.g. a server refusing this user: the same advice
                Optional<String> why = DesktopCheck.launchFailure(e, System.getenv());
                if (why.isEmpty()) {
                    throw e;
                }
                System.err.println(why.get());
                System.exit(2);
            }
        } else {
            System.exit(ExplorerCommand.run(args));
        }
    }
}

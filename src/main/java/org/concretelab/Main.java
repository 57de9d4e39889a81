package org.concretelab;

import org.concretelab.cli.ExplorerCommand;
import org.concretelab.platform.DesktopCheck;
import org.concretelab.platform.LocaleArguments;
import org.concretelab.platform.NativeEnvironment;
import org.concretelab.ui.ExplorerLauncher;

import java.io.PrintStream;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

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

    /**
     * Runs the app and returns 0 once its window has closed; returns 2 with advice on {@code err} when JavaFX cannot
     * open a display {@link DesktopCheck} could not rule out (e.g. a server refusing this user). Other failures pass.
     */
    static int openWindow(String[] args, Consumer<String[]> launcher, Map<String, String> env, PrintStream err) {
        try {
            launcher.accept(args);
            return 0;
        } catch (RuntimeException | Error e) {
            Optional<String> why = DesktopCheck.launchFailure(e, env);
            if (why.isEmpty()) {
                throw e;
            }
            err.println(why.get());
            return 2;
        }
    }

    public static void main(String[] args) throws Exception {
        args = LocaleArguments.restore(args); // as typed, when the launcher relaunched this JVM under a UTF-8 locale
        if (NativeEnvironment.relaunchIfNeeded(Main.class, args, args.length == 0, true)) { // no arguments: the window
            return;
        }
        Optional<String> unusable = LocaleArguments.unrepresentable(args);
        if (unusable.isPresent()) { // rather than work on "mod??le" and call it missing
            System.err.println(LocaleArguments.problem(unusable.get()));
            System.exit(2);
        }
        if (args.length == 0) {
            Optional<String> problem = DesktopCheck.problem();
            if (problem.isPresent()) {
                System.err.println(problem.get());
                System.exit(2);
            }
            int failed = openWindow(args, ExplorerLauncher::launch, System.getenv(), System.err);
            if (failed != 0) {
                System.exit(failed);
            }
        } else {
            System.exit(ExplorerCommand.run(args));
        }
    }
}

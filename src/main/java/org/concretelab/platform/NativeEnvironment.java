package org.concretelab.platform;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Environment variables the native math libraries read once, when they load.
 *
 * <p>The OpenBLAS bundled with ND4J does not recognise recent CPUs and falls back to slow generic
 * kernels (measured: 44 GFLOP/s instead of ~180), so {@code OPENBLAS_CORETYPE} is chosen from the
 * CPU flags. ND4J with two OpenMP threads runs this project's small matrices twice as slowly as with
 * one, and a single math thread leaves a core for the UI, so {@code OMP_NUM_THREADS} defaults to 1.
 * A value the user already set is always kept.
 *
 * <p>The relaunch also asks G1 for short pauses ({@value #PAUSE_GOAL}): with its default 200 ms goal
 * it grew the young generation to ~350 MB and one collection copying the chart's data stalled the FX
 * thread for 190–250 ms at an epoch's end (measured with FxLatencyBenchmark); with 20 ms, under 50 ms.
 */
public final class NativeEnvironment {

    /** Set in the relaunched child so that it never relaunches again. */
    static final String MARKER = "CONCRETE_EXPLORER_NATIVE_ENV";

    /** Set by a jpackage launcher for its own re-execution; see {@link #relaunchIfNeeded}. */
    static final String JPACKAGE_LAUNCHER_ENV = "_JPACKAGE_LAUNCHER";

    private NativeEnvironment() {
    }

    /** The JVM option that keeps garbage-collection pauses short enough for a smooth UI. */
    static final String PAUSE_GOAL = "-XX:MaxGCPauseMillis=20";

    /** JVM options to add to these; empty when the user already chose a pause goal. */
    public static List<String> missingJvmOptions(List<String> jvmArgs) {
        boolean chosen = jvmArgs.stream().anyMatch(a -> a.startsWith("-XX:MaxGCPauseMillis="));
        return chosen ? List.of() : List.of(PAUSE_GOAL);
    }

    /** The variables to add to the current environment; empty when nothing is missing. */
    public static Map<String, String> missing(Map<String, String> env, String cpuFlags) {
        Map<String, String> out = new LinkedHashMap<>();
        if (!env.containsKey("OPENBLAS_CORETYPE")) {
            coreType(cpuFlags).ifPresent(t -> out.put("OPENBLAS_CORETYPE", t));
        }
        if (!env.containsKey("OMP_NUM_THREADS")) {
            out.put("OMP_NUM_THREADS", "1");
        }
        return out;
    }

    /** The best OpenBLAS 0.3.19 kernel family for these {@code /proc/cpuinfo} flags, if any. */
    public static Optional<String> coreType(String cpuFlags) {
        List<String> flags = List.of(cpuFlags.toLowerCase(Locale.ROOT).split("\\s+"));
        if (flags.contains("avx512f") && flags.contains("avx512bw") && flags.contains("avx512vl")) {
            return Optional.of("SkylakeX");
        }
        if (flags.contains("avx2") && flags.contains("fma")) {
            return Optional.of("Haswell");
        }
        return Optional.empty();
    }

    /** The {@code flags} line of {@code /proc/cpuinfo}, or an empty string off Linux. */
    public static String cpuFlags() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("flags")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux or not readable: keep OpenBLAS's own detection.
        }
        return "";
    }

    /**
     * Relaunches this JVM with the missing variables and JVM options set, waits for it and returns {@code true};
     * returns {@code false} (do nothing) when nothing is missing or a relaunch already happened.
     */
    public static boolean relaunchIfNeeded(Class<?> mainClass, String[] args) throws InterruptedException {
        Map<String, String> env = System.getenv();
        if (env.containsKey(MARKER)) {
            return false;
        }
        Map<String, String> add = missing(env, cpuFlags());
        List<String> jvmArgs = ManagementFactory.getRuntimeMXBean().getInputArguments();
        Optional<String> launcher = Installation.launcher().map(Path::toString);
        // A jpackage launcher takes its JVM options from the image (the pause goal is in its --java-options).
        List<String> addJvm = launcher.isPresent() ? List.of() : missingJvmOptions(jvmArgs);
        if (add.isEmpty() && addJvm.isEmpty()) {
            return false;
        }
        Optional<List<String>> relaunch = relaunchCommand(launcher, ProcessHandle.current().info().command(), addJvm,
                jvmArgs, System.getProperty("java.class.path"), mainClass.getName(), List.of(args));
        if (relaunch.isEmpty()) {
            return false;
        }
        List<String> command = relaunch.get();
        ProcessBuilder pb = new ProcessBuilder(command).inheritIO();
        pb.environment().putAll(add);
        pb.environment().put(MARKER, "1");
        // jpackage's Linux launcher re-executes itself once with this set; a launcher that inherits it skips its
        // configuration (class path, main class, JVM options) and hands our arguments to the java launcher.
        pb.environment().remove(JPACKAGE_LAUNCHER_ENV);
        try {
            Process child = pb.start();
            Runtime.getRuntime().addShutdownHook(new Thread(child::destroy));
            System.exit(child.waitFor());
        } catch (IOException e) {
            return false; // could not relaunch: run here with the libraries' defaults
        }
        return true;
    }

    /**
     * The command that starts this program again. From a jpackage launcher: the launcher itself with the same
     * arguments, since its runtime has no {@code bin/java} (jlink leaves the native commands out) and the launcher
     * supplies class path and JVM options. Otherwise: this JVM's {@code java} with the missing options, its own
     * options, class path and main class. Empty when the running command is unknown.
     */
    static Optional<List<String>> relaunchCommand(Optional<String> appLauncher, Optional<String> javaCommand,
            List<String> addJvm, List<String> jvmArgs, String classPath, String mainClass, List<String> args) {
        List<String> command = new ArrayList<>();
        if (appLauncher.isPresent()) {
            command.add(appLauncher.get());
        } else if (javaCommand.isPresent()) {
            command.add(javaCommand.get());
            command.addAll(addJvm);
            command.addAll(jvmArgs);
            command.add("-cp");
            command.add(classPath);
            command.add(mainClass);
        } else {
            return Optional.empty();
        }
        command.addAll(args);
        return Optional.of(command);
    }
}

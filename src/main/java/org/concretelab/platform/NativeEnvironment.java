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
import java.util.concurrent.TimeUnit;

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

    /**
     * The JDK's Vector API: SIMD exp/log for the model's element-wise loops (model/vector), 3–15× faster than
     * the plain loops. An incubator module in Java 17, so it must be asked for (the JVM then prints one warning).
     */
    static final String VECTOR_MODULE = "--add-modules=jdk.incubator.vector";

    /**
     * The desktop app's memory options (issue 30, measured with {@code ui.bench.MemoryBenchmark}): with the JVM's
     * defaults (a quarter of the machine as heap) G1 kept 2 GB of heap committed after a training and a few
     * comparisons, and the ND4J buffers of dropped models (freed when their arrays are collected) waited for a
     * collection that never came: 2.7 GB resident and never given back. A 1 GB heap (the app uses 200-600 MB), a
     * collection after 5 s idle that returns free heap to the system, and a heap kept at most 30 % free: 0.8 GB while
     * training, 0.65 GB 30 s after Stop. Native memory is not tied to the heap: its budget stays at 3 GB.
     */
    static final List<String> DESKTOP_MEMORY = List.of("-Xmx1g", "-XX:G1PeriodicGCInterval=5000", "-XX:MinHeapFreeRatio=10",
            "-XX:MaxHeapFreeRatio=30", "-Dorg.bytedeco.javacpp.maxbytes=3g");

    /** JVM options to add to these: the pause goal and the Vector API, each unless the user already chose it. */
    public static List<String> missingJvmOptions(List<String> jvmArgs) {
        return missingJvmOptions(jvmArgs, false);
    }

    /** As above, and for the desktop app its memory options ({@link #DESKTOP_MEMORY}), each unless the user chose it. */
    public static List<String> missingJvmOptions(List<String> jvmArgs, boolean desktop) {
        List<String> out = new java.util.ArrayList<>();
        if (desktop) {
            for (String option : DESKTOP_MEMORY) {
                String name = option.startsWith("-Xmx") ? "-Xmx" : option.substring(0, option.indexOf('=') + 1);
                if (jvmArgs.stream().noneMatch(a -> a.startsWith(name))) {
                    out.add(option);
                }
            }
        }
        if (jvmArgs.stream().noneMatch(a -> a.startsWith("-XX:MaxGCPauseMillis="))) {
            out.add(PAUSE_GOAL);
        }
        if (jvmArgs.stream().noneMatch(a -> a.contains("jdk.incubator.vector"))) {
            out.add(VECTOR_MODULE);
        }
        return List.copyOf(out);
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
     * returns {@code false} (do nothing) when nothing is missing, a relaunch already happened (then the launcher is
     * watched), a debugger is attached or the main class is not on the class path.
     *
     * <p>The two JVMs live and die together: the launcher forwards SIGINT/SIGTERM/SIGHUP, waits for the child's
     * graceful end and exits with its code; the child ends itself when the launcher is gone, even after SIGKILL.
     */
    public static boolean relaunchIfNeeded(Class<?> mainClass, String[] args) throws InterruptedException {
        return relaunchIfNeeded(mainClass, args, false);
    }

    /** As above; {@code desktop}: the JVM will open the app's window (it gets {@link #DESKTOP_MEMORY} too). */
    public static boolean relaunchIfNeeded(Class<?> mainClass, String[] args, boolean desktop) throws InterruptedException {
        return relaunchIfNeeded(mainClass, args, desktop, false);
    }

    /**
     * As above; {@code classArchive}: the app's own launch, which maps the start-up class archive ({@link ClassArchive};
     * the benchmarks' launches, with another class path, keep out of it).
     */
    public static boolean relaunchIfNeeded(Class<?> mainClass, String[] args, boolean desktop, boolean classArchive)
            throws InterruptedException {
        Map<String, String> env = System.getenv();
        if (env.containsKey(MARKER)) {
            watchParent(env.get(PARENT_PID));
            ClassArchive.dropIfNotShared(System.getProperty(ClassArchive.MAPPED_PROPERTY), System.getProperty("java.vm.info", ""));
            return false;
        }
        Map<String, String> add = missing(env, cpuFlags());
        List<String> jvmArgs = ManagementFactory.getRuntimeMXBean().getInputArguments();
        Optional<String> launcher = Installation.launcher().map(Path::toString);
        // A jpackage launcher takes its JVM options from the image (the pause goal is in its --java-options).
        List<String> addJvm = launcher.isPresent() ? List.of() : missingJvmOptions(jvmArgs, desktop);
        Map<String, String> locale = LocaleArguments.relaunchEnvironment(args); // a path LANG=C cannot hold
        if (add.isEmpty() && addJvm.isEmpty() && locale.isEmpty() || debugged(jvmArgs) || !onClassPath(mainClass)) {
            return false;
        }
        String classPath = System.getProperty("java.class.path");
        Optional<String> javaCommand = ProcessHandle.current().info().command();
        List<String> childOptions = new ArrayList<>(addJvm);
        childOptions.addAll(jvmArgs);
        // the window's classes mapped from a saved archive (a java -jar launch; a jpackage launcher sets its own options)
        Optional<ClassArchive> archive = classArchive && desktop && launcher.isEmpty() && javaCommand.isPresent()
                && !choosesSharing(jvmArgs)
                ? ClassArchive.forLaunch(env, System.getProperty("user.home"), System.getProperty("java.home"),
                        Runtime.version().toString(), childOptions, classPath, ProcessHandle.current().pid())
                : Optional.empty();
        boolean mapped = archive.map(ClassArchive::mapped).orElse(false); // read once: jvmOptions() answers the same
        List<String> launchOptions = new ArrayList<>(addJvm);
        archive.ifPresent(a -> launchOptions.addAll(a.jvmOptions()));
        Optional<List<String>> relaunch = relaunchCommand(launcher, javaCommand, launchOptions, jvmArgs, classPath,
                mainClass.getName(), List.of(args));
        if (relaunch.isEmpty()) {
            return false;
        }
        List<String> command = relaunch.get();
        ProcessBuilder pb = new ProcessBuilder(command).inheritIO();
        pb.environment().putAll(add);
        pb.environment().putAll(locale);
        pb.environment().put(MARKER, "1");
        pb.environment().put(PARENT_PID, Long.toString(ProcessHandle.current().pid()));
        pb.environment().put(COMMAND_START, Long.toString(thisJvmStartMillis()));
        if (launcher.isEmpty()) {
            // jvmArgs, passed on, already hold these variables' options: the child would read them a second time
            // (an agent loaded twice, "Picked up ..." printed twice). A jpackage launcher passes no jvmArgs on.
            OPTION_VARIABLES.forEach(pb.environment()::remove);
        }
        // jpackage's Linux launcher re-executes itself once with this set; a launcher that inherits it skips its
        // configuration (class path, main class, JVM options) and hands our arguments to the java launcher.
        pb.environment().remove(JPACKAGE_LAUNCHER_ENV);
        Process child;
        try {
            child = pb.start();
        } catch (IOException e) {
            return false; // could not relaunch: run here with the libraries' defaults
        }
        // a signal arriving before this hook exists is still covered: the child's watch sees this JVM gone
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            endingOnSignal = true; // a signal (or our own exit below): the child's end is no crash to judge
            endWithChild(child);
        }, "relaunch-forward"));
        long started = System.nanoTime();
        int code = child.waitFor();
        if (archive.isPresent() && !endingOnSignal) {
            ClassArchive a = archive.get();
            if (mapped && a.crashedEarly(code, java.time.Duration.ofNanos(System.nanoTime() - started))) {
                System.err.println("concrete-explorer: the app ended with a crash while starting; its saved class archive"
                        + " (a start-up cache) may have caused it and was deleted: start the app again");
            } else if (!mapped) { // the first launch listed its classes: the archive is made after it, in the background
                a.launchEnded(code, javaCommand.get(), childOptions, classPath, NativeEnvironment::startInBackground);
            }
        }
        System.exit(code);
        return true;
    }

    /** Starts {@code command} detached from this terminal's input and output (this JVM does not wait for it). */
    static void startInBackground(List<String> command) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
            pb.environment().put(MARKER, "1");
            OPTION_VARIABLES.forEach(pb.environment()::remove); // the options they hold are in the command already
            pb.start();
        } catch (IOException | RuntimeException e) {
            // no archive this time: the next launch lists its classes again
        }
    }

    /** Set when this launcher's shutdown began: an exit code after that is the signal's, not a start-up crash's. */
    private static volatile boolean endingOnSignal;

    /** Whether the user chose class-data sharing options themselves (then the app's archive stays out of the way). */
    static boolean choosesSharing(List<String> jvmArgs) {
        return jvmArgs.stream().anyMatch(a -> a.startsWith("-Xshare") || a.startsWith("-XX:SharedArchiveFile")
                || a.startsWith("-XX:ArchiveClassesAtExit"));
    }

    /**
     * The environment of a child JVM of this program that does one job on one core (a sweep's {@code train}): the
     * native settings for this machine's CPU with one math thread (whatever this process has), marked so that the
     * child does not relaunch itself, and naming this process as the launcher it watches. The child therefore ends
     * (training stops at its next step and writes its checkpoint) when this process is gone, even after SIGKILL: a
     * Spark executor that died must not leave a training behind holding its run folder.
     */
    public static Map<String, String> childEnvironment() {
        Map<String, String> env = new LinkedHashMap<>(missing(System.getenv(), cpuFlags()));
        env.put("OMP_NUM_THREADS", "1");
        env.put(MARKER, "1");
        env.put(PARENT_PID, Long.toString(ProcessHandle.current().pid()));
        return env;
    }

    /** Variables the {@code java} launcher and the JVM read options from; they show up in the input arguments. */
    static final List<String> OPTION_VARIABLES = List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS");

    /** When the command started (the launcher JVM's start, epoch milliseconds): what start-up is measured from. */
    static final String COMMAND_START = "CONCRETE_EXPLORER_COMMAND_START";

    /** When the user's command started, epoch ms: the launcher's start if this JVM was relaunched, else this JVM's. */
    public static long commandStartMillis() {
        try {
            return Long.parseLong(System.getenv().getOrDefault(COMMAND_START, ""));
        } catch (NumberFormatException e) {
            return thisJvmStartMillis();
        }
    }

    /**
     * This JVM's start, epoch ms. From the JVM itself: the process table's start (ProcessHandle) is counted from a boot
     * time with whole-second resolution, up to a second off against the clock.
     */
    public static long thisJvmStartMillis() {
        return ManagementFactory.getRuntimeMXBean().getStartTime();
    }

    /** The launcher's PID, so that the child can end when the launcher is gone (even by SIGKILL). */
    static final String PARENT_PID = "CONCRETE_EXPLORER_PARENT_PID";

    /** Exit code of a child whose launcher vanished: as if hung up (128 + SIGHUP). */
    static final int PARENT_GONE = 129;

    /** How long the launcher, asked to end, waits for the child to end gracefully (train's hook waits up to 60 s). */
    static final long CHILD_GRACE_SECONDS = 90;

    /**
     * Whether the child, started with {@code -cp java.class.path}, finds this class: not when a host such as
     * {@code mvn exec:java} loaded it with a class loader of its own (the child would fail to start).
     */
    static boolean onClassPath(Class<?> mainClass) {
        return mainClass.getClassLoader() == ClassLoader.getSystemClassLoader();
    }

    /** A debugger is attached to this JVM: relaunching would leave it on a JVM that only waits (and the port taken). */
    static boolean debugged(List<String> jvmArgs) {
        return jvmArgs.stream().anyMatch(a -> a.startsWith("-agentlib:jdwp") || a.startsWith("-Xrunjdwp"));
    }

    /**
     * Launcher's shutdown hook (SIGINT, SIGTERM, SIGHUP): ask the child to end, wait until it has (train writes its
     * final checkpoint then) and leave with its exit code. Returns at once when the child already ended by itself.
     */
    private static void endWithChild(Process child) {
        if (!child.isAlive()) {
            return; // normal exit: main passes on the child's exit code
        }
        child.destroy();
        try {
            if (!child.waitFor(CHILD_GRACE_SECONDS, TimeUnit.SECONDS)) {
                child.destroyForcibly();
                child.waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        Runtime.getRuntime().halt(child.exitValue()); // the only way a shutdown hook can set the exit code
    }

    /**
     * In the child: a daemon thread that ends this JVM (shutdown hooks run, so training stops gracefully and
     * writes its checkpoint) once the launcher is gone, whatever killed it. Ignores a variable that does not
     * name this process's parent (inherited, or stale), so that an unrelated process is never watched.
     */
    static void watchParent(String parentPid) {
        Optional<ProcessHandle> parent = ProcessHandle.current().parent();
        if (parentPid == null || parent.isEmpty() || !parentPid.equals(Long.toString(parent.get().pid()))) {
            return;
        }
        ProcessHandle launcher = parent.get();
        Thread watch = new Thread(() -> {
            while (isParent(launcher)) {
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                }
            }
            System.err.println("concrete-explorer: the launching process has ended; stopping");
            System.exit(PARENT_GONE);
        }, "launcher-watch");
        watch.setDaemon(true);
        watch.start();
    }

    /** Alive and still our parent: an exited launcher's children are reparented at once, even before it is reaped. */
    private static boolean isParent(ProcessHandle launcher) {
        return launcher.isAlive()
                && ProcessHandle.current().parent().map(p -> p.pid() == launcher.pid()).orElse(false);
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

package org.concretelab.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The packaged {@code concrete-explorer.jar} started as a real process, as a user starts it
 * ({@code java -jar target/concrete-explorer.jar ...}), for the integration tests ({@code *IT}, run by
 * failsafe after {@code package}). Output goes to files so a test can read it while the process runs.
 */
public final class JarProcess implements AutoCloseable {
    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private JarProcess(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** The jar failsafe points at (system property {@code explorer.jar}). */
    public static Path jar() {
        String p = System.getProperty("explorer.jar", "target/concrete-explorer.jar");
        return Path.of(p).toAbsolutePath();
    }

    /** The verified MNIST folder of the build (system property {@code mnist.dir}). */
    public static Path mnistDir() {
        return Path.of(System.getProperty("mnist.dir", "data/mnist")).toAbsolutePath();
    }

    /** Starts {@code java -jar concrete-explorer.jar args} in {@code workDir}, with extra environment variables. */
    public static JarProcess start(Path workDir, Map<String, String> env, String... args) throws IOException {
        return start(workDir, e -> e.putAll(env), List.of(), args);
    }

    /** Starts {@code java -jar concrete-explorer.jar args} in {@code workDir}, its environment edited by {@code editEnv}. */
    public static JarProcess start(Path workDir, Consumer<Map<String, String>> editEnv, String... args) throws IOException {
        return start(workDir, editEnv, List.of(), args);
    }

    /**
     * The jar run without the launcher's relaunch (its native settings and JVM options already given), so the
     * process a test kills is the one that trains.
     */
    public static JarProcess startDirect(Path workDir, String... args) throws IOException {
        Map<String, String> env = new java.util.HashMap<>();
        env.put("OMP_NUM_THREADS", "1");
        String core = System.getenv("OPENBLAS_CORETYPE");
        if (core == null) {
            core = org.concretelab.platform.NativeEnvironment.coreType(org.concretelab.platform.NativeEnvironment.cpuFlags())
                    .orElse(null);
        }
        if (core != null) {
            env.put("OPENBLAS_CORETYPE", core);
        }
        // every JVM option the launcher would add (GC pause goal, the Vector API): so it does not relaunch
        return start(workDir, e -> e.putAll(env), org.concretelab.platform.NativeEnvironment.missingJvmOptions(List.of()), args);
    }

    /** Starts {@code java jvmOptions -jar concrete-explorer.jar args} in {@code workDir}, its environment edited. */
    public static JarProcess start(Path workDir, Consumer<Map<String, String>> editEnv, List<String> jvmOptions,
                                   String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar().toString());
        command.addAll(List.of(args));
        return startCommand(workDir, command, editEnv);
    }

    /** Starts {@code command} (e.g. the jar under {@code xvfb-run}) in {@code workDir}, its environment edited. */
    public static JarProcess startCommand(Path workDir, List<String> command, Consumer<Map<String, String>> editEnv)
            throws IOException {
        Path out = Files.createTempFile(workDir, "stdout", ".txt");
        Path err = Files.createTempFile(workDir, "stderr", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
        editEnv.accept(pb.environment());
        return new JarProcess(pb.start(), out, err);
    }

    public static JarProcess start(Path workDir, String... args) throws IOException {
        return start(workDir, Map.of(), args);
    }

    public Process process() {
        return process;
    }

    public long pid() {
        return process.pid();
    }

    /** Waits for the exit code; fails the test (IllegalStateException) when it takes longer than {@code limit}. */
    public int waitFor(Duration limit) throws InterruptedException {
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new IllegalStateException("process did not end within " + limit + "; stdout:\n" + stdout()
                    + "\nstderr:\n" + stderr());
        }
        return process.exitValue();
    }

    public String stdout() {
        return read(stdout);
    }

    public String stderr() {
        return read(stderr);
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "<unreadable: " + e + ">";
        }
    }

    /** Kills the process and everything it started (the launcher's relaunched child included). */
    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}

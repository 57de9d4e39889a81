package org.concretelab.spark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The processes an integration test starts, each logging into a file of its own, all ended (with whatever they
 * started) when the test is done: the ITs run the packaged jar and Spark's daemons as a user would.
 */
final class Processes implements AutoCloseable {
    static final Path SPARK_HOME = Path.of(System.getProperty("spark.home"));
    static final Path JAR = Path.of(System.getProperty("spark.jar"));
    static final Path MNIST = Path.of(System.getProperty("mnist.dir"));
    static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    private final Path dir;
    private final List<Process> started = new ArrayList<>();
    private final List<ProcessHandle> adopted = new ArrayList<>();

    Processes(Path dir) {
        this.dir = dir;
    }

    /** Starts {@code command} with Spark's environment (this Spark home, loopback only), logging to {@code name}.log. */
    Process start(String name, List<String> command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log(name).toFile());
        Map<String, String> env = pb.environment();
        env.put("SPARK_HOME", SPARK_HOME.toString());
        env.put("SPARK_SCALA_VERSION", "2.13"); // Spark's launcher asks a Spark home without build folders for it
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        env.put("SPARK_LOCAL_DIRS", Files.createDirectories(dir.resolve("spark-local")).toString());
        Process p = pb.start();
        started.add(p);
        return p;
    }

    /** A process the test did not start but must not leave behind (a training whose parent it killed). */
    void adopt(ProcessHandle p) {
        adopted.add(p);
    }

    Path log(String name) {
        return dir.resolve(name + ".log");
    }

    String read(String name) {
        try {
            return Files.readString(log(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** The sweep's own lines in {@code name}'s log (Spark's log lines left out), for the test report. */
    String sweepLines(String name) {
        return String.join("\n", read(name).lines().filter(l -> !l.matches("^\\d\\d[/:]\\d\\d[/:].*") && !l.startsWith("\t")).toList());
    }

    /** The first group of {@code pattern} once it shows up in {@code name}'s log. */
    String awaitLog(String name, Process p, String pattern, Duration timeout) throws InterruptedException {
        Pattern regex = Pattern.compile(pattern);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher m = regex.matcher(read(name));
            if (m.find()) {
                return m.groupCount() > 0 ? m.group(1) : m.group();
            }
            if (!p.isAlive()) {
                throw new AssertionError(name + " ended (exit " + p.exitValue() + ") before '" + pattern + "':\n" + read(name));
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no '" + pattern + "' in " + name + "'s log after " + timeout.toSeconds() + " s:\n" + read(name));
    }

    static void await(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout.toSeconds() + " s: " + what);
            }
            Thread.sleep(100);
        }
    }

    /** The process holding a run folder's lock (train writes "pid N" into it), if it is alive. */
    static Optional<ProcessHandle> lockHolder(Path runFolder) {
        try {
            String text = Files.readString(runFolder.resolve(".lock")).strip();
            return text.startsWith("pid ") ? ProcessHandle.of(Long.parseLong(text.substring(4).strip())) : Optional.empty();
        } catch (IOException | NumberFormatException none) {
            return Optional.empty();
        }
    }

    /** Kills what the test started, children first (executors, trainings), and waits for them. */
    @Override
    public void close() throws InterruptedException {
        adopted.forEach(ProcessHandle::destroyForcibly);
        for (int i = started.size() - 1; i >= 0; i--) {
            Process p = started.get(i);
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
    }
}

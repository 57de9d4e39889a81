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
        return start(name, command, true);
    }

    /**
     * Starts {@code command} with Spark's environment, logging to {@code name}.log; without {@code loopbackOnly} Spark
     * is not told to stay on loopback (SPARK_LOCAL_IP unset), as on a user's machine.
     */
    Process start(String name, List<String> command, boolean loopbackOnly) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log(name).toFile());
        Map<String, String> env = pb.environment();
        env.put("SPARK_HOME", SPARK_HOME.toString());
        env.put("SPARK_SCALA_VERSION", "2.13"); // Spark's launcher asks a Spark home without build folders for it
        if (loopbackOnly) {
            env.put("SPARK_LOCAL_IP", "127.0.0.1");
        } else {
            env.remove("SPARK_LOCAL_IP");
        }
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

    /**
     * The TCP sockets {@code p} and its descendants listen on, as "address:port" (IPv4 dotted, IPv6 as 32 hex digits):
     * /proc/PID/fd's socket inodes matched against /proc/PID/net/tcp and tcp6 in state LISTEN (0A). Reads only.
     */
    static List<String> listening(ProcessHandle p) {
        List<String> found = new ArrayList<>();
        java.util.stream.Stream.concat(java.util.stream.Stream.of(p), p.descendants()).forEach(h -> {
            Path proc = Path.of("/proc", Long.toString(h.pid()));
            java.util.Set<String> inodes = new java.util.HashSet<>();
            try (var fds = Files.list(proc.resolve("fd"))) {
                fds.forEach(fd -> {
                    try {
                        String link = Files.readSymbolicLink(fd).toString();
                        if (link.startsWith("socket:[")) {
                            inodes.add(link.substring(8, link.length() - 1));
                        }
                    } catch (IOException gone) {
                        // closed meanwhile
                    }
                });
                for (String table : List.of("tcp", "tcp6")) {
                    List<String> lines = Files.readAllLines(proc.resolve("net").resolve(table));
                    for (String line : lines.subList(1, lines.size())) {
                        String[] f = line.trim().split("\\s+");
                        if (f[3].equals("0A") && inodes.contains(f[9])) {
                            String[] local = f[1].split(":");
                            found.add(address(local[0]) + ":" + Integer.parseInt(local[1], 16));
                        }
                    }
                }
            } catch (IOException | RuntimeException gone) {
                // the process ended while being read
            }
        });
        return found;
    }

    /** /proc/net/tcp's little-endian hex IPv4 address as dotted decimal; an IPv6 one as it is. */
    private static String address(String hex) {
        if (hex.length() != 8) {
            return hex;
        }
        long a = Long.parseLong(hex, 16);
        return (a & 0xff) + "." + ((a >> 8) & 0xff) + "." + ((a >> 16) & 0xff) + "." + ((a >> 24) & 0xff);
    }

    /** A listening address of {@link #listening} that is loopback: 127.x, ::1 or an IPv4-mapped 127.x. */
    static boolean loopback(String address) {
        String host = address.substring(0, address.lastIndexOf(':'));
        return host.startsWith("127.") || host.equals("00000000000000000000000001000000")
                || host.startsWith("0000000000000000FFFF0000") && host.endsWith("7F");
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

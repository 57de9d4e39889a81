package org.concretelab.it;

import org.concretelab.train.Checkpoints;
import org.concretelab.train.TrainingCheckpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The launcher's relaunch of itself (see NativeEnvironment), as a user meets it: signals, exit codes, options. */
class LauncherIT {

    @TempDir
    Path tmp;

    /** The relaunch happens only when these are missing (and no relaunch marker is inherited). */
    private static void relaunching(Map<String, String> env) {
        List.of("OPENBLAS_CORETYPE", "OMP_NUM_THREADS", "CONCRETE_EXPLORER_NATIVE_ENV", "CONCRETE_EXPLORER_PARENT_PID",
                "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS").forEach(env::remove);
    }

    /** A run long enough (minutes) to still be training whenever the test acts. */
    private JarProcess startTraining(Path run) throws IOException {
        return JarProcess.start(tmp, LauncherIT::relaunching, "train", "--epochs", "50", "--train-limit", "2000",
                "--quiet", "--data", JarProcess.mnistDir().toString(), "--out", run.toString());
    }

    /** Waits until the launcher's child exists and has logged steps; returns the child (and anything it started). */
    private static List<ProcessHandle> awaitTraining(JarProcess launcher, Path csv) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (!launcher.process().isAlive()) {
                fail("the launcher ended early; stderr:\n" + launcher.stderr());
            }
            List<ProcessHandle> children = launcher.process().descendants().toList();
            if (!children.isEmpty() && steps(csv).size() >= 3) {
                return children;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("no training child with logged steps; stderr:\n" + launcher.stderr());
    }

    /** The data rows of training.csv (the header dropped, a half-written last line too). */
    private static List<String> steps(Path csv) {
        try {
            List<String> lines = Files.exists(csv) ? Files.readAllLines(csv) : List.of();
            return lines.stream().skip(1).filter(l -> l.split(",").length == 5).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static long lastStep(Path csv) {
        List<String> rows = steps(csv);
        return Long.parseLong(rows.get(rows.size() - 1).split(",")[0]);
    }

    private static void awaitEnd(List<ProcessHandle> processes, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline && processes.stream().anyMatch(ProcessHandle::isAlive)) {
            Thread.sleep(100);
        }
    }

    @Test
    void sigkillOfTheLauncherStopsTheTrainerGracefully() throws Exception {
        Path run = tmp.resolve("run x"); // a space: arguments reach the child intact
        Path csv = run.resolve("training.csv");
        JarProcess launcher = startTraining(run);
        List<ProcessHandle> children = List.of();
        try {
            children = awaitTraining(launcher, csv);
            launcher.process().destroyForcibly(); // SIGKILL to the launcher alone: no hook of its own runs
            awaitEnd(children, Duration.ofSeconds(20));
            for (ProcessHandle c : children) {
                assertFalse(c.isAlive(), "process " + c.pid() + " kept running after its launcher was killed");
            }
            int rows = steps(csv).size();
            Thread.sleep(1500);
            assertEquals(rows, steps(csv).size(), "training.csv still grows");
            // the child's shutdown hook stopped training and wrote the checkpoint where it stopped
            TrainingCheckpoint cp = Checkpoints.load(run.resolve("last.ckpt"));
            assertEquals(lastStep(csv), cp.step());
        } finally {
            children.forEach(ProcessHandle::destroyForcibly);
            launcher.close();
        }
    }

    @Test
    void sigtermOfTheLauncherWaitsForTheTrainersGracefulStopAndPassesOnItsExitCode() throws Exception {
        Path run = tmp.resolve("run");
        Path csv = run.resolve("training.csv");
        JarProcess launcher = startTraining(run);
        List<ProcessHandle> children = List.of();
        try {
            children = awaitTraining(launcher, csv);
            launcher.process().destroy(); // SIGTERM, as from kill or a service manager
            int rc = launcher.waitFor(Duration.ofSeconds(100));
            for (ProcessHandle c : children) {
                assertFalse(c.isAlive(), "the launcher exited while its child " + c.pid() + " still ran");
            }
            assertEquals(128 + 15, rc, "the child's exit code (ended by SIGTERM)");
            assertEquals(lastStep(csv), Checkpoints.load(run.resolve("last.ckpt")).step());
        } finally {
            children.forEach(ProcessHandle::destroyForcibly);
            launcher.close();
        }
    }

    @Test
    void passesOnTheChildsExitCodeAndArgumentsWithSpaces() throws Exception {
        String missing = tmp.resolve("no such dir").resolve("a b.ckpt").toString();
        try (JarProcess p = JarProcess.start(tmp, LauncherIT::relaunching, "eval", missing)) {
            assertEquals(1, p.waitFor(Duration.ofSeconds(60)), p.stderr());
            assertTrue(p.stderr().contains("checkpoint " + missing + " does not exist"), p.stderr());
        }
    }

    @Test
    void readsOptionVariablesOnce() throws Exception {
        List<String> variables = List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS");
        try (JarProcess p = JarProcess.start(tmp, env -> {
            relaunching(env);
            variables.forEach(v -> env.put(v, "-Dconcrete.probe=1"));
        }, "--version")) {
            assertEquals(0, p.waitFor(Duration.ofSeconds(60)), p.stderr());
            for (String v : variables) {
                String picked = "Picked up " + v + ":";
                assertEquals(1, p.stderr().split(picked, -1).length - 1, p.stderr()); // twice: the child read them again
            }
        }
    }

    @Test
    void aJvmUnderADebuggerIsNotRelaunched() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String jdwp = "-agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=127.0.0.1:" + port;
        try (JarProcess p = JarProcess.start(tmp, env -> {
            relaunching(env);
            env.put("JAVA_TOOL_OPTIONS", jdwp);
        }, "--version")) {
            // relaunched, the child would find the debug port taken by the launcher and fail to start
            assertEquals(0, p.waitFor(Duration.ofSeconds(60)), p.stderr());
            assertTrue(p.stdout().contains("concrete-explorer"), p.stdout());
        }
    }
}

package org.concretelab.platform;

import org.junit.jupiter.api.Test;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NativeEnvironmentTest {

    @Test
    void picksTheWidestKernelTheCpuSupports() {
        assertEquals(Optional.of("SkylakeX"), NativeEnvironment.coreType("fpu sse2 avx2 fma avx512f avx512bw avx512vl"));
        assertEquals(Optional.of("Haswell"), NativeEnvironment.coreType("fpu sse2 avx avx2 fma"));
        assertEquals(Optional.empty(), NativeEnvironment.coreType("fpu sse2 avx"));
        assertEquals(Optional.empty(), NativeEnvironment.coreType(""));
    }

    @Test
    void keepsWhatTheUserAlreadySet() {
        assertEquals(Map.of(), NativeEnvironment.missing(
                Map.of("OPENBLAS_CORETYPE", "Zen", "OMP_NUM_THREADS", "2"), "avx2 fma"));
        assertEquals(Map.of("OPENBLAS_CORETYPE", "Haswell", "OMP_NUM_THREADS", "1"),
                NativeEnvironment.missing(Map.of(), "avx2 fma"));
        assertEquals(Map.of("OMP_NUM_THREADS", "1"), NativeEnvironment.missing(Map.of(), "sse2"));
    }

    @Test
    void asksForShortGcPausesAndTheVectorApiUnlessTheUserChose() {
        assertEquals(List.of("-XX:MaxGCPauseMillis=20", "--add-modules=jdk.incubator.vector"),
                NativeEnvironment.missingJvmOptions(List.of("-Xmx4g")));
        assertEquals(List.of("--add-modules=jdk.incubator.vector"),
                NativeEnvironment.missingJvmOptions(List.of("-XX:MaxGCPauseMillis=5")));
        assertEquals(List.of(), NativeEnvironment.missingJvmOptions(
                List.of("-XX:MaxGCPauseMillis=5", "--add-modules=jdk.incubator.vector")));
    }

    @Test
    void theDesktopAppGetsItsMemoryOptionsUnlessTheUserChoseThem() {
        List<String> desktop = NativeEnvironment.missingJvmOptions(List.of(), true);
        assertTrue(desktop.containsAll(List.of("-Xmx1g", "-XX:G1PeriodicGCInterval=5000", "-XX:MaxHeapFreeRatio=30")), desktop.toString());
        List<String> chosen = NativeEnvironment.missingJvmOptions(List.of("-Xmx6g", "-XX:G1PeriodicGCInterval=0"), true);
        assertFalse(chosen.contains("-Xmx1g") || chosen.contains("-XX:G1PeriodicGCInterval=5000"), chosen.toString());
        assertTrue(chosen.contains("-XX:MinHeapFreeRatio=10"), chosen.toString());
        assertFalse(NativeEnvironment.missingJvmOptions(List.of(), false).contains("-Xmx1g"), "the command line keeps the JVM's heap");
    }

    @Test
    void aDebuggedJvmIsNotRelaunched() {
        assertTrue(NativeEnvironment.debugged(List.of("-Xmx1g", "-agentlib:jdwp=transport=dt_socket,server=y,address=5005")));
        assertTrue(NativeEnvironment.debugged(List.of("-Xrunjdwp:transport=dt_socket")));
        assertFalse(NativeEnvironment.debugged(List.of("-Xmx1g", "-javaagent:x.jar")));
    }

    @Test
    void relaunchesOnlyAMainClassTheClassPathHolds() throws Exception {
        assertTrue(NativeEnvironment.onClassPath(NativeEnvironment.class));
        // as under mvn exec:java: loaded by a class loader of the host, not from java.class.path
        URL classes = NativeEnvironment.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader host = new URLClassLoader(new URL[] {classes}, null)) {
            Class<?> loaded = host.loadClass(NativeEnvironment.class.getName());
            assertFalse(NativeEnvironment.onClassPath(loaded));
        }
    }

    @Test
    void watchesOnlyTheRealParent() {
        // a stale or inherited PID must not end this process when that PID's owner exits
        long parent = ProcessHandle.current().parent().orElseThrow().pid();
        for (String pid : new String[] {null, "", "x", "99999999", Long.toString(ProcessHandle.current().pid()),
                parent == 1 ? "2" : "1"}) { // the last: alive, but not our parent
            NativeEnvironment.watchParent(pid);
        }
        assertFalse(Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("launcher-watch")));
    }

    @Test
    void relaunchesTheJvmWithItsOptionsClassPathAndMainClass() {
        assertEquals(Optional.of(List.of("/usr/lib/jvm/java-17/bin/java", "-XX:MaxGCPauseMillis=20", "-Xmx4g",
                        "-cp", "a.jar:lib/b.jar", "org.concretelab.Main", "train", "--epochs", "1")),
                NativeEnvironment.relaunchCommand(Optional.empty(), Optional.of("/usr/lib/jvm/java-17/bin/java"),
                        List.of("-XX:MaxGCPauseMillis=20"), List.of("-Xmx4g"), "a.jar:lib/b.jar",
                        "org.concretelab.Main", List.of("train", "--epochs", "1")));
    }

    @Test
    void relaunchesAJpackageLauncherAsItselfWithOnlyTheProgramArguments() {
        // the image's runtime has no bin/java; the launcher brings its own class path and JVM options
        assertEquals(Optional.of(List.of("/opt/concrete-explorer/bin/concrete-explorer", "data", "--dir", "/tmp/m")),
                NativeEnvironment.relaunchCommand(Optional.of("/opt/concrete-explorer/bin/concrete-explorer"),
                        Optional.of("/opt/concrete-explorer/bin/concrete-explorer"), List.of(),
                        List.of("-XX:MaxGCPauseMillis=20", "-Djpackage.app-path=/opt/concrete-explorer/bin/concrete-explorer"),
                        "/opt/concrete-explorer/lib/app/concrete-explorer.jar", "org.concretelab.Main",
                        List.of("data", "--dir", "/tmp/m")));
        assertEquals(Optional.of(List.of("/opt/concrete-explorer/bin/concrete-explorer")),
                NativeEnvironment.relaunchCommand(Optional.of("/opt/concrete-explorer/bin/concrete-explorer"),
                        Optional.empty(), List.of(), List.of(), "", "org.concretelab.Main", List.of()));
    }

    @Test
    void doesNotRelaunchWhenTheRunningCommandIsUnknown() {
        assertEquals(Optional.empty(), NativeEnvironment.relaunchCommand(Optional.empty(), Optional.empty(),
                List.of(), List.of(), "a.jar", "org.concretelab.Main", List.of("data")));
    }

    @Test
    void aSweepsChildRunsOnOneThreadWithoutRelaunchingAndWatchesThisProcess() {
        Map<String, String> env = NativeEnvironment.childEnvironment();
        assertEquals("1", env.get("OMP_NUM_THREADS"), "one core per job, whatever this process has");
        assertEquals("1", env.get(NativeEnvironment.MARKER), "the child must not relaunch: it would watch itself");
        assertEquals(Long.toString(ProcessHandle.current().pid()), env.get(NativeEnvironment.PARENT_PID));
    }
}

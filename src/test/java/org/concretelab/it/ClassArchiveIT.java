package org.concretelab.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.concretelab.platform.ClassArchive;
import org.concretelab.platform.NativeEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The start-up class archive with real JVMs: the app's first launch writes it, the next one maps it; and the check
 * that stands between a dump and the archive refuses a damaged one (a truncated dynamic archive killed the JVM that
 * mapped it with SIGBUS; the static kind the app writes the JVM refuses) and what is no archive at all.
 */
class ClassArchiveIT {
    @TempDir
    Path tmp;

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static final List<String> OPTIONS = List.of("--add-modules=jdk.incubator.vector");
    private static final Map<String, String> NO_RELAUNCH = Map.of("CONCRETE_EXPLORER_NATIVE_ENV", "1", "OMP_NUM_THREADS", "1");

    /** An archive of the classes of {@code concrete-explorer --version}, made as the writer makes the app's. */
    private static void dump(Path dump) throws Exception {
        Path list = dump.resolveSibling("classes.lst");
        List<String> listing = new ArrayList<>(List.of(java()));
        listing.addAll(OPTIONS);
        listing.addAll(List.of("-XX:DumpLoadedClassList=" + list, "-cp", JarProcess.jar().toString(), "org.concretelab.Main",
                "--version"));
        run(listing);
        List<String> dumping = new ArrayList<>(List.of(java()));
        dumping.addAll(OPTIONS);
        dumping.addAll(List.of("-Xlog:cds=off", "-Xshare:dump", "-XX:SharedClassListFile=" + list,
                "-XX:SharedArchiveFile=" + dump, "-cp", JarProcess.jar().toString()));
        run(dumping);
        assertTrue(Files.size(dump) > 1_000_000, "an archive of the classes");
    }

    private static void run(List<String> command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(NO_RELAUNCH);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
    }

    private static boolean check(Path candidate) {
        return ClassArchive.mapsCleanly(java(), OPTIONS, JarProcess.jar().toString(), "org.concretelab.Main", candidate,
                NO_RELAUNCH);
    }

    /** The exit code of a JVM started (in tmp, so its hs_err file lands there) with {@code archive} mapped, sharing on. */
    private int mapping(Path archive) throws Exception {
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(OPTIONS);
        command.addAll(List.of("-Xlog:cds=off", "-Xshare:on", "-XX:SharedArchiveFile=" + archive, "-cp",
                JarProcess.jar().toString(), "org.concretelab.Main", "--version"));
        ProcessBuilder pb = new ProcessBuilder(command).directory(tmp.toFile()).redirectErrorStream(true);
        pb.environment().putAll(NO_RELAUNCH);
        Process p = pb.start();
        p.getInputStream().readAllBytes();
        return p.waitFor();
    }

    private static List<Path> errorFiles() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("."))) {
            return s.filter(f -> f.getFileName().toString().startsWith("hs_err_pid")).sorted().toList();
        }
    }

    @Test
    void onlyAnArchiveTheJvmCanMapPassesTheCheck() throws Exception {
        List<Path> errorFilesBefore = errorFiles();
        Path good = tmp.resolve("good.jsa");
        dump(good);
        assertTrue(check(good), "the dump as written");

        Path truncated = tmp.resolve("truncated.jsa");
        Files.write(truncated, java.util.Arrays.copyOf(Files.readAllBytes(good), 20_000));
        assertEquals(1, mapping(truncated), "the JVM refuses a truncated static archive when sharing is required");
        assertFalse(check(truncated), "and so does the check (its header intact)");

        Path noise = tmp.resolve("noise.jsa");
        byte[] bytes = new byte[200_000];
        new Random(3).nextBytes(bytes);
        Files.write(noise, bytes);
        assertFalse(check(noise), "random bytes");
        assertEquals(errorFilesBefore, errorFiles(), "the crashed check left no error file in its working folder");
    }

    /** The app under a virtual display (xvfb-run, installed by .ci/run), told to close after its first frame. */
    private JarProcess launchApp(Path cache, Path logs) throws IOException {
        Files.createDirectories(logs);
        List<String> command = new ArrayList<>(List.of("xvfb-run", "-a", java(),
                "-Xlog:class+load=info:file=" + logs.resolve("classes-%p.log"),
                "-Dconcrete.startup.report=true", "-Dconcrete.startup.exit=true",
                "-Djava.util.prefs.userRoot=" + tmp.resolve("prefs"), "-jar", JarProcess.jar().toString()));
        return JarProcess.startCommand(tmp, command, env -> {
            env.put("XDG_CACHE_HOME", cache.toString());
            List.of("OPENBLAS_CORETYPE", "OMP_NUM_THREADS", "CONCRETE_EXPLORER_NATIVE_ENV", "CONCRETE_EXPLORER_PARENT_PID",
                    "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS").forEach(env::remove);
        });
    }

    /** Where {@code className} was loaded from, in each JVM's class log (the launcher's and the app's) that loaded it. */
    private static List<String> sourcesOf(String className, Path logs) throws IOException {
        List<String> sources = new ArrayList<>();
        for (Path log : files(logs)) {
            for (String line : Files.readAllLines(log)) {
                if (line.contains(" " + className + " source: ")) {
                    String source = line.substring(line.indexOf("source: "));
                    sources.add(source.startsWith("source: jar") || source.startsWith("source: file") ? "source: jar" : source);
                }
            }
        }
        return sources;
    }

    /** Waits (up to 3 minutes) until {@code dir} holds the archive and nothing else: no list, no dump. */
    private static List<Path> awaitOnlyArchive(Path dir) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        List<Path> now = files(dir);
        while (System.nanoTime() < deadline) {
            now = files(dir);
            if (now.size() == 1 && now.get(0).getFileName().toString().endsWith(".jsa")) {
                return now;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no archive alone in " + dir + ": " + now);
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    @Test
    void theFirstLaunchWritesTheArchiveAndTheNextMapsIt() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/xvfb-run")), "needs xvfb-run (.ci/run installs it)");
        Path cache = tmp.resolve("cache");
        Path first = tmp.resolve("first");
        try (JarProcess app = launchApp(cache, first)) {
            assertEquals(0, app.waitFor(Duration.ofSeconds(180)), app.stderr());
            assertTrue(app.stdout().contains("startup: usable window"), app.stdout());
        }
        Path dir = cache.resolve("concrete-explorer/cds");
        List<Path> written = awaitOnlyArchive(dir); // written in the background after the app closed

        Path second = tmp.resolve("second");
        try (JarProcess app = launchApp(cache, second)) {
            assertEquals(0, app.waitFor(Duration.ofSeconds(180)), app.stderr());
            assertFalse(app.stderr().contains("cds"), "no archive diagnostics on the console: " + app.stderr());
        }
        List<String> before = sourcesOf("org.concretelab.ui.ExplorerApp", first); // the app's JVM, and the writer's dump
        assertTrue(!before.isEmpty() && before.stream().allMatch("source: jar"::equals), "read from the jar at first: " + before);
        assertEquals(List.of("source: shared objects file"), sourcesOf("org.concretelab.ui.ExplorerApp", second),
                "mapped from the archive next time");
        assertEquals(List.of("source: shared objects file"), sourcesOf("javafx.scene.control.TabPane", second));
        assertEquals(written, files(dir), "the archive is kept as it is");
    }
}

package org.concretelab.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The start-up class archive's bookkeeping: where it lives, what makes a new one, when a dump becomes it. */
class ClassArchiveTest {
    @TempDir
    Path tmp;

    private Path jarListing(String... libs) throws IOException {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", libs));
        Path jar = tmp.resolve("app.jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, m)) {
            j.flush();
        }
        Files.createDirectories(tmp.resolve("lib"));
        for (String lib : libs) {
            Files.writeString(tmp.resolve(lib), lib);
        }
        return jar;
    }

    private ClassArchive archive(Path jar) {
        return ClassArchive.forLaunch(Map.of("XDG_CACHE_HOME", tmp.resolve("cache").toString()), "/nonexistent",
                "/jdk", "17.0.15", List.of("-Xmx1g", "--add-modules=jdk.incubator.vector"), jar.toString(), 42).orElseThrow();
    }

    @Test
    void itLivesInTheUsersCacheFolder() {
        assertEquals(Path.of("/x/concrete-explorer/cds"), ClassArchive.cacheDir(Map.of("XDG_CACHE_HOME", "/x"), "/home/u"));
        assertEquals(Path.of("/home/u/.cache/concrete-explorer/cds"), ClassArchive.cacheDir(Map.of(), "/home/u"));
        assertEquals(Path.of("/home/u/.cache/concrete-explorer/cds"),
                ClassArchive.cacheDir(Map.of("XDG_CACHE_HOME", "relative"), "/home/u"), "the spec ignores a relative path");
    }

    @Test
    void aRebuiltJarALibraryOrAnotherJavaMakesAnotherArchive() throws IOException {
        Path jar = jarListing("lib/a.jar", "lib/b.jar");
        List<Path> jars = ClassArchive.classPathJars(jar.toString());
        assertEquals(List.of(jar, tmp.resolve("lib/a.jar"), tmp.resolve("lib/b.jar")), jars, "the libraries beside it count");
        List<String> options = List.of("-Xmx1g");
        String key = ClassArchive.key("/jdk", "17.0.15", options, jars);
        assertEquals(key, ClassArchive.key("/jdk", "17.0.15", List.of("-Xmx1g", "-Djava.util.prefs.userRoot=/p",
                "-Xlog:class+load=info:file=/tmp/x.log"), jars), "system properties and logging do not change the classes");
        assertNotEquals(key, ClassArchive.key("/jdk", "17.0.16", options, jars), "an updated JDK");
        assertNotEquals(key, ClassArchive.key("/jdk", "17.0.15", List.of("-Xmx2g"), jars), "other JVM options");
        Files.setLastModifiedTime(tmp.resolve("lib/b.jar"), FileTime.from(Instant.now().plusSeconds(60)));
        assertNotEquals(key, ClassArchive.key("/jdk", "17.0.15", options, jars), "a library rebuilt");
    }

    @Test
    void theFirstLaunchListsItsClassesAndLaterOnesMapTheArchive() throws IOException {
        Path jar = jarListing("lib/a.jar");
        ClassArchive a = archive(jar);
        assertFalse(a.mapped());
        assertEquals(List.of("-XX:DumpLoadedClassList=" + a.classList()), a.jvmOptions());
        Files.writeString(a.archive(), "classes");
        assertFalse(a.mapped(), "a launch keeps what it was prepared with");
        ClassArchive next = archive(jar);
        assertTrue(next.mapped());
        assertEquals(List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off", "-XX:SharedArchiveFile=" + a.archive(),
                "-Dconcrete.classArchive=" + a.archive()), next.jvmOptions());
    }

    @Test
    void aClassPathWithAFolderHasNoArchive() throws IOException {
        Path jar = jarListing("lib/a.jar");
        Files.createDirectories(tmp.resolve("classes"));
        assertTrue(ClassArchive.onlyJars(jar.toString()));
        assertFalse(ClassArchive.onlyJars(tmp.resolve("classes") + java.io.File.pathSeparator + jar));
        assertFalse(ClassArchive.onlyJars(tmp.resolve("missing.jar").toString()));
        assertTrue(ClassArchive.forLaunch(Map.of("XDG_CACHE_HOME", tmp.resolve("cache").toString()), "/nonexistent", "/jdk",
                "17.0.15", List.of(), tmp.resolve("classes").toString(), 42).isEmpty(), "an IDE's target/classes");
    }

    @Test
    void anArchiveTheJvmSkippedIsDeletedByTheAppsJvm() throws IOException {
        Path archive = Files.writeString(tmp.resolve("app-1.jsa"), "stale");
        ClassArchive.dropIfNotShared(archive.toString(), "mixed mode, sharing");
        assertTrue(Files.exists(archive), "mapped: kept");
        ClassArchive.dropIfNotShared(null, "mixed mode");
        assertTrue(Files.exists(archive), "a launch without one");
        ClassArchive.dropIfNotShared(archive.toString(), "mixed mode");
        assertFalse(Files.exists(archive), "given but not mapped (and the JDK's own archive lost with it): deleted");
    }

    @Test
    void aCleanFirstLaunchHandsItsListToTheWriterAndAFailedOneDropsIt() throws IOException {
        Path jar = jarListing("lib/a.jar");
        ClassArchive a = archive(jar);
        List<List<String>> started = new java.util.ArrayList<>();
        Files.writeString(a.classList(), "java/lang/Object id: 0");
        a.launchEnded(1, "/jdk/bin/java", List.of("-Xmx1g"), jar.toString(), started::add);
        assertTrue(started.isEmpty());
        assertFalse(Files.exists(a.classList()), "a failed launch's list is deleted");

        Files.writeString(a.classList(), "java/lang/Object id: 0");
        a.launchEnded(0, "/jdk/bin/java", List.of("-Xmx1g"), jar.toString(), started::add);
        assertEquals(List.of(List.of("/jdk/bin/java", "-cp", jar.toString(), ClassArchiveWriter.class.getName(),
                "/jdk/bin/java", jar.toString(), a.archive().toString(), a.classList().toString(), a.dump().toString(),
                "-Xmx1g")), started);
        assertEquals(List.of("/jdk/bin/java", "-Xmx1g", "-Xlog:cds=off", "-Xlog:cds+dynamic=off", "-XX:ErrorFile=/dev/null",
                "-Xshare:dump",
                "-XX:SharedClassListFile=" + a.classList(), "-XX:SharedArchiveFile=" + a.dump(), "-cp", jar.toString()),
                a.dumpCommand("/jdk/bin/java", List.of("-Xmx1g"), jar.toString()));
    }

    @Test
    void aDumpBecomesTheArchiveOnlyAfterACleanEndAndACheckedMapping() throws IOException {
        Path jar = jarListing("lib/a.jar");
        ClassArchive a = archive(jar);
        Files.writeString(a.dump(), "dumped");
        a.promote(1, p -> true);
        assertFalse(Files.exists(a.dump()) || Files.exists(a.archive()), "a failed dump is thrown away");

        Files.writeString(a.dump(), "dumped");
        a.promote(0, p -> false);
        assertFalse(Files.exists(a.dump()) || Files.exists(a.archive()), "a dump the JVM cannot map is thrown away");

        Files.writeString(a.dump(), "");
        a.promote(0, p -> true);
        assertFalse(Files.exists(a.dump()) || Files.exists(a.archive()), "an empty dump is thrown away");

        Path dir = a.archive().getParent();
        Path oldBuild = Files.writeString(dir.resolve("app-0123456789abcd.jsa"), "old");
        Path killedLongAgo = Files.writeString(dir.resolve("app-0123456789abcd.7.dump"), "half");
        Files.setLastModifiedTime(killedLongAgo, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        Path runningNow = Files.writeString(dir.resolve("app-0123456789abcd.8.dump"), "being written");
        Files.writeString(a.dump(), "dumped");
        a.promote(0, p -> p.equals(a.dump()));
        assertTrue(Files.exists(a.archive()));
        assertEquals("dumped", Files.readString(a.archive()));
        assertFalse(Files.exists(a.dump()));
        assertFalse(Files.exists(oldBuild), "another build's archive is removed");
        assertFalse(Files.exists(killedLongAgo), "a killed launch's stale dump is removed");
        assertTrue(Files.exists(runningNow), "another launch's fresh dump is left to it");
    }

    @Test
    void anEarlyCrashWithTheArchiveMappedDeletesIt() throws IOException {
        ClassArchive a = archive(jarListing("lib/a.jar"));
        Files.writeString(a.archive(), "classes");
        assertFalse(a.crashedEarly(1, Duration.ofSeconds(2)), "an error exit is no crash");
        assertFalse(a.crashedEarly(130, Duration.ofSeconds(2)), "Ctrl+C while starting is no crash");
        assertFalse(a.crashedEarly(143, Duration.ofSeconds(2)), "SIGTERM (a logout) is no crash");
        assertFalse(a.crashedEarly(134, Duration.ofMinutes(5)), "a crash long after start-up is not the archive's");
        assertTrue(Files.exists(a.archive()));
        assertTrue(a.crashedEarly(135, Duration.ofSeconds(2)), "SIGBUS while starting (a damaged archive's way to die)");
        assertFalse(Files.exists(a.archive()));
        Files.writeString(a.archive(), "classes");
        assertTrue(a.crashedEarly(134, Duration.ofSeconds(2)), "SIGABRT: the JVM's fatal error");
    }

    @Test
    void theUsersOwnSharingOptionsWin() {
        assertTrue(NativeEnvironment.choosesSharing(List.of("-Xshare:off")));
        assertTrue(NativeEnvironment.choosesSharing(List.of("-XX:SharedArchiveFile=/a.jsa")));
        assertFalse(NativeEnvironment.choosesSharing(List.of("-Xmx1g")));
    }
}

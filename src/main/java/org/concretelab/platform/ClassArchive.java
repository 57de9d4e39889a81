package org.concretelab.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The app's class-data-sharing archive (AppCDS): the ~6,900 classes a launch of the window loads (the JDK's among
 * them), mapped by every launch after the first ({@code -XX:SharedArchiveFile}) instead of being read from the jars and
 * verified again: the window opens ~1 s sooner (issue 30; docs/performance.md).
 *
 * <p>The first launch only lists the classes it loads ({@code -XX:DumpLoadedClassList}, which costs it nothing
 * measurable); when it has ended cleanly, the launcher starts {@link ClassArchiveWriter} in the background, which dumps
 * the archive from that list ({@code -Xshare:dump}, ~6 s of one core) after the window is gone. (The JVM's own
 * {@code -XX:ArchiveClassesAtExit} would do it in one step but made that first launch 1.4 s slower and its exit
 * seconds long.)
 *
 * <p>One archive per build and Java runtime: its name is a hash of the runtime (its home, version and class image),
 * the JVM options (but system properties and logging) and every jar of the class path (path, size, modification
 * time), so a rebuilt jar or an updated JDK makes a new one (and the old ones are deleted). Only a class path of jar
 * files has one (the JVM will not dump classes from folders). The JVM checks the archive itself too and skips one that
 * does not match, silently ({@code -Xshare:auto}, its CDS log off) — and with it the JDK's own archive, so the app's
 * JVM deletes an archive it was given but could not map ({@link #dropIfNotShared}). A damaged archive it might not
 * survive (a truncated dynamic archive killed it with SIGBUS; the static kind written here it refuses), so a dump
 * becomes the archive only once a JVM has mapped it ({@link #promote}); and a launch that crashes within
 * {@link #EARLY_CRASH} with the archive mapped deletes it ({@link #crashedEarly}).
 */
public final class ClassArchive {
    /** The system property that names the archive a launch maps, for {@link #dropIfNotShared} in the app's JVM. */
    static final String MAPPED_PROPERTY = "concrete.classArchive";
    /** JVM options that keep the archive's diagnostics (a mismatch, classes it skips when dumping) off the console. */
    static final List<String> QUIET = List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off");
    /** A child that crashed this soon after it started with the archive mapped may have been crashed by it. */
    static final Duration EARLY_CRASH = Duration.ofSeconds(30);
    /** A leftover list or dump of a launch or writer that was killed is removed after this long. */
    static final Duration STALE_DUMP = Duration.ofHours(1);
    private static final String PREFIX = "app-";
    private static final String SUFFIX = ".jsa";

    /** Exit codes of a JVM killed by a fatal signal of its own (SIGILL, SIGABRT — a fatal error —, SIGBUS, SIGFPE, SIGSEGV). */
    private static final java.util.Set<Integer> CRASH_CODES = java.util.Set.of(128 + 4, 128 + 6, 128 + 7, 128 + 8, 128 + 11);

    private final Path dir;
    private final Path archive;
    private final Path classList;
    private final Path dump;
    /** Whether the archive existed when this launch was prepared (read once: options and judgement agree). */
    private final boolean mapped;

    private ClassArchive(Path dir, String key, long pid) {
        this(dir, dir.resolve(PREFIX + key + SUFFIX), dir.resolve(PREFIX + key + "." + pid + ".classes"),
                dir.resolve(PREFIX + key + "." + pid + ".dump"));
    }

    /** The archive at {@code archive}, its launch's class list and the writer's dump (for {@link ClassArchiveWriter}). */
    ClassArchive(Path dir, Path archive, Path classList, Path dump) {
        this.dir = dir;
        this.archive = archive;
        this.classList = classList;
        this.dump = dump;
        this.mapped = Files.isRegularFile(archive);
    }

    /**
     * The archive of a launch with these JVM options and class path, in the user's cache folder; empty when the folder
     * cannot be made or the class path not read (the launch runs as before, without one).
     */
    public static Optional<ClassArchive> forLaunch(Map<String, String> env, String userHome, String javaHome,
            String javaVersion, List<String> jvmOptions, String classPath, long pid) {
        try {
            if (!onlyJars(classPath)) {
                return Optional.empty(); // -Xshare:dump refuses classes from folders (an IDE's target/classes)
            }
            Path dir = cacheDir(env, userHome);
            Files.createDirectories(dir);
            List<Path> jars = classPathJars(classPath);
            jars.add(Path.of(javaHome, "lib", "modules")); // the JDK's classes: an update in place keeps its version
            ClassArchive a = new ClassArchive(dir, key(javaHome, javaVersion, jvmOptions, jars), pid);
            a.removeStale();
            return Optional.of(a);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Whether every class path entry is a jar file. */
    static boolean onlyJars(String classPath) {
        for (String entry : classPath.split(java.io.File.pathSeparator)) {
            if (entry.isEmpty() || !entry.endsWith(".jar") || !new java.io.File(entry).isFile()) {
                return false;
            }
        }
        return true;
    }

    /** {@code $XDG_CACHE_HOME/concrete-explorer/cds}, or {@code ~/.cache/concrete-explorer/cds}. */
    static Path cacheDir(Map<String, String> env, String userHome) {
        String xdg = env.get("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg) : Path.of(userHome, ".cache");
        return base.resolve("concrete-explorer").resolve("cds");
    }

    /**
     * The jars the JVM may read classes from: the class path's entries and the jars of the {@code lib} folder beside
     * each (where the build puts those its manifest's {@code Class-Path} names). A listing rather than the manifest:
     * opening the 8 MB jar again cost the cold launcher JVM 12-24 ms.
     */
    static List<Path> classPathJars(String classPath) {
        List<Path> jars = new ArrayList<>();
        for (String entry : classPath.split(java.io.File.pathSeparator)) {
            if (entry.isEmpty()) {
                continue;
            }
            Path jar = Path.of(entry);
            jars.add(jar);
            Path parent = jar.toAbsolutePath().getParent();
            java.io.File[] libs = parent == null ? null : parent.resolve("lib").toFile()
                    .listFiles((d, name) -> name.endsWith(".jar"));
            if (libs != null) {
                java.util.Arrays.sort(libs);
                for (java.io.File lib : libs) {
                    jars.add(lib.toPath());
                }
            }
        }
        return jars;
    }

    /**
     * A hash of what the archive depends on: a change to any of these makes another archive. CRC-32 and the string's
     * own hash, 64 bits: a cache key, not a signature (the JVM checks the class path again), and cheap in the cold
     * launcher JVM, where loading a message digest's provider alone took ~30 ms.
     */
    static String key(String javaHome, String javaVersion, List<String> jvmOptions, List<Path> jars) {
        StringBuilder what = new StringBuilder(javaHome).append('\n').append(javaVersion).append('\n');
        // properties and logging leave the classes as they are (a test's class log must not make a new archive)
        jvmOptions.stream().filter(o -> !o.startsWith("-D") && !o.startsWith("-Xlog"))
                .forEach(o -> what.append(o).append('\n'));
        for (Path jar : jars) {
            java.io.File f = jar.toFile(); // java.io's stat: already loaded, unlike NIO's attribute views
            what.append(jar).append('\t').append(f.length()).append('\t').append(f.lastModified()).append('\n');
        }
        String text = what.toString();
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(text.getBytes(StandardCharsets.UTF_8));
        return Long.toHexString(crc.getValue() << 32 | (text.hashCode() & 0xffffffffL));
    }

    /** The JVM options that map the archive, or, when there is none yet, that list the classes the launch loads. */
    public List<String> jvmOptions() {
        if (!mapped()) {
            return List.of("-XX:DumpLoadedClassList=" + classList);
        }
        List<String> options = new ArrayList<>(QUIET);
        options.add("-XX:SharedArchiveFile=" + archive);
        options.add("-D" + MAPPED_PROPERTY + "=" + archive);
        return options;
    }

    /** Whether this launch maps the archive (it existed when the launch was prepared) rather than lists its classes. */
    public boolean mapped() {
        return mapped;
    }

    Path archive() {
        return archive;
    }

    Path dump() {
        return dump;
    }

    Path classList() {
        return classList;
    }

    /**
     * After a launch that listed its classes: when it ended cleanly, {@code startWriter} is given the command of a
     * {@link ClassArchiveWriter} that makes the archive from the list (started in the background: the user's shell
     * does not wait for it); otherwise the list is deleted. Never throws.
     */
    public void launchEnded(int exitCode, String java, List<String> jvmOptions, String classPath,
            java.util.function.Consumer<List<String>> startWriter) {
        try {
            if (exitCode == 0 && Files.isRegularFile(classList) && Files.size(classList) > 0) {
                List<String> command = new ArrayList<>(List.of(java, "-cp", classPath, ClassArchiveWriter.class.getName(),
                        java, classPath, archive.toString(), classList.toString(), dump.toString()));
                command.addAll(jvmOptions);
                startWriter.accept(command);
            } else {
                Files.deleteIfExists(classList);
            }
        } catch (IOException | RuntimeException e) {
            // the next launch lists its classes again
        }
    }

    /** The command that dumps the archive from the class list into the dump file ({@code -Xshare:dump}). */
    List<String> dumpCommand(String java, List<String> jvmOptions, String classPath) {
        List<String> command = helperJvm(java, jvmOptions);
        command.addAll(List.of("-Xshare:dump", "-XX:SharedClassListFile=" + classList, "-XX:SharedArchiveFile=" + dump,
                "-cp", classPath));
        return command;
    }

    /**
     * The start of the command of a JVM that works on an archive (the dump, the check): the app's options, the archive's
     * diagnostics off, and no hs_err file — it runs in the user's folder, and a damaged archive may crash it.
     */
    private static List<String> helperJvm(String java, List<String> jvmOptions) {
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(jvmOptions);
        command.addAll(QUIET);
        command.add("-XX:ErrorFile=/dev/null");
        return command;
    }

    /**
     * After the dump ({@link ClassArchiveWriter}): it becomes the archive when the dump ended cleanly and {@code check}
     * (a JVM started with the dump mapped, {@link #mapsCleanly}) accepts it; otherwise it is deleted. Old archives and
     * stale lists and dumps go too. Never throws: the archive only saves time.
     */
    public void promote(int exitCode, java.util.function.Predicate<Path> check) {
        try {
            if (Files.isRegularFile(dump)) {
                if (exitCode == 0 && Files.size(dump) > 0 && check.test(dump)) {
                    try (var channel = java.nio.channels.FileChannel.open(dump)) {
                        channel.force(true); // on disk before its name is: a power cut leaves no empty archive
                    }
                    Files.move(dump, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    removeOthers();
                } else {
                    Files.deleteIfExists(dump);
                }
            }
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(dump);
            } catch (IOException ignored) {
                // a dump left behind is removed as stale by a later launch
            }
        }
    }

    /**
     * A launch that mapped the archive ended with a crash ({@code exitCode} 128 + a fatal signal's number) within
     * {@link #EARLY_CRASH} of its start: the archive is deleted, in case it was the cause. Returns whether it was.
     */
    public boolean crashedEarly(int exitCode, Duration lived) {
        if (!CRASH_CODES.contains(exitCode) || lived.compareTo(EARLY_CRASH) > 0) { // Ctrl+C (130), SIGTERM (143): no crash
            return false;
        }
        try {
            return Files.deleteIfExists(archive);
        } catch (IOException e) {
            return false;
        }
    }

    /** Archives of other builds or runtimes, and stale lists and dumps. */
    private void removeOthers() throws IOException {
        remove(true);
    }

    /** Lists and dumps left more than an hour ago by launches or writers that were killed (each launch sweeps). */
    private void removeStale() throws IOException {
        remove(false);
    }

    private void remove(boolean otherArchives) throws IOException {
        Instant stale = Instant.now().minus(STALE_DUMP);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, PREFIX + "*")) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                boolean otherArchive = otherArchives && name.endsWith(SUFFIX) && !f.equals(archive);
                boolean staleDump = (name.endsWith(".dump") || name.endsWith(".classes"))
                        && Files.getLastModifiedTime(f).toInstant().isBefore(stale);
                if (otherArchive || staleDump) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    /**
     * In the app's JVM: when it was started with this launcher's archive ({@code archive}, the {@link #MAPPED_PROPERTY}
     * its launcher set) and yet shares no classes ({@code java.vm.info} lacks "sharing": the JVM skipped the archive,
     * and the JDK's own with it), deletes it, so that the next launch makes a new one instead of starting slower than
     * without. A system property, not the JVM's input arguments: reading those loads the management classes (tens of ms).
     */
    static void dropIfNotShared(String archive, String vmInfo) {
        if (archive == null || vmInfo.contains("sharing")) {
            return;
        }
        try {
            Files.deleteIfExists(Path.of(archive));
        } catch (IOException | RuntimeException e) {
            // the next launch tries again
        }
    }

    /**
     * The check {@link #promote} runs: {@code java} with the archive mapped and sharing required ({@code -Xshare:on}:
     * a mismatch or a damaged file fails instead of being skipped), the same options and class path, printing the
     * program's version. True when it printed it and exited 0 within 30 s.
     */
    public static boolean mapsCleanly(String java, List<String> jvmOptions, String classPath, String mainClass, Path candidate,
            Map<String, String> env) {
        List<String> command = helperJvm(java, jvmOptions);
        command.add("-Xshare:on");
        command.add("-XX:SharedArchiveFile=" + candidate);
        command.addAll(List.of("-cp", classPath, mainClass, "--version"));
        Path out = null;
        try {
            out = Files.createTempFile(candidate.toAbsolutePath().getParent(), "check", ".out");
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
            pb.environment().putAll(env);
            Process p = pb.start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0 && Files.readString(out, StandardCharsets.UTF_8).contains("concrete-explorer");
        } catch (IOException | RuntimeException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            if (out != null) {
                try {
                    Files.deleteIfExists(out);
                } catch (IOException ignored) {
                    // a temporary file in the cache folder
                }
            }
        }
    }
}

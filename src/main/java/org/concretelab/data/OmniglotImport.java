package org.concretelab.data;

import java.io.DataOutputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.types.MatFile;
import us.hebi.matlab.mat.types.Matrix;

/**
 * Converts Burda et al.'s {@code chardata.mat} into the four IDX files of {@link Datasets#OMNIGLOT}, read with MFL
 * (us.hebi.matlab.mat, a MAT-file level 5 reader). The file holds {@code data} (784 × 24,345) and {@code testdata}
 * (784 × 8,070), values in [0, 1], one image per column; each column is its 28×28 image in column-major order
 * (MATLAB's: pixel (row r, column c) at r + 28c — the IWAE code undoes it with a Fortran-order reshape), written here
 * row-major as IDX wants, intensities rounded to 0..255. {@code target} / {@code testtarget} (50 × N, one-hot
 * alphabets) become the labels when present, else every label is 0.
 */
public final class OmniglotImport {
    public static final int TRAIN_IMAGES = 24_345;
    public static final int TEST_IMAGES = 8_070;
    private static final int SIDE = 28;
    private static final int PIXELS = SIDE * SIDE;

    private OmniglotImport() {
    }

    /** One variable pair of the file: intensities (row-major, 0..255) and labels. */
    public record Part(byte[] pixels, byte[] labels) {
        public int count() {
            return labels.length;
        }
    }

    /** Both parts of a chardata.mat-like file, of any size (tests write small ones). */
    public record Contents(Part train, Part test) {
    }

    /** Reads {@code mat}'s {@code data}/{@code target} and {@code testdata}/{@code testtarget}. */
    public static Contents read(Path mat) {
        if (!Files.isRegularFile(mat)) {
            throw new DataFileException(mat + " does not exist or is not a file; " + where());
        }
        try (MatFile file = Mat5.readFromFile(mat.toFile())) {
            return new Contents(part(file, "data", "target", mat), part(file, "testdata", "testtarget", mat));
        } catch (IOException | RuntimeException e) {
            if (e instanceof DataFileException d) {
                throw d;
            }
            throw new DataFileException("cannot read " + mat + " as a MATLAB level-5 file (" + e.getMessage() + "); "
                    + "if it was saved with -v7.3 (HDF5), save it again with -v7 (scipy.io.savemat writes that); " + where(), e);
        }
    }

    /**
     * Converts {@code mat} into {@code dir}: the four IDX files (each via a temp file and an atomic rename) and their
     * SHA256SUMS, written last. Refuses a file whose image counts are not Burda et al.'s (24,345 and 8,070).
     */
    public static void convert(Path mat, Path dir, PrintStream log) {
        Contents c = read(mat);
        if (c.train().count() != TRAIN_IMAGES || c.test().count() != TEST_IMAGES) {
            throw new DataFileException(String.format("%s holds %,d training and %,d test images; Burda et al.'s "
                    + "chardata.mat holds %,d and %,d: %s", mat, c.train().count(), c.test().count(), TRAIN_IMAGES,
                    TEST_IMAGES, where()));
        }
        write(c, dir);
        log.printf("Omniglot: %,d training and %,d test images of %s written to %s as IDX files.%n", c.train().count(),
                c.test().count(), mat, dir);
    }

    /** Writes {@code c} into {@code dir} as the four IDX files and their SHA256SUMS (last), whatever its counts. */
    static void write(Contents c, Path dir) {
        try {
            Files.createDirectories(dir);
            Files.deleteIfExists(dir.resolve(OmniglotDataset.SUMS)); // no stale checksums vouch for a half-written folder
            StringBuilder sums = new StringBuilder();
            write(dir, MnistFiles.TRAIN_IMAGES, c.train().pixels(), c.train().count(), true, sums);
            write(dir, MnistFiles.TRAIN_LABELS, c.train().labels(), c.train().count(), false, sums);
            write(dir, MnistFiles.TEST_IMAGES, c.test().pixels(), c.test().count(), true, sums);
            write(dir, MnistFiles.TEST_LABELS, c.test().labels(), c.test().count(), false, sums);
            Path tmp = dir.resolve(OmniglotDataset.SUMS + ".tmp");
            Files.writeString(tmp, sums.toString(), StandardCharsets.UTF_8);
            Files.move(tmp, dir.resolve(OmniglotDataset.SUMS), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new DataFileException("could not write Omniglot into " + dir + " (" + e.getMessage() + ")", e);
        }
    }

    private static Part part(MatFile file, String images, String targets, Path mat) {
        Matrix data = variable(file, images, mat);
        if (data.getNumRows() != PIXELS || data.getNumCols() < 1) {
            throw new DataFileException(mat + "'s variable '" + images + "' is " + data.getNumRows() + " × "
                    + data.getNumCols() + "; chardata.mat's are 784 × N (one 28×28 image per column); " + where());
        }
        int n = data.getNumCols();
        byte[] pixels = new byte[n * PIXELS];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < PIXELS; k++) {
                double v = data.getDouble(k, i);
                if (!(v >= 0 && v <= 1)) {
                    throw new DataFileException(mat + "'s '" + images + "' holds " + v + " (image " + i + ", pixel " + k
                            + "); chardata.mat's values lie in [0, 1]");
                }
                int r = k % SIDE;
                int c = k / SIDE; // column-major within the column
                pixels[i * PIXELS + r * SIDE + c] = (byte) Math.round(v * 255);
            }
        }
        return new Part(pixels, labels(file, targets, n, mat));
    }

    /** The alphabet of each image (the row of its one-hot column), or zeros when the file has no such variable. */
    private static byte[] labels(MatFile file, String targets, int n, Path mat) {
        byte[] labels = new byte[n];
        Matrix t;
        try {
            t = file.getMatrix(targets);
        } catch (RuntimeException absent) {
            return labels;
        }
        if (t.getNumCols() != n || t.getNumRows() > Datasets.OMNIGLOT.classes()) {
            throw new DataFileException(mat + "'s '" + targets + "' is " + t.getNumRows() + " × " + t.getNumCols()
                    + "; expected at most 50 alphabets × " + n + " images");
        }
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < t.getNumRows(); a++) {
                if (t.getDouble(a, i) > 0.5) {
                    labels[i] = (byte) a;
                    break;
                }
            }
        }
        return labels;
    }

    private static Matrix variable(MatFile file, String name, Path mat) {
        try {
            return file.getMatrix(name);
        } catch (RuntimeException e) {
            throw new DataFileException(mat + " has no numeric variable '" + name + "' (" + e.getMessage() + "); " + where(), e);
        }
    }

    private static void write(Path dir, String name, byte[] bytes, int count, boolean images, StringBuilder sums)
            throws IOException {
        Path tmp = dir.resolve(name + ".tmp");
        try (OutputStream raw = Files.newOutputStream(tmp);
             DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw, 1 << 16))) {
            out.writeInt(images ? 0x803 : 0x801);
            out.writeInt(count);
            if (images) {
                out.writeInt(SIDE);
                out.writeInt(SIDE);
            }
            out.write(bytes);
        }
        Files.move(tmp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        sums.append(MnistFiles.sha256(dir.resolve(name))).append("  ").append(name).append('\n');
    }

    private static String where() {
        return "the file needed is chardata.mat from github.com/yburda/iwae, folder datasets/OMNIGLOT";
    }
}

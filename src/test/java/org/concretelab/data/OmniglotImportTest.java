package org.concretelab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.types.MatFile;
import us.hebi.matlab.mat.types.Matrix;

/**
 * Omniglot's chardata.mat, written small by MFL as MATLAB would: one image per column, each column its 28×28 image in
 * column-major order. The reader must give the image upright (row-major), the alphabets as labels, and refuse a file
 * that is not Burda et al.'s, naming the file a user needs.
 */
class OmniglotImportTest {
    @TempDir
    Path dir;

    /** An image that is not symmetric: a vertical bar in column 3 (rows 0..27) and a dot at row 20, column 10. */
    private static float[] upright(double grey) {
        float[] img = new float[784];
        for (int r = 0; r < 28; r++) {
            img[r * 28 + 3] = 1f;
        }
        img[20 * 28 + 10] = (float) grey;
        return img;
    }

    /** {@code images} (row-major) as a 784 × n matrix of column-major columns, as chardata.mat stores them. */
    private static Matrix columns(float[]... images) {
        Matrix m = Mat5.newMatrix(784, images.length);
        for (int i = 0; i < images.length; i++) {
            for (int r = 0; r < 28; r++) {
                for (int c = 0; c < 28; c++) {
                    m.setDouble(r + 28 * c, i, images[i][r * 28 + c]);
                }
            }
        }
        return m;
    }

    private static Matrix oneHot(int rows, int... classes) {
        Matrix t = Mat5.newMatrix(rows, classes.length);
        for (int i = 0; i < classes.length; i++) {
            t.setDouble(classes[i], i, 1);
        }
        return t;
    }

    private Path write(String name, boolean withTargets) throws IOException {
        Path f = dir.resolve(name);
        try (MatFile mat = Mat5.newMatFile()) {
            mat.addArray("data", columns(upright(0.5), new float[784], upright(1)));
            mat.addArray("testdata", columns(upright(0.2), upright(0)));
            if (withTargets) {
                mat.addArray("target", oneHot(50, 0, 49, 7));
                mat.addArray("testtarget", oneHot(50, 3, 12));
            }
            Mat5.writeToFile(mat, f.toFile());
        }
        return f;
    }

    @Test
    void columnsAreReadAsUprightImagesWithTheirAlphabets() throws IOException {
        OmniglotImport.Contents c = OmniglotImport.read(write("small.mat", true));
        assertEquals(3, c.train().count());
        assertEquals(2, c.test().count());
        byte[] first = java.util.Arrays.copyOfRange(c.train().pixels(), 0, 784);
        for (int r = 0; r < 28; r++) {
            assertEquals((byte) 255, first[r * 28 + 3], "the bar stands in column 3, row " + r);
            if (r != 3) {
                assertEquals(0, first[3 * 28 + r] & 0xff, "not lying in row 3 (column " + r + ")");
            }
        }
        assertEquals(128, first[20 * 28 + 10] & 0xff, "0.5 rounds to 128, at row 20, column 10");
        assertEquals(0, first[10 * 28 + 20] & 0xff, "not at its transpose");
        assertArrayEquals(new byte[] {0, 49, 7}, c.train().labels());
        assertArrayEquals(new byte[] {3, 12}, c.test().labels());
        assertEquals(51, c.test().pixels()[20 * 28 + 10] & 0xff, "0.2 → 51");
    }

    @Test
    void withoutTargetsEveryLabelIsZero() throws IOException {
        OmniglotImport.Contents c = OmniglotImport.read(write("notargets.mat", false));
        assertArrayEquals(new byte[3], c.train().labels());
    }

    @Test
    void aFileThatIsNotBurdasIsRefusedNamingTheFileNeeded() throws IOException {
        Path small = write("small.mat", true);
        Path out = dir.resolve("omniglot");
        DataFileException e = assertThrows(DataFileException.class,
                () -> OmniglotImport.convert(small, out, new PrintStream(new ByteArrayOutputStream(), true)));
        assertTrue(e.getMessage().contains("3 training and 2 test images") && e.getMessage().contains("24,345")
                && e.getMessage().contains("github.com/yburda/iwae") && e.getMessage().contains("datasets/OMNIGLOT"), e.getMessage());
        assertTrue(!Files.exists(out.resolve(OmniglotDataset.SUMS)), "nothing vouched for");
    }

    @Test
    void valuesOutsideTheUnitIntervalAndMissingVariablesAreRefused() throws IOException {
        Path bad = dir.resolve("bad.mat");
        try (MatFile mat = Mat5.newMatFile()) {
            Matrix m = columns(upright(1));
            m.setDouble(5, 0, 3.0);
            mat.addArray("data", m);
            mat.addArray("testdata", columns(upright(1)));
            Mat5.writeToFile(mat, bad.toFile());
        }
        DataFileException e = assertThrows(DataFileException.class, () -> OmniglotImport.read(bad));
        assertTrue(e.getMessage().contains("[0, 1]"), e.getMessage());
        Path none = dir.resolve("none.mat");
        try (MatFile mat = Mat5.newMatFile()) {
            mat.addArray("data", columns(upright(1)));
            Mat5.writeToFile(mat, none.toFile());
        }
        e = assertThrows(DataFileException.class, () -> OmniglotImport.read(none));
        assertTrue(e.getMessage().contains("'testdata'") && e.getMessage().contains("chardata.mat"), e.getMessage());
        Files.writeString(dir.resolve("text.mat"), "not a MAT file at all, but long enough to have a header of 128 bytes"
                + " ......................................................................................");
        e = assertThrows(DataFileException.class, () -> OmniglotImport.read(dir.resolve("text.mat")));
        assertTrue(e.getMessage().contains("MATLAB level-5"), e.getMessage());
        e = assertThrows(DataFileException.class, () -> OmniglotImport.read(dir.resolve("absent.mat")));
        assertTrue(e.getMessage().contains("does not exist") && e.getMessage().contains("yburda/iwae"), e.getMessage());
    }

    @Test
    void aConvertedFolderVerifiesByTheChecksumsItsConversionWrote() throws IOException {
        Path out = dir.resolve("omni");
        OmniglotImport.write(OmniglotImport.read(write("small.mat", true)), out);
        assertTrue(MnistFiles.complete(Datasets.OMNIGLOT, out), MnistFiles.verify(Datasets.OMNIGLOT, out).toString());
        IdxReader.Images im = IdxReader.readImages(out.resolve(MnistFiles.TRAIN_IMAGES), Datasets.OMNIGLOT);
        assertEquals(3, im.count());
        assertArrayEquals(new byte[] {0, 49, 7}, IdxReader.readLabels(out.resolve(MnistFiles.TRAIN_LABELS), Datasets.OMNIGLOT));
        Files.write(out.resolve(MnistFiles.TEST_IMAGES), new byte[] {1, 2, 3});
        assertEquals(MnistFiles.Condition.DAMAGED, MnistFiles.verify(Datasets.OMNIGLOT, out).get(2).condition());
    }
}

package org.concretelab.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads IDX files (LeCun's MNIST format), raw or gzip-compressed: a big-endian magic number
 * (0x0803 for unsigned-byte 3-D image arrays, 0x0801 for 1-D label arrays), the dimensions, then bytes.
 */
public final class IdxReader {
    private static final int IMAGES_MAGIC = 0x00000803;
    private static final int LABELS_MAGIC = 0x00000801;

    private IdxReader() {
    }

    /** Images as one byte array of {@code count × rows × cols} intensities 0..255. */
    public record Images(int count, int rows, int cols, byte[] pixels) {
    }

    public static Images readImages(Path file) {
        return readImages(file, Datasets.MNIST);
    }

    /** The images of {@code file}, which must have {@code dataset}'s shape; messages give that dataset's advice. */
    public static Images readImages(Path file, Dataset dataset) {
        try (DataInputStream in = open(file, dataset)) {
            int magic = in.readInt();
            if (magic != IMAGES_MAGIC) {
                throw new DataFileException(file + " is not an IDX image file (magic number 0x"
                        + Integer.toHexString(magic) + ", expected 0x803); " + MnistFiles.refetch(file, dataset));
            }
            int count = in.readInt();
            int rows = in.readInt();
            int cols = in.readInt();
            if (rows != dataset.rows() || cols != dataset.cols()) {
                throw new DataFileException(file + " holds " + rows + "×" + cols + " images, " + dataset.label() + "'s are "
                        + dataset.rows() + "×" + dataset.cols() + "; " + MnistFiles.refetch(file, dataset));
            }
            if (count <= 0) {
                throw new DataFileException(file + " declares " + count + " images; " + MnistFiles.refetch(file, dataset));
            }
            byte[] pixels = readFully(in, (long) count * rows * cols, file, count + " images of " + rows + "×" + cols, dataset);
            return new Images(count, rows, cols, pixels);
        } catch (IOException e) {
            throw unreadable(file, e, dataset);
        }
    }

    public static byte[] readLabels(Path file) {
        return readLabels(file, Datasets.MNIST);
    }

    /** The labels of {@code file}, each below {@code dataset.classes()}. */
    public static byte[] readLabels(Path file, Dataset dataset) {
        try (DataInputStream in = open(file, dataset)) {
            int magic = in.readInt();
            if (magic != LABELS_MAGIC) {
                throw new DataFileException(file + " is not an IDX label file (magic number 0x"
                        + Integer.toHexString(magic) + ", expected 0x801); " + MnistFiles.refetch(file, dataset));
            }
            int count = in.readInt();
            if (count <= 0) {
                throw new DataFileException(file + " declares " + count + " labels; " + MnistFiles.refetch(file, dataset));
            }
            byte[] labels = readFully(in, count, file, count + " labels", dataset);
            for (int i = 0; i < count; i++) {
                if ((labels[i] & 0xff) >= dataset.classes()) {
                    throw new DataFileException(file + " has label " + (labels[i] & 0xff) + " at index " + i
                            + " (" + dataset.label() + "'s are 0.." + (dataset.classes() - 1) + "); "
                            + MnistFiles.refetch(file, dataset));
                }
            }
            return labels;
        } catch (IOException e) {
            throw unreadable(file, e, dataset);
        }
    }

    /**
     * The {@code expected} bytes after the header. A damaged count byte can claim gigabytes: the bytes are read
     * as they come (never allocated up front from the header), so such a header costs no memory, only a message.
     */
    private static byte[] readFully(DataInputStream in, long expected, Path file, String what, Dataset dataset)
            throws IOException {
        byte[] data = in.readNBytes((int) Math.min(expected, Integer.MAX_VALUE - 8));
        if (data.length < expected) {
            throw new DataFileException(file + " is truncated or its header is damaged: the header says " + what
                    + String.format(" (%,d bytes)", expected) + " but the file holds only " + data.length + " of "
                    + expected + " bytes; " + MnistFiles.refetch(file, dataset));
        }
        return data;
    }

    private static DataInputStream open(Path file, Dataset dataset) throws IOException {
        DataFileException access = MnistFiles.accessProblem(file, dataset);
        if (access != null) {
            throw access;
        }
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            in = new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
        }
        return new DataInputStream(in);
    }

    private static DataFileException unreadable(Path file, IOException e, Dataset dataset) {
        if (e instanceof EOFException) {
            return new DataFileException(file + " is truncated (it ends inside its header); " + MnistFiles.refetch(file, dataset), e);
        }
        return MnistFiles.readProblem(file, e, dataset);
    }
}

package org.concretelab.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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
        try (DataInputStream in = open(file)) {
            int magic = in.readInt();
            if (magic != IMAGES_MAGIC) {
                throw new DataFileException(file + " is not an IDX image file (magic number 0x"
                        + Integer.toHexString(magic) + ", expected 0x803); " + MnistFiles.REMEDY);
            }
            int count = in.readInt();
            int rows = in.readInt();
            int cols = in.readInt();
            if (rows != 28 || cols != 28) {
                throw new DataFileException(file + " holds " + rows + "×" + cols + " images, MNIST's are 28×28; "
                        + MnistFiles.REMEDY);
            }
            if (count <= 0) {
                throw new DataFileException(file + " declares " + count + " images; " + MnistFiles.REMEDY);
            }
            byte[] pixels = new byte[Math.multiplyExact(count, rows * cols)];
            readFully(in, pixels, file, count + " images of " + rows + "×" + cols);
            return new Images(count, rows, cols, pixels);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    public static byte[] readLabels(Path file) {
        try (DataInputStream in = open(file)) {
            int magic = in.readInt();
            if (magic != LABELS_MAGIC) {
                throw new DataFileException(file + " is not an IDX label file (magic number 0x"
                        + Integer.toHexString(magic) + ", expected 0x801); " + MnistFiles.REMEDY);
            }
            int count = in.readInt();
            if (count <= 0) {
                throw new DataFileException(file + " declares " + count + " labels; " + MnistFiles.REMEDY);
            }
            byte[] labels = new byte[count];
            readFully(in, labels, file, count + " labels");
            for (int i = 0; i < count; i++) {
                if (labels[i] < 0 || labels[i] > 9) {
                    throw new DataFileException(file + " has label " + labels[i] + " at index " + i
                            + " (digits are 0..9); " + MnistFiles.REMEDY);
                }
            }
            return labels;
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    private static void readFully(DataInputStream in, byte[] dest, Path file, String what) throws IOException {
        int read = 0;
        while (read < dest.length) {
            int n = in.read(dest, read, dest.length - read);
            if (n < 0) {
                throw new DataFileException(file + " is truncated: it declares " + what + " but ends after "
                        + read + " of " + dest.length + " bytes; " + MnistFiles.REMEDY);
            }
            read += n;
        }
    }

    private static DataInputStream open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new DataFileException(file + " is missing; " + MnistFiles.REMEDY);
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

    private static DataFileException unreadable(Path file, IOException e) {
        if (e instanceof EOFException) {
            return new DataFileException(file + " is truncated (it ends inside its header); " + MnistFiles.REMEDY, e);
        }
        if (e instanceof NoSuchFileException) {
            return new DataFileException(file + " is missing; " + MnistFiles.REMEDY, e);
        }
        return new DataFileException(file + " cannot be read (" + e.getMessage() + "); " + MnistFiles.REMEDY, e);
    }
}

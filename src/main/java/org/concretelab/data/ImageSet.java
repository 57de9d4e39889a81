package org.concretelab.data;

/**
 * Labelled 28×28 images stored as one shared byte array of intensities; {@link #range} makes views, so
 * splits and slices never copy the data.
 */
public final class ImageSet {
    public static final int PIXELS = 784;

    private final byte[] pixels;
    private final byte[] labels;
    private final int offset;
    private final int size;

    public ImageSet(byte[] pixels, byte[] labels) {
        this(pixels, labels, 0, labels.length);
        if (pixels.length != labels.length * PIXELS) {
            throw new DataFileException("images and labels disagree: " + pixels.length / PIXELS + " images but "
                    + labels.length + " labels; " + MnistFiles.REMEDY);
        }
    }

    private ImageSet(byte[] pixels, byte[] labels, int offset, int size) {
        this.pixels = pixels;
        this.labels = labels;
        this.offset = offset;
        this.size = size;
    }

    public int size() {
        return size;
    }

    public int label(int i) {
        return labels[offset + check(i)];
    }

    /** Intensity of pixel {@code p} of image {@code i}, in [0, 1]. */
    public float intensity(int i, int p) {
        return (pixels[(offset + i) * PIXELS + p] & 0xff) / 255f;
    }

    /** The 784 intensities of image {@code i}, in [0, 1]. */
    public float[] pixelsOf(int i) {
        float[] out = new float[PIXELS];
        copyIntensities(i, out, 0);
        return out;
    }

    /** Writes the 784 intensities of image {@code i} into {@code dest} at {@code destOffset}. */
    public void copyIntensities(int i, float[] dest, int destOffset) {
        int base = (offset + check(i)) * PIXELS;
        for (int p = 0; p < PIXELS; p++) {
            dest[destOffset + p] = (pixels[base + p] & 0xff) / 255f;
        }
    }

    /** Copies the 784 grey levels (0–255, as stored, in bytes) of image {@code i} into {@code dest}. */
    public void copyLevels(int i, byte[] dest) {
        System.arraycopy(pixels, (offset + check(i)) * PIXELS, dest, 0, PIXELS);
    }

    /** Images {@code from} (inclusive) to {@code to} (exclusive), sharing this set's storage. */
    public ImageSet range(int from, int to) {
        if (from < 0 || to > size || from > to) {
            throw new IllegalArgumentException("range [" + from + ", " + to + ") is outside 0.." + size);
        }
        return new ImageSet(pixels, labels, offset + from, to - from);
    }

    /** The first {@code n} images, or all when {@code n} is 0 or larger than the set. */
    public ImageSet limit(int n) {
        return n <= 0 || n >= size ? this : range(0, n);
    }

    private int check(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("image " + i + " of " + size);
        }
        return i;
    }
}

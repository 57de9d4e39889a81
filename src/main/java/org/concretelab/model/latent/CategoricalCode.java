package org.concretelab.model.latent;

/**
 * How a K-ary latent is fed downstream. {@link #ONE_HOT}: K slots holding x (Jang et al.'s Gumbel-Softmax
 * VAEs). {@link #CORNERS}: the paper's n-ary encoding, log2 K values Ỹ = C·x with C the log2(K) × K matrix whose
 * column k is the k-th corner of {−1, 1}^log2 K (bit j of k → ±1), so a hard sample is a corner and a binary unit
 * would be 2σ(y) − 1.
 */
public enum CategoricalCode {
    ONE_HOT,
    CORNERS;

    /** Values one unit of K classes takes in a code. */
    public int width(int classes) {
        return this == ONE_HOT ? classes : bits(classes);
    }

    /** log2 K; K must be a power of two for corners. */
    public static int bits(int classes) {
        if (Integer.bitCount(classes) != 1 || classes < 2) {
            throw new IllegalArgumentException("corner codes need K to be a power of two, was " + classes);
        }
        return Integer.numberOfTrailingZeros(classes);
    }

    /** C_jk ∈ {−1, 1}: coordinate j of the corner of class k. */
    public static int corner(int j, int k) {
        return ((k >> j) & 1) == 1 ? 1 : -1;
    }
}

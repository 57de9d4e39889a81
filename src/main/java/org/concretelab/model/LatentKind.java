package org.concretelab.model;

/** What the stochastic units are. */
public enum LatentKind {
    /** BinaryConcrete units (n = 2, one number per unit). */
    BINARY,
    /** Concrete units of K classes each, fed downstream as a one-hot code of K slots (Jang et al.'s). */
    CATEGORICAL,
    /**
     * Concrete units of K classes each, fed downstream as the paper's n-ary code: a corner of {−1, 1}^log2 K
     * (log2 K values per unit, Ỹ = C·x); K must be a power of two ≥ 2.
     */
    CORNERS;

    public static LatentKind parse(String text) {
        for (LatentKind k : values()) {
            if (k.name().equalsIgnoreCase(text)) {
                return k;
            }
        }
        throw new IllegalArgumentException("latent kind: unknown '" + text + "'; one of binary, categorical, corners");
    }
}

package org.concretelab.model;

/** What the stochastic units are. */
public enum LatentKind {
    /** BinaryConcrete units (n = 2, one number per unit). */
    BINARY,
    /** Concrete units of K classes each (one-hot in the discrete graph). */
    CATEGORICAL;

    public static LatentKind parse(String text) {
        for (LatentKind k : values()) {
            if (k.name().equalsIgnoreCase(text)) {
                return k;
            }
        }
        throw new IllegalArgumentException("latent kind: unknown '" + text + "'; one of binary, categorical");
    }
}

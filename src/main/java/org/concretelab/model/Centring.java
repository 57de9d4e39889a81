package org.concretelab.model;

/**
 * EMA centring (the paper's appendix D.4) and what it centres: a network's input minus a moving average (decay 0.9)
 * of that input's mean over training steps, no gradient through the average. A model's own setting, checkpointed
 * with it: the averages are part of the function it computes.
 */
public enum Centring {
    /** Every network reads its input as it is. */
    OFF("off"),
    /**
     * The paper's: each inference network reads its input minus its average — the image for q(z1 | x), layer l − 1's
     * code for q(z_l | z_{l−1}); the generative networks (the decoder, the priors) are not centred.
     */
    INFERENCE("inference"),
    /**
     * What builds before 2026-12-07 12:50 UTC (checkpoint format 2) did for "EMA centring": every network that reads a
     * stochastic layer's code — the decoder, the encoders above it, the prior networks — centred it; the image was not.
     * Kept so that models trained with it compute what they were trained to and can be continued; new models never
     * get it (it made 200H~200H~784V collapse, every unit inactive from the first epoch, with Concrete at m = 1).
     */
    EVERY_READER("every-reader");

    private final String label;

    Centring(String label) {
        this.label = label;
    }

    public boolean on() {
        return this != OFF;
    }

    /** The name a checkpoint stores. */
    public String label() {
        return label;
    }

    /** The setting a checkpoint's label names. */
    public static Centring ofLabel(String label) {
        for (Centring c : values()) {
            if (c.label.equals(label)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown EMA centring '" + label + "' (this build knows off, inference and"
                + " every-reader)");
    }
}

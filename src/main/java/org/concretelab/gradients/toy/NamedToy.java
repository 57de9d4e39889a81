package org.concretelab.gradients.toy;

/** A toy estimator's facts held once: its id, label, whether it is relaxed and whether it is unbiased. */
abstract class NamedToy implements ToyEstimator {
    private final String id;
    private final String label;
    private final boolean relaxed;
    private final boolean unbiased;

    NamedToy(String id, String label, boolean relaxed, boolean unbiased) {
        this.id = id;
        this.label = label;
        this.relaxed = relaxed;
        this.unbiased = unbiased;
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final String label() {
        return label;
    }

    @Override
    public final boolean relaxed() {
        return relaxed;
    }

    @Override
    public final boolean unbiased() {
        return unbiased;
    }
}

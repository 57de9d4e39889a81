package org.concretelab.data;

/** How grey MNIST intensities become the binary pixels the Bernoulli decoder models. */
public enum Binarization {
    /** Each pixel ~ Bernoulli(intensity), drawn afresh every epoch (the default; regularises). */
    DYNAMIC,
    /** Each pixel ~ Bernoulli(intensity), drawn once per data seed and reused every epoch. */
    FIXED
}

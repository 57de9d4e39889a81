package org.concretelab.model.latent;

import org.concretelab.model.nn.Mat;

/**
 * The prior of a stochastic layer, declared by its owner: a <b>learned</b> prior is one row of discrete
 * logits shared by every sample (its Gaussian part is N(0, 1)); a <b>conditional</b> prior has one row of
 * full parameters (laid out like the posterior's) per sample row, computed from the layer above.
 */
public record Prior(Mat params, boolean conditional) {

    public static Prior learned(Mat logits) {
        return new Prior(logits, false);
    }

    public static Prior conditional(Mat perRow) {
        return new Prior(perRow, true);
    }

    /** Where row {@code r}'s prior parameters start. */
    int rowBase(int r) {
        return conditional ? r * params.cols() : 0;
    }
}

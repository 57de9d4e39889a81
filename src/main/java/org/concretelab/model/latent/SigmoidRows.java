package org.concretelab.model.latent;

import java.util.Arrays;
import org.concretelab.distribution.LogSpace;

/**
 * σ(o_i) in double, unit by unit, for rows of logits that often repeat: the m samples of one example share the first
 * layer's posterior logits, and every row shares an unconditional prior's. A row equal to the last one reuses its values
 * instead of an exp per unit — the same function of the same floats, so the same bits ({@link LogSpace#sigmoid}).
 * Why it matters: at m = 50 a score-function step asks for σ of a million logits per layer and call, and this was half
 * of a VIMCO step's time. One per layer, role and thread (it keeps the last row).
 */
final class SigmoidRows {
    private final int n;
    private final float[] last;
    private final double[] sigma;
    private boolean seen;

    SigmoidRows(int n) {
        this.n = n;
        this.last = new float[n];
        this.sigma = new double[n];
    }

    /** σ of the first {@code n} logits of {@code o}; the array returned is this object's and valid until the next call. */
    double[] of(float[] o) {
        if (seen && Arrays.equals(o, 0, n, last, 0, n)) {
            return sigma;
        }
        System.arraycopy(o, 0, last, 0, n);
        seen = true;
        for (int i = 0; i < n; i++) { // widened apart from the exps: see BinaryGradientRows
            sigma[i] = o[i];
        }
        for (int i = 0; i < n; i++) {
            sigma[i] = LogSpace.sigmoid(sigma[i]);
        }
        return sigma;
    }
}

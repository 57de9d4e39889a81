package org.concretelab.train;

import java.util.Locale;

/**
 * Tells a run that is diverging from one that is merely noisy. The running mean of the objective (an
 * exponential average over ~50 steps) is compared with the best it has been: a healthy run climbs and then
 * wobbles by a few nats, while a too-large learning rate sends it hundreds or millions of nats below
 * (measured: {@code --lr 100} reaches ≈ −10⁶). The gap allowed is generous — the larger of
 * {@value #MIN_GAP} nats and the size of the best value itself — and must persist {@value #PATIENCE} steps.
 */
final class DivergenceWatch {
    static final double MIN_GAP = 200;
    static final int PATIENCE = 200;

    private double best = Double.NEGATIVE_INFINITY;
    private long below;

    /** Records one step's running mean; true when the run has been far below its best for {@value #PATIENCE} steps. */
    boolean diverged(double runningMean) {
        best = Math.max(best, runningMean); // from the first step: a run that falls from its random start diverges too
        if (diverging(runningMean)) {
            below++;
        } else {
            below = 0;
        }
        return below >= PATIENCE;
    }

    /** True while {@code runningMean} lies below the allowed gap under the best value seen (no patience). */
    boolean diverging(double runningMean) {
        return best > Double.NEGATIVE_INFINITY && runningMean < best - gap();
    }

    private double gap() {
        return Math.max(MIN_GAP, Math.abs(best));
    }

    String describe(double runningMean, long step) {
        return String.format(Locale.ROOT, "the run is diverging: the objective's running mean is %.4g at step %,d, far "
                + "below the best it reached (%.4g); it was stopped before saving a diverged model", runningMean, step, best);
    }
}

package org.concretelab.model.latent;

import org.concretelab.model.nn.Mat;

/**
 * A family written row by row: its all-rows methods loop over the rows and call these. (The binary family, on
 * the default model's hot path, writes its loops over all rows itself.)
 */
abstract class RowFamily implements LatentFamily {

    protected abstract double relaxedSampleRow(LayerBuffers b, int r, boolean hardForward);

    protected abstract double relaxedLogPriorRow(LayerBuffers b, int r, Prior prior);

    protected abstract void addPriorGradientRow(LayerBuffers b, int r, Prior prior, double gw, Mat gPrior);

    protected abstract void posteriorGradientRow(LayerBuffers b, int r, Prior prior, double gw, boolean hardForward);

    protected abstract double discreteSampleRow(LayerBuffers b, int r);

    protected abstract double discreteLogPriorRow(LayerBuffers b, int r, Prior prior);

    protected abstract void addScoreRow(LayerBuffers b, int r, double weight);

    protected abstract void discreteGraphGradientRow(LayerBuffers b, int r, Prior prior, double gw, double scoreWeight);

    protected abstract void addDiscretePriorGradientRow(LayerBuffers b, int r, Prior prior, double gw, Mat gPrior);

    protected abstract void modeRow(LayerBuffers b, int r);

    @Override
    public final void relaxedSample(LayerBuffers b, boolean hardForward, double[] logq) {
        for (int r = 0; r < b.rows(); r++) {
            logq[r] += relaxedSampleRow(b, r, hardForward);
        }
    }

    @Override
    public final void relaxedLogPrior(LayerBuffers b, Prior prior, double[] logp) {
        for (int r = 0; r < b.rows(); r++) {
            logp[r] += relaxedLogPriorRow(b, r, prior);
        }
    }

    @Override
    public final void addPriorGradient(LayerBuffers b, Prior prior, double[] gLogw, Mat gPrior) {
        for (int r = 0; r < b.rows(); r++) {
            addPriorGradientRow(b, r, prior, gLogw[r], gPrior);
        }
    }

    @Override
    public final void posteriorGradient(LayerBuffers b, Prior prior, double[] gLogw, boolean hardForward) {
        for (int r = 0; r < b.rows(); r++) {
            posteriorGradientRow(b, r, prior, gLogw[r], hardForward);
        }
    }

    @Override
    public final void discreteSample(LayerBuffers b, double[] logq) {
        for (int r = 0; r < b.rows(); r++) {
            logq[r] += discreteSampleRow(b, r);
        }
    }

    @Override
    public final void discreteLogPrior(LayerBuffers b, Prior prior, double[] logp) {
        for (int r = 0; r < b.rows(); r++) {
            logp[r] += discreteLogPriorRow(b, r, prior);
        }
    }

    @Override
    public final void addScore(LayerBuffers b, double[] weights) {
        for (int r = 0; r < b.rows(); r++) {
            addScoreRow(b, r, weights[r]);
        }
    }

    @Override
    public final void discreteGraphGradient(LayerBuffers b, Prior prior, double[] gLogw, double[] scoreWeights) {
        for (int r = 0; r < b.rows(); r++) {
            discreteGraphGradientRow(b, r, prior, gLogw[r], scoreWeights[r]);
        }
    }

    @Override
    public final void addDiscretePriorGradient(LayerBuffers b, Prior prior, double[] gLogw, Mat gPrior) {
        for (int r = 0; r < b.rows(); r++) {
            addDiscretePriorGradientRow(b, r, prior, gLogw[r], gPrior);
        }
    }

    @Override
    public final void mode(LayerBuffers b) {
        for (int r = 0; r < b.rows(); r++) {
            modeRow(b, r);
        }
    }
}

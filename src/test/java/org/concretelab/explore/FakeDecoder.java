package org.concretelab.explore;

import org.concretelab.model.LatentLayout;
import org.concretelab.model.ModelSpec;
import org.concretelab.model.ModelState;
import org.concretelab.model.VaeModel;

/** A "decoder" whose pixel i is code[i mod length]: each image tells exactly which code it came from. */
final class FakeDecoder implements VaeModel {
    private final LatentLayout layout;
    int decodes;
    int batches;

    FakeDecoder(LatentLayout layout) {
        this.layout = layout;
    }

    @Override
    public float[] decode(float[] code) {
        decodes++;
        float[] p = new float[784];
        for (int i = 0; i < p.length; i++) {
            p[i] = code[i % code.length];
        }
        return p;
    }

    /** One batch: each row as {@link #decode} would, counted as a batch, not as decodes. */
    @Override
    public float[] decodeRows(float[] codes, int rows) {
        batches++;
        int c = codes.length / rows;
        float[] p = new float[rows * 784];
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < 784; i++) {
                p[r * 784 + i] = codes[r * c + i % c];
            }
        }
        return p;
    }

    @Override
    public LatentLayout latentLayout() {
        return layout;
    }

    @Override
    public float[] samplePrior(long seed) {
        return LatentCode.cleared(layout).flip((int) (seed % layout.discreteUnits())).values();
    }

    @Override
    public float[] encodeMode(float[] image) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ModelSpec spec() {
        throw new UnsupportedOperationException();
    }

    @Override
    public double trainStep(float[] batch, int rows, long noiseSeed) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void setThreads(int threads) {
        throw new UnsupportedOperationException();
    }

    @Override
    public int threads() {
        return 1;
    }

    @Override
    public void setLearningRate(double rate) {
        throw new UnsupportedOperationException();
    }

    @Override
    public double learningRate() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void setTemperatures(double posterior, double prior) {
        throw new UnsupportedOperationException();
    }

    @Override
    public double[] temperatures() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void setKlWeight(double beta) {
        throw new UnsupportedOperationException();
    }

    @Override
    public double klWeight() {
        throw new UnsupportedOperationException();
    }

    @Override
    public double[] posteriorMeans(float[] batch, int rows) {
        throw new UnsupportedOperationException();
    }

    @Override
    public double relaxedElbo(float[] batch, int rows, long noiseSeed) {
        throw new UnsupportedOperationException();
    }

    @Override
    public double discreteElbo(float[] batch, int rows, long noiseSeed) {
        throw new UnsupportedOperationException();
    }

    @Override
    public double importanceSampledNll(float[] batch, int rows, int k, long noiseSeed) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ModelState state() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void load(ModelState state) {
        throw new UnsupportedOperationException();
    }
}

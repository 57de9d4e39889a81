package org.concretelab.train;

import java.util.Map;
import java.util.SplittableRandom;
import org.concretelab.model.LatentLayout;
import org.concretelab.model.ModelSpec;
import org.concretelab.model.ModelState;
import org.concretelab.model.VaeModel;

/**
 * A fast stand-in for the VAE: independent Bernoulli pixels with logits θ, trained by plain SGD on a
 * noise-perturbed log-likelihood (so the noise seed matters), with a state that round-trips. It can
 * sleep per step (to test pausing) and turn NaN at a given step (to test failure handling).
 */
final class FakeModel implements VaeModel {
    private final ModelSpec spec;
    private final float[] theta = new float[784];
    private long step;
    volatile long delayMillis;
    /** Optimiser step (1-based) at which the loss and the parameters become NaN; 0 = never. */
    volatile long nanAtStep;

    FakeModel(ModelSpec spec, long seed) {
        this.spec = spec;
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < theta.length; i++) {
            theta[i] = (float) (0.1 * r.nextGaussian());
        }
    }

    @Override
    public ModelSpec spec() {
        return spec;
    }

    @Override
    public LatentLayout latentLayout() {
        return spec.latentLayout();
    }

    @Override
    public synchronized double trainStep(float[] batch, int rows, long noiseSeed) {
        if (delayMillis > 0) {
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (nanAtStep > 0 && step + 1 >= nanAtStep) {
            java.util.Arrays.fill(theta, Float.NaN); // a model that wrecks its weights before noticing
            return Double.NaN;
        }
        float[] grad = new float[784];
        double ll = logLik(batch, rows, noiseSeed, grad);
        for (int p = 0; p < 784; p++) {
            theta[p] += (float) (spec.learningRate() * 10 * grad[p]);
        }
        step++;
        return ll;
    }

    private double logLik(float[] batch, int rows, long noiseSeed, float[] grad) {
        SplittableRandom noise = new SplittableRandom(noiseSeed);
        double total = 0;
        for (int p = 0; p < 784; p++) {
            double t = theta[p] + 0.01 * noise.nextGaussian();
            double prob = 1 / (1 + Math.exp(-t));
            for (int r = 0; r < rows; r++) {
                double x = batch[r * 784 + p];
                total += x * Math.log(prob) + (1 - x) * Math.log1p(-prob);
                if (grad != null) {
                    grad[p] += (float) ((x - prob) / rows);
                }
            }
        }
        return total / rows;
    }

    @Override
    public synchronized double relaxedElbo(float[] batch, int rows, long noiseSeed) {
        return nanAtStep > 0 && step + 1 >= nanAtStep && Float.isNaN(theta[0]) ? Double.NaN
                : logLik(batch, rows, noiseSeed, null);
    }

    @Override
    public synchronized double discreteElbo(float[] batch, int rows, long noiseSeed) {
        return logLik(batch, rows, noiseSeed, null) - 1;
    }

    @Override
    public synchronized double importanceSampledNll(float[] batch, int rows, int k, long noiseSeed) {
        return -logLik(batch, rows, noiseSeed, null) + 1.0 / k;
    }

    @Override
    public float[] decode(float[] code) {
        throw new UnsupportedOperationException("not needed by the trainer");
    }

    @Override
    public float[] encodeMode(float[] image) {
        throw new UnsupportedOperationException("not needed by the trainer");
    }

    @Override
    public float[] samplePrior(long seed) {
        throw new UnsupportedOperationException("not needed by the trainer");
    }

    @Override
    public synchronized ModelState state() {
        return new ModelState(spec, step, Map.of("theta", new ModelState.NamedArray(new long[] {784}, theta.clone())));
    }

    @Override
    public synchronized void load(ModelState state) {
        if (!spec.equals(state.spec())) {
            throw new IllegalArgumentException("another spec");
        }
        System.arraycopy(state.arrays().get("theta").values(), 0, theta, 0, 784);
        step = state.step();
    }
}

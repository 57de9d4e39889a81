package org.concretelab.model.latent;

import java.nio.FloatBuffer;
import org.apache.commons.rng.UniformRandomProvider;
import org.concretelab.distribution.Bernoulli;
import org.concretelab.distribution.BinaryConcrete;
import org.concretelab.distribution.LogSpace;
import org.concretelab.distribution.Noise;
import org.concretelab.model.nn.Mat;

/**
 * {@code units} binary latents, relaxed as BinaryConcrete in logit space: one parameter log α per unit,
 * logistic noise L, relaxed logit y = (log α + L)/λ1 and code σ(y); the hard sample is 1[log α + L &gt; 0].
 * log q of the relaxed sample is computed from the noise alone ({@link BinaryConcrete#logitLogDensityAtNoise}),
 * exact at any λ; its pathwise gradient at log α is zero, so the posterior's gradient comes from the code and
 * the prior's density alone.
 */
public final class BinaryLatents implements LatentFamily {
    private final int units;
    private Placement at;
    private double lambdaQ;
    private double lambdaP;
    private double logNormQ;
    private double logNormP;

    public BinaryLatents(int units) {
        this.units = units;
    }

    @Override
    public int paramWidth() {
        return units;
    }

    @Override
    public int noiseWidth() {
        return units;
    }

    @Override
    public int codeWidth() {
        return units;
    }

    @Override
    public int valueWidth() {
        return units;
    }

    @Override
    public void place(Placement placement) {
        this.at = placement;
    }

    @Override
    public void setTemperatures(double posterior, double prior) {
        lambdaQ = posterior;
        lambdaP = prior;
        logNormQ = BinaryConcrete.logNormalizer(posterior);
        logNormP = BinaryConcrete.logNormalizer(prior);
    }

    @Override
    public void drawNoise(UniformRandomProvider rng, LayerBuffers b, int r) {
        FloatBuffer nb = b.noise.buffer();
        int n0 = at.noiseAt(r);
        for (int i = 0; i < units; i++) {
            nb.put(n0 + i, (float) Noise.logistic(Noise.uniform(rng)));
        }
    }

    @Override
    public void relaxedSample(LayerBuffers b, boolean hardForward, double[] logqs) {
        FloatBuffer pb = b.post.buffer();
        FloatBuffer nb = b.noise.buffer();
        FloatBuffer yb = b.y.buffer();
        FloatBuffer cb = b.code.buffer();
        for (int r = 0; r < b.rows(); r++) {
            int p0 = at.paramAt(r);
            int n0 = at.noiseAt(r);
            int c0 = at.codeAt(r);
            int y0 = at.valueAt(r);
            double logq = 0;
            for (int i = 0; i < units; i++) {
                double l = nb.get(n0 + i);
                double yi = BinaryConcrete.logitFromLogistic(pb.get(p0 + i), l, lambdaQ);
                yb.put(y0 + i, (float) yi);
                cb.put(c0 + i, hardForward ? (yi > 0 ? 1f : 0f) : (float) LogSpace.sigmoid(yi));
                logq += BinaryConcrete.logitLogDensityAtNoise(l, logNormQ);
            }
            logqs[r] += logq;
        }
    }

    @Override
    public void relaxedLogPrior(LayerBuffers b, Prior prior, double[] logps) {
        FloatBuffer yb = b.y.buffer();
        FloatBuffer qb = prior.params().buffer();
        FloatBuffer sb = b.soft.buffer();
        for (int r = 0; r < b.rows(); r++) {
            int q0 = prior.rowBase(r) + at.param();
            int y0 = at.valueAt(r);
            double logp = 0;
            for (int i = 0; i < units; i++) {
                double t = qb.get(q0 + i) - lambdaP * yb.get(y0 + i); // log α − λ2·y
                double e = Math.exp(-Math.abs(t)); // shared by σ(t) and softplus(t)
                sb.put(y0 + i, (float) LogSpace.sigmoid(t, e));
                logp += BinaryConcrete.logitLogDensity(t, logNormP, e);
            }
            logps[r] += logp;
        }
    }

    @Override
    public void addPriorGradient(LayerBuffers b, Prior prior, double[] gLogw, Mat gPrior) {
        FloatBuffer sb = b.soft.buffer();
        FloatBuffer gqb = gPrior.buffer();
        for (int r = 0; r < b.rows(); r++) {
            double gw = gLogw[r];
            int q0 = prior.rowBase(r) + at.param();
            int y0 = at.valueAt(r);
            for (int i = 0; i < units; i++) {
                double sp = sb.get(y0 + i); // ∂ log p(y)/∂ log α = 1 − 2σ(log α − λy)
                gqb.put(q0 + i, (float) (gqb.get(q0 + i) + gw * (1 - 2 * sp)));
            }
        }
    }

    @Override
    public void posteriorGradient(LayerBuffers b, Prior prior, double[] gLogw, boolean hardForward) {
        FloatBuffer yb = b.y.buffer();
        FloatBuffer cb = b.code.buffer();
        FloatBuffer sb = b.soft.buffer();
        FloatBuffer gcb = b.gCode.buffer();
        FloatBuffer gpb = b.gPost.buffer();
        for (int r = 0; r < b.rows(); r++) {
            double gw = gLogw[r];
            int p0 = at.paramAt(r);
            int c0 = at.codeAt(r);
            int y0 = at.valueAt(r);
            for (int i = 0; i < units; i++) {
                // the relaxed value, also under straight-through (otherwise it is the code itself)
                double z = hardForward ? LogSpace.sigmoid(yb.get(y0 + i)) : cb.get(c0 + i);
                // d/dy [log p(y)] = −λ + 2λσ(log α − λy); dσ(y)/dy = z(1 − z); dy/d log α = 1/λ1.
                double g = gcb.get(c0 + i) * z * (1 - z) + gw * lambdaP * (2 * sb.get(y0 + i) - 1);
                gpb.put(p0 + i, (float) (g / lambdaQ));
            }
        }
    }

    @Override
    public void discreteSample(LayerBuffers b, double[] logqs) {
        FloatBuffer pb = b.post.buffer();
        FloatBuffer nb = b.noise.buffer();
        FloatBuffer cb = b.code.buffer();
        for (int r = 0; r < b.rows(); r++) {
            int p0 = at.paramAt(r);
            int n0 = at.noiseAt(r);
            int c0 = at.codeAt(r);
            double logq = 0;
            for (int i = 0; i < units; i++) {
                double a = pb.get(p0 + i);
                boolean on = Bernoulli.sampleFromLogistic(a, nb.get(n0 + i));
                cb.put(c0 + i, on ? 1f : 0f);
                logq += Bernoulli.logProbability(a, on);
            }
            logqs[r] += logq;
        }
    }

    @Override
    public void discreteLogPrior(LayerBuffers b, Prior prior, double[] logps) {
        FloatBuffer cb = b.code.buffer();
        FloatBuffer qb = prior.params().buffer();
        for (int r = 0; r < b.rows(); r++) {
            int q0 = prior.rowBase(r) + at.param();
            int c0 = at.codeAt(r);
            double logp = 0;
            for (int i = 0; i < units; i++) {
                logp += Bernoulli.logProbability(qb.get(q0 + i), cb.get(c0 + i) > 0.5f);
            }
            logps[r] += logp;
        }
    }

    @Override
    public void addScore(LayerBuffers b, double[] weights) {
        for (int r = 0; r < b.rows(); r++) {
            addBernoulliScore(b.post.buffer(), at.paramAt(r), b.code.buffer(), at.codeAt(r), weights[r], b.gPost.buffer(),
                    at.paramAt(r));
        }
    }

    @Override
    public void discreteGraphGradient(LayerBuffers b, Prior prior, double[] gLogw, double[] scoreWeights) {
        FloatBuffer gpb = b.gPost.buffer();
        for (int r = 0; r < b.rows(); r++) {
            int p0 = at.paramAt(r);
            for (int i = 0; i < units; i++) {
                gpb.put(p0 + i, 0f);
            }
            addBernoulliScore(b.post.buffer(), p0, b.code.buffer(), at.codeAt(r), scoreWeights[r] - gLogw[r], gpb, p0);
        }
    }

    @Override
    public void addDiscretePriorGradient(LayerBuffers b, Prior prior, double[] gLogw, Mat gPrior) {
        for (int r = 0; r < b.rows(); r++) {
            int q0 = prior.rowBase(r) + at.param();
            addBernoulliScore(prior.params().buffer(), q0, b.code.buffer(), at.codeAt(r), gLogw[r], gPrior.buffer(), q0);
        }
    }

    /** grad += w · ∂/∂a [z·a − softplus(a)] = w · (z − σ(a)): the score of a Bernoulli mass, of q or of the prior. */
    private void addBernoulliScore(FloatBuffer logits, int l0, FloatBuffer code, int c0, double w, FloatBuffer grad, int g0) {
        for (int i = 0; i < units; i++) {
            double g = Bernoulli.score(logits.get(l0 + i), code.get(c0 + i));
            grad.put(g0 + i, (float) (grad.get(g0 + i) + w * g));
        }
    }

    @Override
    public void mode(LayerBuffers b) {
        FloatBuffer pb = b.post.buffer();
        FloatBuffer cb = b.code.buffer();
        for (int r = 0; r < b.rows(); r++) {
            int p0 = at.paramAt(r);
            int c0 = at.codeAt(r);
            for (int i = 0; i < units; i++) {
                cb.put(c0 + i, pb.get(p0 + i) > 0 ? 1f : 0f);
            }
        }
    }

    @Override
    public int meanWidth() {
        return 2 * units;
    }

    @Override
    public void posteriorMeans(LayerBuffers b, int r, double[] dest, int offset) {
        FloatBuffer pb = b.post.buffer();
        int p0 = at.paramAt(r);
        for (int i = 0; i < units; i++) {
            double on = LogSpace.sigmoid(pb.get(p0 + i));
            dest[offset + 2 * i] = 1 - on;
            dest[offset + 2 * i + 1] = on;
        }
    }
}

package org.concretelab.model.latent;

import java.nio.FloatBuffer;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.concretelab.distribution.Normal;
import org.concretelab.model.nn.Mat;

/**
 * {@code units} reparameterised Gaussian latents beside the discrete ones (the replication report's mixed
 * models): parameters [μ | log σ²], noise ε ~ N(0, 1), code z = μ + σε, in both graphs. A learned prior is
 * N(0, 1); a conditional one has its own μ and log σ².
 */
public final class GaussianLatents extends RowFamily {
    private final int units;
    private Placement at;
    private ZigguratSampler.NormalizedGaussian normal;

    public GaussianLatents(int units) {
        this.units = units;
    }

    @Override
    public int paramWidth() {
        return 2 * units;
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
        return 0;
    }

    @Override
    public void place(Placement placement) {
        this.at = placement;
    }

    @Override
    public void setTemperatures(double posterior, double prior) {
        // no relaxation: the Gaussian units are reparameterised exactly
    }

    @Override
    public void startNoise(UniformRandomProvider rng) {
        normal = ZigguratSampler.NormalizedGaussian.of(rng);
    }

    @Override
    public void drawNoise(UniformRandomProvider rng, LayerBuffers b, int r) {
        FloatBuffer nb = b.noise.buffer();
        int n0 = at.noiseAt(r);
        for (int g = 0; g < units; g++) {
            nb.put(n0 + g, (float) normal.sample());
        }
    }

    @Override
    protected double relaxedSampleRow(LayerBuffers b, int r, boolean hardForward) {
        return discreteSampleRow(b, r); // the same reparameterised sample in both graphs
    }

    @Override
    protected double discreteSampleRow(LayerBuffers b, int r) {
        FloatBuffer pb = b.post.buffer();
        FloatBuffer nb = b.noise.buffer();
        FloatBuffer cb = b.code.buffer();
        int p0 = at.paramAt(r);
        int n0 = at.noiseAt(r);
        int c0 = at.codeAt(r);
        double logq = 0;
        for (int g = 0; g < units; g++) {
            double mu = pb.get(p0 + g);
            double logVar = pb.get(p0 + units + g);
            double eps = nb.get(n0 + g);
            cb.put(c0 + g, (float) Normal.sample(mu, logVar, eps));
            logq += Normal.logDensityAtNoise(logVar, eps);
        }
        return logq;
    }

    @Override
    protected double relaxedLogPriorRow(LayerBuffers b, int r, Prior prior) {
        return discreteLogPriorRow(b, r, prior);
    }

    @Override
    protected double discreteLogPriorRow(LayerBuffers b, int r, Prior prior) {
        FloatBuffer cb = b.code.buffer();
        FloatBuffer qb = prior.params().buffer();
        int c0 = at.codeAt(r);
        int q0 = prior.rowBase(r) + at.param();
        double logp = 0;
        for (int g = 0; g < units; g++) {
            double z = cb.get(c0 + g);
            logp += prior.conditional() ? Normal.logDensity(z, qb.get(q0 + g), qb.get(q0 + units + g))
                    : Normal.standardLogDensity(z);
        }
        return logp;
    }

    @Override
    protected void addPriorGradientRow(LayerBuffers b, int r, Prior prior, double gw, Mat gPrior) {
        if (!prior.conditional()) {
            return; // N(0, 1) has no parameters
        }
        FloatBuffer cb = b.code.buffer();
        FloatBuffer qb = prior.params().buffer();
        FloatBuffer gqb = gPrior.buffer();
        int c0 = at.codeAt(r);
        int q0 = prior.rowBase(r) + at.param();
        for (int g = 0; g < units; g++) {
            double d = cb.get(c0 + g) - qb.get(q0 + g);
            double prec = Math.exp(-qb.get(q0 + units + g));
            gqb.put(q0 + g, (float) (gqb.get(q0 + g) + gw * d * prec));
            gqb.put(q0 + units + g, (float) (gqb.get(q0 + units + g) + gw * (-0.5 + 0.5 * d * d * prec)));
        }
    }

    @Override
    protected void posteriorGradientRow(LayerBuffers b, int r, Prior prior, double gw, boolean hardForward) {
        FloatBuffer pb = b.post.buffer();
        FloatBuffer nb = b.noise.buffer();
        FloatBuffer cb = b.code.buffer();
        FloatBuffer qb = prior.params().buffer();
        FloatBuffer gcb = b.gCode.buffer();
        FloatBuffer gpb = b.gPost.buffer();
        int p0 = at.paramAt(r);
        int n0 = at.noiseAt(r);
        int c0 = at.codeAt(r);
        int q0 = prior.rowBase(r) + at.param();
        for (int g = 0; g < units; g++) {
            double zc = cb.get(c0 + g);
            double gz = gcb.get(c0 + g);
            if (prior.conditional()) {
                gz -= gw * (zc - qb.get(q0 + g)) * Math.exp(-qb.get(q0 + units + g));
            } else {
                gz -= gw * zc;
            }
            double logVarQ = pb.get(p0 + units + g);
            double eps = nb.get(n0 + g);
            gpb.put(p0 + g, (float) gz);
            // z depends on log σ² through σ = exp(½ log σ²); −log q contributes +½ per unit.
            gpb.put(p0 + units + g, (float) (gz * 0.5 * Math.exp(0.5 * logVarQ) * eps + 0.5 * gw));
        }
    }

    @Override
    protected void addScoreRow(LayerBuffers b, int r, double weight) {
        FloatBuffer pb = b.post.buffer();
        FloatBuffer nb = b.noise.buffer();
        FloatBuffer gpb = b.gPost.buffer();
        int p0 = at.paramAt(r);
        int n0 = at.noiseAt(r);
        for (int g = 0; g < units; g++) {
            double eps = nb.get(n0 + g);
            // ∂ log N(z; μ, σ²)/∂μ = ε/σ and ∂/∂ log σ² = (ε² − 1)/2 at z = μ + σε
            double dMu = eps * Math.exp(-0.5 * pb.get(p0 + units + g));
            gpb.put(p0 + g, (float) (gpb.get(p0 + g) + weight * dMu));
            gpb.put(p0 + units + g, (float) (gpb.get(p0 + units + g) + weight * 0.5 * (eps * eps - 1)));
        }
    }

    @Override
    protected void discreteGraphGradientRow(LayerBuffers b, int r, Prior prior, double gw, double scoreWeight) {
        posteriorGradientRow(b, r, prior, gw, false); // reparameterised in both graphs: no score term
    }

    @Override
    protected void addDiscretePriorGradientRow(LayerBuffers b, int r, Prior prior, double gw, Mat gPrior) {
        addPriorGradientRow(b, r, prior, gw, gPrior);
    }

    @Override
    protected void modeRow(LayerBuffers b, int r) {
        FloatBuffer pb = b.post.buffer();
        FloatBuffer cb = b.code.buffer();
        int p0 = at.paramAt(r);
        int c0 = at.codeAt(r);
        for (int g = 0; g < units; g++) {
            cb.put(c0 + g, pb.get(p0 + g));
        }
    }

    @Override
    public int meanWidth() {
        return units;
    }

    @Override
    public void posteriorMeans(LayerBuffers b, int r, double[] dest, int offset) {
        FloatBuffer pb = b.post.buffer();
        int p0 = at.paramAt(r);
        for (int g = 0; g < units; g++) {
            dest[offset + g] = pb.get(p0 + g);
        }
    }
}

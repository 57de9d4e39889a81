package org.concretelab.model.latent;

import java.nio.FloatBuffer;
import org.apache.commons.rng.UniformRandomProvider;
import org.concretelab.distribution.Discrete;
import org.concretelab.distribution.ExpConcrete;
import org.concretelab.distribution.LogSpace;
import org.concretelab.distribution.Noise;
import org.concretelab.model.nn.Mat;

/**
 * {@code units} categorical latents of K classes, relaxed as ExpConcrete (log-simplex): K logits per unit,
 * Gumbel noise G, y = s − logsumexp(s) with s = (log α + G)/λ1, x = exp(y), fed downstream as a one-hot code
 * of K slots or as a corner of {−1, 1}^log2 K ({@link CategoricalCode}); the hard sample is the Gumbel-max
 * argmax. log q of the relaxed sample comes from the noise alone ({@link ExpConcrete#logDensityAtNoise}).
 */
public final class CategoricalLatents extends RowFamily {
    private final int units;
    private final int classes;
    private final CategoricalCode codeKind;
    /** Code values per unit: K (one-hot) or log2 K (corners). */
    private final int width;
    private final double[] s;
    private final double[] g;
    private final double[] gy;
    /** exp of a unit's log-simplex point, computed once per unit (the code and the gradient reuse it). */
    private final double[] x;
    /** A unit's gradient at its code values (corners: log2 K of them), read once. */
    private final double[] gc;
    /** A unit's conditional sample z̃ and its softmax(logits), for REBAR's z̃ | b. */
    private final double[] zt;
    private final double[] pi;
    private Placement at;
    private double lambdaQ;
    private double lambdaP;
    private double logNormQ;
    private double logNormP;

    public CategoricalLatents(int units, int classes) {
        this(units, classes, CategoricalCode.ONE_HOT);
    }

    public CategoricalLatents(int units, int classes, CategoricalCode codeKind) {
        this.units = units;
        this.classes = classes;
        this.codeKind = codeKind;
        this.width = codeKind.width(classes);
        this.s = new double[classes];
        this.g = new double[classes];
        this.gy = new double[classes];
        this.x = new double[classes];
        this.gc = new double[width];
        this.zt = new double[classes];
        this.pi = new double[classes];
    }

    @Override
    public int paramWidth() {
        return units * classes;
    }

    @Override
    public int noiseWidth() {
        return units * classes;
    }

    @Override
    public int codeWidth() {
        return units * width;
    }

    @Override
    public int valueWidth() {
        return units * classes;
    }

    @Override
    public void place(Placement placement) {
        this.at = placement;
    }

    @Override
    public void setTemperatures(double posterior, double prior) {
        lambdaQ = posterior;
        lambdaP = prior;
        logNormQ = ExpConcrete.logNormalizer(classes, posterior);
        logNormP = ExpConcrete.logNormalizer(classes, prior);
    }

    @Override
    public void drawNoise(UniformRandomProvider rng, LayerBuffers b, int r) {
        FloatBuffer nb = b.noise.buffer();
        int n0 = at.noiseAt(r);
        for (int i = 0; i < units * classes; i++) {
            nb.put(n0 + i, (float) Noise.gumbel(Noise.uniform(rng)));
        }
    }

    @Override
    protected double relaxedSampleRow(LayerBuffers b, int r, boolean hardForward) {
        FloatBuffer pb = b.post.buffer();
        FloatBuffer nb = b.noise.buffer();
        FloatBuffer yb = b.y.buffer();
        FloatBuffer cb = b.code.buffer();
        int p0 = at.paramAt(r);
        int n0 = at.noiseAt(r);
        int c0 = at.codeAt(r);
        int y0 = at.valueAt(r);
        double logq = 0;
        for (int u = 0; u < units; u++) {
            int off = u * classes;
            for (int k = 0; k < classes; k++) {
                g[k] = nb.get(n0 + off + k);
                s[k] = ExpConcrete.scaledPerturbedLogit(pb.get(p0 + off + k), g[k], lambdaQ);
            }
            int hard = hardForward ? LogSpace.argmax(s, classes) : -1;
            ExpConcrete.normalizeLog(s, classes);
            for (int k = 0; k < classes; k++) {
                yb.put(y0 + off + k, (float) s[k]);
            }
            if (hardForward) {
                writeHard(cb, c0 + u * width, hard);
            } else if (codeKind == CategoricalCode.ONE_HOT) {
                for (int k = 0; k < classes; k++) {
                    cb.put(c0 + off + k, (float) Math.exp(s[k]));
                }
            } else {
                for (int k = 0; k < classes; k++) {
                    x[k] = Math.exp(s[k]);
                }
                for (int j = 0; j < width; j++) { // Ỹ_j = Σ_k C_jk x_k
                    double v = 0;
                    for (int k = 0; k < classes; k++) {
                        v += CategoricalCode.corner(j, k) * x[k];
                    }
                    cb.put(c0 + u * width + j, (float) v);
                }
            }
            logq += ExpConcrete.logDensityAtNoise(g, classes, logNormQ);
        }
        return logq;
    }

    @Override
    protected double relaxedLogPriorRow(LayerBuffers b, int r, Prior prior) {
        FloatBuffer yb = b.y.buffer();
        FloatBuffer qb = prior.params().buffer();
        FloatBuffer sb = b.soft.buffer();
        int q0 = prior.rowBase(r) + at.param();
        int y0 = at.valueAt(r);
        double logp = 0;
        for (int u = 0; u < units; u++) {
            int off = u * classes;
            for (int k = 0; k < classes; k++) {
                s[k] = qb.get(q0 + off + k) - lambdaP * yb.get(y0 + off + k); // t_k = log α_k − λ2·y_k
            }
            logp += ExpConcrete.logDensityOfOffsets(s, classes, logNormP, g);
            for (int k = 0; k < classes; k++) {
                sb.put(y0 + off + k, (float) g[k]);
            }
        }
        return logp;
    }

    @Override
    protected void addPriorGradientRow(LayerBuffers b, int r, Prior prior, double gw, Mat gPrior) {
        FloatBuffer sb = b.soft.buffer();
        FloatBuffer gqb = gPrior.buffer();
        int q0 = prior.rowBase(r) + at.param();
        int y0 = at.valueAt(r);
        for (int i = 0; i < units * classes; i++) {
            double pi = sb.get(y0 + i); // ∂ log p(y)/∂ log α_k = 1 − K·softmax_k(log α − λy)
            gqb.put(q0 + i, (float) (gqb.get(q0 + i) + gw * (1 - classes * pi)));
        }
    }

    @Override
    protected void posteriorGradientRow(LayerBuffers b, int r, Prior prior, double gw, boolean hardForward) {
        FloatBuffer yb = b.y.buffer();
        FloatBuffer sb = b.soft.buffer();
        FloatBuffer gcb = b.gCode.buffer();
        FloatBuffer gpb = b.gPost.buffer();
        int p0 = at.paramAt(r);
        int c0 = at.codeAt(r);
        int y0 = at.valueAt(r);
        for (int u = 0; u < units; u++) {
            int off = u * classes;
            for (int j = 0; j < width; j++) {
                gc[j] = gcb.get(c0 + u * width + j);
            }
            double total = 0;
            for (int k = 0; k < classes; k++) {
                double z = Math.exp(yb.get(y0 + off + k)); // relaxed, also under straight-through
                x[k] = z;
                // d/dy_k [log p(y)] = −λ + Kλ·softmax_k(log α − λy); d exp(y_k)/dy_k = z_k.
                gy[k] = codeGradient(k) * z + gw * lambdaP * (classes * sb.get(y0 + off + k) - 1);
                total += gy[k];
            }
            for (int k = 0; k < classes; k++) {
                // y = s − logsumexp(s): the Jacobian's transpose maps g to g − softmax(s)·Σg, softmax(s) = z.
                gpb.put(p0 + off + k, (float) ((gy[k] - x[k] * total) / lambdaQ));
            }
        }
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
        for (int u = 0; u < units; u++) {
            int off = u * classes;
            for (int k = 0; k < classes; k++) {
                s[k] = pb.get(p0 + off + k);
                g[k] = nb.get(n0 + off + k);
            }
            int best = Discrete.gumbelMax(s, g, classes);
            writeHard(cb, c0 + u * width, best);
            logq += Discrete.logProbability(s, classes, best);
        }
        return logq;
    }

    @Override
    protected double discreteLogPriorRow(LayerBuffers b, int r, Prior prior) {
        FloatBuffer cb = b.code.buffer();
        FloatBuffer qb = prior.params().buffer();
        int q0 = prior.rowBase(r) + at.param();
        int c0 = at.codeAt(r);
        double logp = 0;
        for (int u = 0; u < units; u++) {
            int off = u * classes;
            for (int k = 0; k < classes; k++) {
                s[k] = qb.get(q0 + off + k);
            }
            logp += Discrete.logProbability(s, classes, hardClass(cb, c0 + u * width));
        }
        return logp;
    }

    @Override
    protected void addScoreRow(LayerBuffers b, int r, double weight) {
        addCategoricalScore(b.post.buffer(), at.paramAt(r), b.code.buffer(), at.codeAt(r), weight, b.gPost.buffer(),
                at.paramAt(r));
    }

    @Override
    protected void discreteGraphGradientRow(LayerBuffers b, int r, Prior prior, double gw, double scoreWeight) {
        FloatBuffer gpb = b.gPost.buffer();
        int p0 = at.paramAt(r);
        for (int i = 0; i < units * classes; i++) {
            gpb.put(p0 + i, 0f);
        }
        addScoreRow(b, r, scoreWeight - gw);
    }

    @Override
    protected void addDiscretePriorGradientRow(LayerBuffers b, int r, Prior prior, double gw, Mat gPrior) {
        int q0 = prior.rowBase(r) + at.param();
        addCategoricalScore(prior.params().buffer(), q0, b.code.buffer(), at.codeAt(r), gw, gPrior.buffer(), q0);
    }

    /**
     * grad += w · ∂/∂a_k [a_z − logsumexp(a)] = w · (1[k = z] − softmax_k(a)) per unit: the score of a categorical
     * mass (of q, or of the prior) at the hard code's class z.
     */
    private void addCategoricalScore(FloatBuffer logits, int l0, FloatBuffer code, int c0, double w, FloatBuffer grad,
                                     int g0) {
        for (int u = 0; u < units; u++) {
            int off = u * classes;
            for (int k = 0; k < classes; k++) {
                s[k] = logits.get(l0 + off + k);
            }
            double lse = LogSpace.logSumExp(s, classes);
            int z = hardClass(code, c0 + u * width);
            for (int k = 0; k < classes; k++) {
                double g = (k == z ? 1 : 0) - Math.exp(s[k] - lse);
                grad.put(g0 + off + k, (float) (grad.get(g0 + off + k) + w * g));
            }
        }
    }

    /**
     * z̃ | b with fresh uniforms v_k (REBAR's appendix, with unnormalised logits a): the maximum z̃_b = −log(−log v_b) +
     * logsumexp(a) is a Gumbel of the sum, the others Gumbels truncated below it, z̃_k = −log(−log v_k·e^−a_k + e^−z̃_b).
     * The new noise z̃ − a is also kept in {@link LayerBuffers#conditional()} for the derivatives.
     */
    @Override
    public void conditionalNoise(UniformRandomProvider rng, LayerBuffers b) {
        FloatBuffer pb = b.post.buffer();
        FloatBuffer nb = b.noise.buffer();
        FloatBuffer kb = b.conditional().buffer();
        for (int r = 0; r < b.rows(); r++) {
            int p0 = at.paramAt(r);
            int n0 = at.noiseAt(r);
            for (int u = 0; u < units; u++) {
                int off = u * classes;
                for (int k = 0; k < classes; k++) {
                    s[k] = pb.get(p0 + off + k);
                    g[k] = nb.get(n0 + off + k);
                }
                int best = Discrete.gumbelMax(s, g, classes);
                double lse = LogSpace.logSumExp(s, classes);
                for (int k = 0; k < classes; k++) {
                    x[k] = Math.log(-Math.log(Noise.uniform(rng))); // log E_k, E_k = −log v_k ~ Exp(1)
                }
                double top = lse - x[best];
                for (int k = 0; k < classes; k++) {
                    double z = k == best ? top : -logAddExp(x[k] - s[k], -top);
                    float noise = (float) (z - s[k]);
                    nb.put(n0 + off + k, noise);
                    kb.put(n0 + off + k, noise);
                }
            }
        }
    }

    private static double logAddExp(double p, double q) {
        double m = Math.max(p, q);
        return m + Math.log(Math.exp(p - m) + Math.exp(q - m));
    }

    /**
     * Reads a unit's z̃ = a + noise, its maximum T = z̃_b, ρ_k = e^(z̃_k − T) (ρ_b = 1) and π = softmax(a): then
     * ∂z̃_k/∂a_j = (1 − ρ_k)δ_kj + ρ_k π_j. Returns nothing; fills {@link #zt} with ρ and {@link #pi} with π.
     */
    private void conditionalUnit(FloatBuffer pb, int p0, FloatBuffer kb, int n0) {
        double top = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < classes; k++) {
            s[k] = pb.get(p0 + k);
            zt[k] = s[k] + kb.get(n0 + k);
            top = Math.max(top, zt[k]);
        }
        double lse = LogSpace.logSumExp(s, classes);
        for (int k = 0; k < classes; k++) {
            zt[k] = Math.exp(zt[k] - top);
            pi[k] = Math.exp(s[k] - lse);
        }
    }

    /**
     * With H = G + Q the gradient at the noise (G the code's and prior's, held in {@code gPost}; Q_k = gw(1 − K
     * softmax_k(−noise)) the relaxed −log q's, a function of the noise alone), the logits' total gradient is
     * Jᵀ H − Q: H_j(1 − ρ_j) + π_j Σ_k ρ_k H_k − Q_j.
     */
    @Override
    public void conditionalGradient(LayerBuffers b, double[] gLogw) {
        FloatBuffer pb = b.post.buffer();
        FloatBuffer kb = b.conditional().buffer();
        FloatBuffer gpb = b.gPost.buffer();
        for (int r = 0; r < b.rows(); r++) {
            double gw = gLogw[r];
            for (int u = 0; u < units; u++) {
                int p0 = at.paramAt(r) + u * classes;
                int n0 = at.noiseAt(r) + u * classes;
                conditionalUnit(pb, p0, kb, n0);
                double lse = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < classes; k++) {
                    g[k] = -kb.get(n0 + k);
                    lse = Math.max(lse, g[k]);
                }
                double sum = 0;
                for (int k = 0; k < classes; k++) {
                    sum += Math.exp(g[k] - lse);
                }
                double weighted = 0;
                for (int k = 0; k < classes; k++) {
                    gy[k] = gw * (1 - classes * Math.exp(g[k] - lse) / sum); // Q_k
                    x[k] = gpb.get(p0 + k) + gy[k]; // H_k
                    weighted += zt[k] * x[k];
                }
                for (int j = 0; j < classes; j++) {
                    gpb.put(p0 + j, (float) (x[j] * (1 - zt[j]) + pi[j] * weighted - gy[j]));
                }
            }
        }
    }

    @Override
    public void conditionalJacobian(LayerBuffers b, float[] in, float[] out, int stride, boolean transpose) {
        FloatBuffer pb = b.post.buffer();
        FloatBuffer kb = b.conditional().buffer();
        for (int r = 0; r < b.rows(); r++) {
            for (int u = 0; u < units; u++) {
                int off = u * classes;
                int i0 = r * stride + at.param() + off;
                conditionalUnit(pb, at.paramAt(r) + off, kb, at.noiseAt(r) + off);
                double dot = 0; // π·in (J) or ρ·in (Jᵀ)
                for (int k = 0; k < classes; k++) {
                    dot += (transpose ? zt[k] : pi[k]) * in[i0 + k];
                }
                for (int k = 0; k < classes; k++) {
                    out[i0 + k] = (float) ((1 - zt[k]) * in[i0 + k] + (transpose ? pi[k] : zt[k]) * dot);
                }
            }
        }
    }

    @Override
    protected void modeRow(LayerBuffers b, int r) {
        FloatBuffer pb = b.post.buffer();
        FloatBuffer cb = b.code.buffer();
        int p0 = at.paramAt(r);
        int c0 = at.codeAt(r);
        for (int u = 0; u < units; u++) {
            int off = u * classes;
            for (int k = 0; k < classes; k++) {
                s[k] = pb.get(p0 + off + k);
            }
            writeHard(cb, c0 + u * width, LogSpace.argmax(s, classes));
        }
    }

    /** Writes class {@code k}'s hard code at {@code at}: a one-hot vector or its corner. */
    private void writeHard(FloatBuffer cb, int at, int k) {
        for (int j = 0; j < width; j++) {
            cb.put(at + j, codeKind == CategoricalCode.ONE_HOT ? (j == k ? 1f : 0f) : CategoricalCode.corner(j, k));
        }
    }

    /** The class a hard code at {@code at} stands for (the one-hot slot set, or the corner's bits). */
    private int hardClass(FloatBuffer cb, int at) {
        if (codeKind == CategoricalCode.ONE_HOT) {
            for (int k = 0; k < classes; k++) {
                g[k] = cb.get(at + k);
            }
            return LogSpace.argmax(g, classes);
        }
        int k = 0;
        for (int j = 0; j < width; j++) {
            if (cb.get(at + j) > 0) {
                k |= 1 << j;
            }
        }
        return k;
    }

    /**
     * ∂loss/∂x_k from the unit's gradient at its code ({@link #gc}): the slot itself (one-hot) or Σ_j C_jk ∂loss/∂Ỹ_j
     * (corners).
     */
    private double codeGradient(int k) {
        if (codeKind == CategoricalCode.ONE_HOT) {
            return gc[k];
        }
        double v = 0;
        for (int j = 0; j < width; j++) {
            v += CategoricalCode.corner(j, k) * gc[j];
        }
        return v;
    }

    @Override
    public int meanWidth() {
        return units * classes;
    }

    @Override
    public void posteriorMeans(LayerBuffers b, int r, double[] dest, int offset) {
        FloatBuffer pb = b.post.buffer();
        int p0 = at.paramAt(r);
        for (int u = 0; u < units; u++) {
            int off = u * classes;
            for (int k = 0; k < classes; k++) {
                s[k] = pb.get(p0 + off + k);
            }
            double lse = LogSpace.logSumExp(s, classes);
            for (int k = 0; k < classes; k++) {
                dest[offset + off + k] = Math.exp(s[k] - lse);
            }
        }
    }
}

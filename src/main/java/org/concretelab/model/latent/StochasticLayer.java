package org.concretelab.model.latent;

import java.nio.FloatBuffer;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.concretelab.model.LatentKind;
import org.concretelab.model.nn.Mat;

/**
 * The math of one stochastic layer of the VAE, row by row: {@code units} discrete latents (binary, or
 * categorical with {@code classes} classes) followed by {@code gaussian} reparameterised normal units.
 *
 * <p><b>Parameters.</b> A row of posterior (or conditional prior) parameters is laid out as
 * {@code [discrete logits (units·slots) | μ (gaussian) | log σ² (gaussian)]}, where a binary unit has one
 * logit log α and a categorical unit K unnormalised logits log α_k. A learned top-layer prior holds only
 * the discrete logits; its Gaussian part is N(0, 1).
 *
 * <p><b>Relaxed graph</b> (training; the paper's eq. 20, log densities in logit / log-simplex space):
 * <ul>
 *   <li>binary: y = (log α + L)/λ, L = log U − log(1−U) ~ Logistic; code σ(y);
 *       log p(y) = log λ − λy + log α − 2 softplus(log α − λy);</li>
 *   <li>categorical (ExpConcrete): y_k = s_k − logsumexp(s), s_k = (log α_k + G_k)/λ, G ~ Gumbel; code exp(y);
 *       log p(y) = log((K−1)!) + (K−1) log λ + Σ_k (log α_k − λy_k) − K logsumexp_k(log α_k − λy_k).</li>
 * </ul>
 * The posterior density is evaluated at its own reparameterised sample, where log α − λy = −L
 * (binary) and log α_k − λy_k = −G_k + λ·logsumexp(s) (categorical) exactly. Substituting gives
 * log q = log λ − L − 2 softplus(−L) and log q = log((K−1)!) + (K−1) log λ − Σ G_k − K logsumexp(−G):
 * functions of the noise alone (logit space is a location family). We compute log q that way, which
 * is exact and immune to cancellation at low λ, and its pathwise gradient with respect to the logits is
 * zero; the gradient check in the tests confirms the whole backward pass.
 *
 * <p><b>Discrete graph</b> (evaluation): the same noise gives the hard sample (y &gt; 0, or the
 * Gumbel-max argmax), scored with Bernoulli / categorical log-probabilities.
 */
public final class StochasticLayer {
    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);
    /** Uniforms are (k + ½)·2⁻⁵³: never 0 or 1, so logit and Gumbel transforms stay finite. */
    private static final double ULP53 = 0x1.0p-53;

    private final LatentKind kind;
    private final int units;
    private final int classes;
    private final int slots;
    private final int gaussian;
    private double lambdaQ;
    private double lambdaP;
    private double logNormQ;
    private double logNormP;
    private boolean straightThrough;

    public StochasticLayer(LatentKind kind, int units, int classes, int gaussian, double lambdaQ, double lambdaP) {
        this.kind = kind;
        this.units = units;
        this.classes = classes;
        this.slots = kind == LatentKind.BINARY ? 1 : classes;
        this.gaussian = gaussian;
        this.lambdaQ = lambdaQ;
        this.lambdaP = lambdaP;
        this.logNormQ = logNorm(lambdaQ);
        this.logNormP = logNorm(lambdaP);
    }

    /** Changes both temperatures (an annealing schedule); sampling and densities use them from the next call. */
    public void setTemperatures(double posterior, double prior) {
        this.lambdaQ = posterior;
        this.lambdaP = prior;
        this.logNormQ = logNorm(posterior);
        this.logNormP = logNorm(prior);
    }

    /**
     * Straight-through: the code fed downstream is the hard sample (the one-hot / 0-1 vertex of the relaxed
     * sample), while gradients flow as if it were the relaxed one. Biased, but the decoder then trains on the
     * discrete values it is evaluated with. The relaxed values are kept in {@code relaxed} for the backward pass.
     */
    public void setStraightThrough(boolean on) {
        this.straightThrough = on;
    }

    /** log((n−1)!) + (n−1) log λ, the constant of the (Exp)Concrete density (n = 2 for binary). */
    private double logNorm(double lambda) {
        int n = kind == LatentKind.BINARY ? 2 : classes;
        double lf = 0;
        for (int i = 2; i < n; i++) {
            lf += Math.log(i);
        }
        return lf + (n - 1) * Math.log(lambda);
    }

    public int discreteSize() {
        return units * slots;
    }

    public int paramSize() {
        return units * slots + 2 * gaussian;
    }

    public int codeSize() {
        return units * slots + gaussian;
    }

    public int noiseSize() {
        return units * slots + gaussian;
    }

    /** Logistic (binary), Gumbel (categorical) and standard normal noise for {@code rows} rows. */
    public void drawNoise(UniformRandomProvider rng, Mat noise) {
        FloatBuffer nb = noise.buffer();
        int ds = discreteSize();
        int width = noiseSize();
        ZigguratSampler.NormalizedGaussian normal = gaussian > 0 ? ZigguratSampler.NormalizedGaussian.of(rng) : null;
        for (int r = 0; r < noise.rows(); r++) {
            int base = r * width;
            for (int i = 0; i < ds; i++) {
                double u = ((rng.nextLong() >>> 11) + 0.5) * ULP53;
                // logistic noise log(u / (1 − u)): one log instead of two (u is in (0, 1), so the ratio is exact to 1 ulp)
                double v = kind == LatentKind.BINARY ? Math.log(u / (1 - u)) : -Math.log(-Math.log(u));
                nb.put(base + i, (float) v);
            }
            for (int g = 0; g < gaussian; g++) {
                nb.put(base + ds + g, (float) normal.sample());
            }
        }
    }

    // ---------------------------------------------------------------- relaxed graph

    /**
     * Samples the relaxed latents: writes y (logit / log-simplex values of the discrete part) and the
     * code fed downstream, and subtracts log q(y|x) from {@code logw}.
     */
    public void relaxedSample(Mat post, Mat noise, Mat y, Mat code, double[] logw) {
        FloatBuffer pb = post.buffer();
        FloatBuffer nb = noise.buffer();
        FloatBuffer yb = y.buffer();
        FloatBuffer cb = code.buffer();
        int ds = discreteSize();
        int ps = paramSize();
        int cs = codeSize();
        int ns = noiseSize();
        double[] s = new double[slots];
        for (int r = 0; r < post.rows(); r++) {
            double logq = 0;
            int p0 = r * ps;
            int n0 = r * ns;
            int c0 = r * cs;
            int y0 = r * ds;
            if (kind == LatentKind.BINARY) {
                for (int i = 0; i < units; i++) {
                    double l = nb.get(n0 + i);
                    double yi = (pb.get(p0 + i) + l) / lambdaQ;
                    yb.put(y0 + i, (float) yi);
                    cb.put(c0 + i, straightThrough ? (yi > 0 ? 1f : 0f) : (float) sigmoid(yi));
                    logq += logNormQ - l - 2 * softplus(-l);
                }
            } else {
                for (int u = 0; u < units; u++) {
                    int off = u * classes;
                    double max = Double.NEGATIVE_INFINITY;
                    double sumG = 0;
                    for (int k = 0; k < classes; k++) {
                        double g = nb.get(n0 + off + k);
                        sumG += g;
                        s[k] = (pb.get(p0 + off + k) + g) / lambdaQ;
                        max = Math.max(max, s[k]);
                    }
                    double sum = 0;
                    double sumExpNegG = 0;
                    for (int k = 0; k < classes; k++) {
                        sum += Math.exp(s[k] - max);
                        sumExpNegG += Math.exp(-nb.get(n0 + off + k));
                    }
                    double lse = max + Math.log(sum);
                    for (int k = 0; k < classes; k++) {
                        double yk = s[k] - lse;
                        yb.put(y0 + off + k, (float) yk);
                        cb.put(c0 + off + k, straightThrough ? (s[k] == max ? 1f : 0f) : (float) Math.exp(yk));
                    }
                    logq += logNormQ - sumG - classes * Math.log(sumExpNegG);
                }
            }
            logq += gaussianSample(pb, p0, nb, n0, cb, c0);
            logw[r] -= logq;
        }
    }

    /** Writes z = μ + σε into the code and returns Σ log N(z; μ, σ²) = Σ (−½log2π − ½log σ² − ε²/2). */
    private double gaussianSample(FloatBuffer pb, int p0, FloatBuffer nb, int n0, FloatBuffer cb, int c0) {
        int ds = discreteSize();
        double logq = 0;
        for (int g = 0; g < gaussian; g++) {
            double mu = pb.get(p0 + ds + g);
            double logVar = pb.get(p0 + ds + gaussian + g);
            double eps = nb.get(n0 + ds + g);
            cb.put(c0 + ds + g, (float) (mu + Math.exp(0.5 * logVar) * eps));
            logq += -HALF_LOG_TWO_PI - 0.5 * logVar - 0.5 * eps * eps;
        }
        return logq;
    }

    /**
     * Adds log p(y) under the relaxed prior to {@code logw}. {@code prior} is either one row of learned
     * discrete logits (top layer, Gaussian part N(0,1)) or one row of parameters per sample row. Stores in
     * {@code soft} what the backward pass needs (σ(log α − λy), or softmax_k(log α_k − λy_k)).
     */
    public void addRelaxedLogPrior(Mat y, Mat code, Mat prior, Mat soft, double[] logw) {
        FloatBuffer yb = y.buffer();
        FloatBuffer cb = code.buffer();
        FloatBuffer qb = prior.buffer();
        FloatBuffer sb = soft.buffer();
        boolean perRow = isConditional(prior);
        int ds = discreteSize();
        int qs = prior.cols();
        double[] t = new double[slots];
        for (int r = 0; r < y.rows(); r++) {
            int q0 = perRow ? r * qs : 0;
            int y0 = r * ds;
            double logp = 0;
            if (kind == LatentKind.BINARY) {
                for (int i = 0; i < units; i++) {
                    double b = qb.get(q0 + i);
                    double ti = b - lambdaP * yb.get(y0 + i);
                    double e = Math.exp(-Math.abs(ti)); // shared by σ(t) and softplus(t)
                    sb.put(y0 + i, (float) (ti >= 0 ? 1 / (1 + e) : e / (1 + e)));
                    logp += logNormP + ti - 2 * (Math.max(ti, 0) + Math.log(1 + e));
                }
            } else {
                for (int u = 0; u < units; u++) {
                    int off = u * classes;
                    double max = Double.NEGATIVE_INFINITY;
                    double sumT = 0;
                    for (int k = 0; k < classes; k++) {
                        t[k] = qb.get(q0 + off + k) - lambdaP * yb.get(y0 + off + k);
                        sumT += t[k];
                        max = Math.max(max, t[k]);
                    }
                    double sum = 0;
                    for (int k = 0; k < classes; k++) {
                        t[k] = Math.exp(t[k] - max);
                        sum += t[k];
                    }
                    for (int k = 0; k < classes; k++) {
                        sb.put(y0 + off + k, (float) (t[k] / sum));
                    }
                    logp += logNormP + sumT - classes * (max + Math.log(sum));
                }
            }
            logp += gaussianLogPrior(cb, r * codeSize(), prior, perRow ? q0 : -1);
            logw[r] += logp;
        }
    }

    private double gaussianLogPrior(FloatBuffer cb, int c0, Mat prior, int q0) {
        int ds = discreteSize();
        double logp = 0;
        FloatBuffer qb = prior.buffer();
        for (int g = 0; g < gaussian; g++) {
            double z = cb.get(c0 + ds + g);
            if (q0 < 0) {
                logp += -HALF_LOG_TWO_PI - 0.5 * z * z;
            } else {
                double mu = qb.get(q0 + ds + g);
                double logVar = qb.get(q0 + ds + gaussian + g);
                double d = z - mu;
                logp += -HALF_LOG_TWO_PI - 0.5 * logVar - 0.5 * d * d * Math.exp(-logVar);
            }
        }
        return logp;
    }

    /**
     * Accumulates into {@code gPrior} the gradient of the loss at the prior's parameters (per row for a
     * conditional prior, summed into one row for a learned one), given the loss gradient at each row's
     * log-weight. Needs the {@code soft} values stored by {@link #addRelaxedLogPrior}.
     */
    public void priorGradient(Mat code, Mat soft, Mat prior, double[] gLogw, Mat gPrior) {
        FloatBuffer cb = code.buffer();
        FloatBuffer sb = soft.buffer();
        FloatBuffer qb = prior.buffer();
        FloatBuffer gqb = gPrior.buffer();
        boolean perRow = isConditional(prior);
        int ds = discreteSize();
        int cs = codeSize();
        int qs = prior.cols();
        for (int r = 0; r < code.rows(); r++) {
            double gw = gLogw[r];
            int q0 = perRow ? r * qs : 0;
            int y0 = r * ds;
            if (kind == LatentKind.BINARY) {
                for (int i = 0; i < units; i++) {
                    double sp = sb.get(y0 + i);
                    gqb.put(q0 + i, (float) (gqb.get(q0 + i) + gw * (1 - 2 * sp)));
                }
            } else {
                for (int i = 0; i < ds; i++) {
                    double pi = sb.get(y0 + i);
                    gqb.put(q0 + i, (float) (gqb.get(q0 + i) + gw * (1 - classes * pi)));
                }
            }
            if (perRow) {
                for (int g = 0; g < gaussian; g++) {
                    double d = cb.get(r * cs + ds + g) - qb.get(q0 + ds + g);
                    double prec = Math.exp(-qb.get(q0 + ds + gaussian + g));
                    gqb.put(q0 + ds + g, (float) (gqb.get(q0 + ds + g) + gw * d * prec));
                    gqb.put(q0 + ds + gaussian + g,
                            (float) (gqb.get(q0 + ds + gaussian + g) + gw * (-0.5 + 0.5 * d * d * prec)));
                }
            }
        }
    }

    /**
     * Writes into {@code gPost} the gradient of the loss at the posterior parameters, through the
     * reparameterised sample: from the loss gradient at the code ({@code gCode}, i.e. from everything
     * downstream) and through the prior's log density at y (weighted by {@code gLogw}).
     */
    public void posteriorGradient(Mat post, Mat noise, Mat y, Mat code, Mat soft, Mat prior, Mat gCode,
                                  double[] gLogw, Mat gPost) {
        FloatBuffer yb = y.buffer();
        FloatBuffer pb = post.buffer();
        FloatBuffer nb = noise.buffer();
        FloatBuffer cb = code.buffer();
        FloatBuffer sb = soft.buffer();
        FloatBuffer qb = prior.buffer();
        FloatBuffer gcb = gCode.buffer();
        FloatBuffer gpb = gPost.buffer();
        boolean perRow = isConditional(prior);
        int ds = discreteSize();
        int ps = paramSize();
        int cs = codeSize();
        int ns = noiseSize();
        int qs = prior.cols();
        double[] gy = new double[slots];
        for (int r = 0; r < post.rows(); r++) {
            double gw = gLogw[r];
            int p0 = r * ps;
            int c0 = r * cs;
            int y0 = r * ds;
            int q0 = perRow ? r * qs : 0;
            if (kind == LatentKind.BINARY) {
                for (int i = 0; i < units; i++) {
                    // the relaxed value, also under straight-through (otherwise it is the code itself)
                    double z = straightThrough ? sigmoid(yb.get(y0 + i)) : cb.get(c0 + i);
                    // d/dy [log p(y)] = −λ + 2λσ(log α − λy); dσ(y)/dy = z(1 − z); dy/d log α = 1/λ1.
                    double g = gcb.get(c0 + i) * z * (1 - z) + gw * lambdaP * (2 * sb.get(y0 + i) - 1);
                    gpb.put(p0 + i, (float) (g / lambdaQ));
                }
            } else {
                for (int u = 0; u < units; u++) {
                    int off = u * classes;
                    double total = 0;
                    for (int k = 0; k < classes; k++) {
                        double z = Math.exp(yb.get(y0 + off + k)); // relaxed, also under straight-through
                        // d/dy_k [log p(y)] = −λ + Kλ·softmax_k(log α − λy); d exp(y_k)/dy_k = z_k.
                        gy[k] = gcb.get(c0 + off + k) * z + gw * lambdaP * (classes * sb.get(y0 + off + k) - 1);
                        total += gy[k];
                    }
                    for (int k = 0; k < classes; k++) {
                        // y = s − logsumexp(s): the Jacobian's transpose maps g to g − softmax(s)·Σg, softmax(s) = z.
                        double z = Math.exp(yb.get(y0 + off + k));
                        gpb.put(p0 + off + k, (float) ((gy[k] - z * total) / lambdaQ));
                    }
                }
            }
            for (int g = 0; g < gaussian; g++) {
                double zc = cb.get(c0 + ds + g);
                double gz = gcb.get(c0 + ds + g);
                if (perRow) {
                    gz -= gw * (zc - qb.get(q0 + ds + g)) * Math.exp(-qb.get(q0 + ds + gaussian + g));
                } else {
                    gz -= gw * zc;
                }
                double logVarQ = pb.get(p0 + ds + gaussian + g);
                double eps = nb.get(r * ns + ds + g);
                gpb.put(p0 + ds + g, (float) gz);
                // z depends on log σ² through σ = exp(½ log σ²); −log q contributes +½ per unit.
                gpb.put(p0 + ds + gaussian + g, (float) (gz * 0.5 * Math.exp(0.5 * logVarQ) * eps + 0.5 * gw));
            }
        }
    }

    /**
     * A prior is conditional (one row of full parameters per sample row) or learned (one row of discrete
     * logits, Gaussian part N(0,1)). Without Gaussian units both have the same width; then only the
     * row count tells, and with a single row both index row 0 alike.
     */
    private boolean isConditional(Mat prior) {
        return prior.cols() == paramSize() && (gaussian > 0 || prior.rows() > 1);
    }

    // ---------------------------------------------------------------- discrete graph

    /** Hard sample from the same noise (threshold / Gumbel-max); subtracts the discrete log q from logw. */
    public void discreteSample(Mat post, Mat noise, Mat code, double[] logw) {
        FloatBuffer pb = post.buffer();
        FloatBuffer nb = noise.buffer();
        FloatBuffer cb = code.buffer();
        int ps = paramSize();
        int cs = codeSize();
        int ns = noiseSize();
        for (int r = 0; r < post.rows(); r++) {
            int p0 = r * ps;
            int n0 = r * ns;
            int c0 = r * cs;
            double logq = 0;
            if (kind == LatentKind.BINARY) {
                for (int i = 0; i < units; i++) {
                    double a = pb.get(p0 + i);
                    boolean on = a + nb.get(n0 + i) > 0;
                    cb.put(c0 + i, on ? 1f : 0f);
                    logq += (on ? a : 0) - softplus(a);
                }
            } else {
                for (int u = 0; u < units; u++) {
                    int off = u * classes;
                    int best = 0;
                    double bestV = Double.NEGATIVE_INFINITY;
                    for (int k = 0; k < classes; k++) {
                        double v = pb.get(p0 + off + k) + nb.get(n0 + off + k);
                        if (v > bestV) {
                            bestV = v;
                            best = k;
                        }
                        cb.put(c0 + off + k, 0f);
                    }
                    cb.put(c0 + off + best, 1f);
                    logq += pb.get(p0 + off + best) - logSumExp(pb, p0 + off, classes);
                }
            }
            logq += gaussianSample(pb, p0, nb, n0, cb, c0);
            logw[r] -= logq;
        }
    }

    /** Adds the discrete prior's log-probability of the hard code (and the Gaussian prior density). */
    public void addDiscreteLogPrior(Mat code, Mat prior, double[] logw) {
        FloatBuffer cb = code.buffer();
        FloatBuffer qb = prior.buffer();
        boolean perRow = isConditional(prior);
        int cs = codeSize();
        int qs = prior.cols();
        for (int r = 0; r < code.rows(); r++) {
            int q0 = perRow ? r * qs : 0;
            int c0 = r * cs;
            double logp = 0;
            if (kind == LatentKind.BINARY) {
                for (int i = 0; i < units; i++) {
                    double b = qb.get(q0 + i);
                    logp += (cb.get(c0 + i) > 0.5f ? b : 0) - softplus(b);
                }
            } else {
                for (int u = 0; u < units; u++) {
                    int off = u * classes;
                    int k = argmax(cb, c0 + off, classes);
                    logp += qb.get(q0 + off + k) - logSumExp(qb, q0 + off, classes);
                }
            }
            logp += gaussianLogPrior(cb, c0, prior, perRow ? q0 : -1);
            logw[r] += logp;
        }
    }

    /** The posterior's most probable discrete code, Gaussian units at their means. */
    public void mode(Mat post, Mat code) {
        FloatBuffer pb = post.buffer();
        FloatBuffer cb = code.buffer();
        int ps = paramSize();
        int cs = codeSize();
        int ds = discreteSize();
        for (int r = 0; r < post.rows(); r++) {
            int p0 = r * ps;
            int c0 = r * cs;
            if (kind == LatentKind.BINARY) {
                for (int i = 0; i < units; i++) {
                    cb.put(c0 + i, pb.get(p0 + i) > 0 ? 1f : 0f);
                }
            } else {
                for (int u = 0; u < units; u++) {
                    int off = u * classes;
                    int k = argmax(pb, p0 + off, classes);
                    for (int j = 0; j < classes; j++) {
                        cb.put(c0 + off + j, j == k ? 1f : 0f);
                    }
                }
            }
            for (int g = 0; g < gaussian; g++) {
                cb.put(c0 + ds + g, pb.get(p0 + ds + g));
            }
        }
    }

    static double sigmoid(double x) {
        if (x >= 0) {
            return 1 / (1 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1 + e);
    }

    /**
     * log(1 + eˣ) without overflow. {@code Math.log(1 + e)} instead of {@code log1p}: 10× faster (not an
     * intrinsic) and off by at most e·2⁻⁵³ absolute, negligible in sums of log-densities.
     */
    static double softplus(double x) {
        return Math.max(x, 0) + Math.log(1 + Math.exp(-Math.abs(x)));
    }

    private static double logSumExp(FloatBuffer b, int from, int n) {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < n; k++) {
            max = Math.max(max, b.get(from + k));
        }
        double sum = 0;
        for (int k = 0; k < n; k++) {
            sum += Math.exp(b.get(from + k) - max);
        }
        return max + Math.log(sum);
    }

    private static int argmax(FloatBuffer b, int from, int n) {
        int best = 0;
        for (int k = 1; k < n; k++) {
            if (b.get(from + k) > b.get(from + best)) {
                best = k;
            }
        }
        return best;
    }
}

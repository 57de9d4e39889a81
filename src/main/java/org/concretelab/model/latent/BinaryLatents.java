package org.concretelab.model.latent;

import java.nio.FloatBuffer;
import org.apache.commons.rng.UniformRandomProvider;
import org.concretelab.distribution.Bernoulli;
import org.concretelab.distribution.BinaryConcrete;
import org.concretelab.distribution.LogSpace;
import org.concretelab.distribution.Noise;
import org.concretelab.model.nn.Mat;
import org.concretelab.model.vector.BernoulliRows;
import org.concretelab.model.vector.RowKernels;

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
    /** The element-wise loops, in SIMD lanes where the JVM allows (one row at a time, over the heap rows below). */
    private static final RowKernels KERNELS = RowKernels.get();
    /** One row of each operand, copied out of and back into the native buffers (a layer serves one thread). */
    private final float[] rowA;
    private final float[] rowB;
    private final float[] rowC;
    private final float[] rowD;
    private final double[] uniforms;
    private final double[] relaxed;
    /** log q and log p of hard codes: rows that repeat their logits (k samples of one image; the prior) add cached terms. */
    private final BernoulliRows posteriorRows;
    private final BernoulliRows priorRows;
    /** σ of the posterior's and the prior's logits for the score-function gradients, cached the same way. */
    private final SigmoidRows posteriorSigmas;
    private final SigmoidRows priorSigmas;
    private final float[] zeros;
    private final BinaryGradientRows gradientRows;

    public BinaryLatents(int units) {
        this.units = units;
        rowA = new float[units];
        rowB = new float[units];
        rowC = new float[units];
        rowD = new float[units];
        uniforms = new double[units];
        relaxed = new double[units];
        posteriorRows = KERNELS.bernoulliRows(units);
        priorRows = KERNELS.bernoulliRows(units);
        posteriorSigmas = new SigmoidRows(units);
        priorSigmas = new SigmoidRows(units);
        zeros = new float[units];
        gradientRows = new BinaryGradientRows(units);
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
        int n0 = at.noiseAt(r);
        for (int i = 0; i < units; i++) { // L = log(u/(1 − u)), the ratio in double, its log in lanes
            uniforms[i] = Noise.uniform(rng);
        }
        KERNELS.logisticRow(uniforms, units, rowA);
        b.noise.buffer().put(n0, rowA, 0, units);
    }

    @Override
    public void relaxedSample(LayerBuffers b, boolean hardForward, double[] logqs) {
        FloatBuffer pb = b.post.buffer();
        FloatBuffer nb = b.noise.buffer();
        FloatBuffer yb = b.y.buffer();
        FloatBuffer cb = b.code.buffer();
        for (int r = 0; r < b.rows(); r++) {
            pb.get(at.paramAt(r), rowA, 0, units);
            nb.get(at.noiseAt(r), rowB, 0, units);
            // y = (log α + L)/λ1, the code σ(y) (or 1[y > 0]); log q from the noise alone (logitLogDensityAtNoise)
            double logq = KERNELS.binaryConcreteRow(rowA, rowB, units, (float) lambdaQ, hardForward, rowC, rowD);
            yb.put(at.valueAt(r), rowC, 0, units);
            cb.put(at.codeAt(r), rowD, 0, units);
            logqs[r] += logq + units * logNormQ;
        }
    }

    @Override
    public void relaxedLogPrior(LayerBuffers b, Prior prior, double[] logps) {
        FloatBuffer yb = b.y.buffer();
        FloatBuffer qb = prior.params().buffer();
        FloatBuffer sb = b.soft.buffer();
        for (int r = 0; r < b.rows(); r++) {
            int y0 = at.valueAt(r);
            qb.get(prior.rowBase(r) + at.param(), rowA, 0, units);
            yb.get(y0, rowB, 0, units);
            // t = log α − λ2·y, σ(t) kept for the gradient, log p = log λ2 + t − 2 softplus(t) (logitLogDensity)
            double logp = KERNELS.binaryConcreteDensityRow(rowA, rowB, units, (float) lambdaP, rowC);
            sb.put(y0, rowC, 0, units);
            logps[r] += logp + units * logNormP;
        }
    }

    @Override
    public void addPriorGradient(LayerBuffers b, Prior prior, double[] gLogw, Mat gPrior) {
        FloatBuffer sb = b.soft.buffer();
        FloatBuffer gqb = gPrior.buffer();
        for (int r = 0; r < b.rows(); r++) { // a row at a time through heap copies and a kernel: see addBernoulliScore
            double gw = gLogw[r];
            int q0 = prior.rowBase(r) + at.param();
            sb.get(at.valueAt(r), rowA, 0, units);
            gqb.get(q0, rowB, 0, units);
            gradientRows.addPriorGradient(rowA, rowB, units, gw); // ∂ log p(y)/∂ log α = 1 − 2σ(log α − λy)
            gqb.put(q0, rowB, 0, units);
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
            gcb.get(at.codeAt(r), rowB, 0, units);
            sb.get(at.valueAt(r), rowC, 0, units);
            if (hardForward) { // the relaxed value σ(y), not the hard code the decoder saw
                yb.get(at.valueAt(r), rowA, 0, units);
                for (int i = 0; i < units; i++) {
                    relaxed[i] = LogSpace.sigmoid(rowA[i]);
                }
            } else {
                cb.get(at.codeAt(r), rowA, 0, units);
                for (int i = 0; i < units; i++) {
                    relaxed[i] = rowA[i];
                }
            }
            // d/dy [log p(y)] = −λ + 2λσ(log α − λy); dσ(y)/dy = z(1 − z); dy/d log α = 1/λ1.
            gradientRows.posteriorGradient(relaxed, rowB, rowC, units, gw * lambdaP, lambdaQ, rowD);
            gpb.put(at.paramAt(r), rowD, 0, units);
        }
    }

    @Override
    public void discreteSample(LayerBuffers b, double[] logqs) {
        FloatBuffer pb = b.post.buffer();
        FloatBuffer nb = b.noise.buffer();
        FloatBuffer cb = b.code.buffer();
        for (int r = 0; r < b.rows(); r++) {
            pb.get(at.paramAt(r), rowA, 0, units);
            nb.get(at.noiseAt(r), rowB, 0, units);
            KERNELS.hardRow(rowA, rowB, units, rowC); // Bernoulli.sampleFromLogistic, unit by unit
            cb.put(at.codeAt(r), rowC, 0, units);
            logqs[r] += posteriorRows.row(rowC, rowA); // Σ Bernoulli.logProbability(a, z)
        }
    }

    @Override
    public void discreteLogPrior(LayerBuffers b, Prior prior, double[] logps) {
        FloatBuffer cb = b.code.buffer();
        FloatBuffer qb = prior.params().buffer();
        for (int r = 0; r < b.rows(); r++) {
            qb.get(prior.rowBase(r) + at.param(), rowA, 0, units);
            cb.get(at.codeAt(r), rowC, 0, units); // hard codes: exactly 0 or 1
            logps[r] += priorRows.row(rowC, rowA); // Σ Bernoulli.logProbability(q, z)
        }
    }

    @Override
    public void addScore(LayerBuffers b, double[] weights) {
        for (int r = 0; r < b.rows(); r++) {
            addBernoulliScore(b.post.buffer(), at.paramAt(r), b.code.buffer(), at.codeAt(r), weights[r], b.gPost.buffer(),
                    at.paramAt(r), posteriorSigmas);
        }
    }

    @Override
    public void discreteGraphGradient(LayerBuffers b, Prior prior, double[] gLogw, double[] scoreWeights) {
        FloatBuffer gpb = b.gPost.buffer();
        for (int r = 0; r < b.rows(); r++) {
            int p0 = at.paramAt(r);
            gpb.put(p0, zeros, 0, units);
            addBernoulliScore(b.post.buffer(), p0, b.code.buffer(), at.codeAt(r), scoreWeights[r] - gLogw[r], gpb, p0,
                    posteriorSigmas);
        }
    }

    @Override
    public void addDiscretePriorGradient(LayerBuffers b, Prior prior, double[] gLogw, Mat gPrior) {
        for (int r = 0; r < b.rows(); r++) {
            int q0 = prior.rowBase(r) + at.param();
            addBernoulliScore(prior.params().buffer(), q0, b.code.buffer(), at.codeAt(r), gLogw[r], gPrior.buffer(), q0,
                    priorSigmas);
        }
    }

    /**
     * grad += w · ∂/∂a [z·a − softplus(a)] = w · (z − σ(a)): the score of a Bernoulli mass, of q or of the prior
     * ({@code Bernoulli.score}, to the bit). A row at a time through heap copies and {@link BinaryGradientRows} — element by
     * element this was most of a VIMCO step at m = 50 — with σ(a) from {@code sigmas}, reused while rows repeat.
     */
    private void addBernoulliScore(FloatBuffer logits, int l0, FloatBuffer code, int c0, double w, FloatBuffer grad, int g0,
            SigmoidRows sigmas) {
        logits.get(l0, rowA, 0, units);
        code.get(c0, rowC, 0, units);
        grad.get(g0, rowB, 0, units);
        gradientRows.addScore(rowC, sigmas.of(rowA), rowB, units, w);
        grad.put(g0, rowB, 0, units);
    }

    /**
     * z̃ | b with fresh v ~ U(0, 1): z̃ = softplus(a + log v) − log(1 − v) &gt; 0 when b = 1, its mirror
     * −softplus(−a + log v) + log(1 − v) &lt; 0 when b = 0 — the inverse CDF of the logistic a + L truncated to the
     * side of 0 that b says (REBAR's v' = v·θ + (1 − θ) or v·(1 − θ), written without cancellation). Keeps
     * ∂z̃/∂a = σ(±a + log v).
     */
    @Override
    public void conditionalNoise(UniformRandomProvider rng, LayerBuffers b) {
        FloatBuffer pb = b.post.buffer();
        FloatBuffer nb = b.noise.buffer();
        FloatBuffer db = b.conditional().buffer();
        for (int r = 0; r < b.rows(); r++) {
            int p0 = at.paramAt(r);
            int n0 = at.noiseAt(r);
            for (int i = 0; i < units; i++) {
                double a = pb.get(p0 + i);
                boolean one = Bernoulli.sampleFromLogistic(a, nb.get(n0 + i));
                double v = Noise.uniform(rng);
                double t = (one ? a : -a) + Math.log(v);
                double side = LogSpace.softplus(t) - Math.log1p(-v); // > 0: the truncated logistic's distance from 0
                double zt = one ? side : -side;
                nb.put(n0 + i, (float) (zt - a));
                db.put(n0 + i, (float) LogSpace.sigmoid(t));
            }
        }
    }

    /**
     * d = ∂z̃/∂a per unit: the code's and prior's part G (∂c/∂z at the noise held fixed) becomes G·d, and the relaxed
     * log q, a function of the noise L̃ = z̃ − a alone, adds −gw·∂log q/∂L̃·(d − 1) = gw·(2σ(L̃) − 1)(d − 1).
     */
    @Override
    public void conditionalGradient(LayerBuffers b, double[] gLogw) {
        FloatBuffer nb = b.noise.buffer();
        FloatBuffer db = b.conditional().buffer();
        FloatBuffer gpb = b.gPost.buffer();
        for (int r = 0; r < b.rows(); r++) {
            int p0 = at.paramAt(r);
            int n0 = at.noiseAt(r);
            double gw = gLogw[r];
            for (int i = 0; i < units; i++) {
                double d = db.get(n0 + i);
                double q = gw * (2 * LogSpace.sigmoid(nb.get(n0 + i)) - 1);
                gpb.put(p0 + i, (float) (gpb.get(p0 + i) * d + q * (d - 1)));
            }
        }
    }

    @Override
    public void conditionalJacobian(LayerBuffers b, float[] in, float[] out, int stride, boolean transpose) {
        FloatBuffer db = b.conditional().buffer();
        for (int r = 0; r < b.rows(); r++) { // diagonal: J = Jᵀ
            int p0 = r * stride + at.param();
            int n0 = at.noiseAt(r);
            for (int i = 0; i < units; i++) {
                out[p0 + i] = db.get(n0 + i) * in[p0 + i];
            }
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

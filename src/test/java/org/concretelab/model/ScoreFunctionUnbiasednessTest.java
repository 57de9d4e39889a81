package org.concretelab.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.SplittableRandom;
import org.concretelab.model.nn.Param;
import org.concretelab.model.task.Task;
import org.junit.jupiter.api.Test;

/**
 * The score-function estimators are unbiased: on a model small enough to enumerate every latent configuration
 * (3 binary units: 8 codes, 64 pairs for m = 2) the exact gradient of the discrete objective is a finite sum, and
 * the mean of many NVIL / VIMCO / DisARM estimates must match it within the Monte Carlo error measured from the estimates
 * themselves (5 standard errors, plus a slack for float32 rounding). Checked at the posterior's logits (the encoder's
 * output bias, its weights held at zero so the logits are the bias) and at the learned prior's logits.
 *
 * <p>NVIL's running statistics are held at fixed values for every estimate (as a single step sees them: they come
 * from earlier steps). With max(1, √v) = 1 the estimator is unbiased for the ELBO's gradient; with √v = 3 its score
 * term, the encoder's whole expected gradient, is that gradient divided by 3 (NVIL's variance normalisation rescales
 * the encoder's step), while the prior's gradient is untouched.
 */
class ScoreFunctionUnbiasednessTest {
    private static final int UNITS = 3;
    private static final int ROWS = 100; // one image repeated: each row an independent sample
    private static final int CALLS = 400; // 40,000 samples in all
    private static final double SLACK = 2e-3;

    private final float[] image = new float[Task.IMAGE_PIXELS];
    private final double[] posterior = {0.4f, -0.8f, 1.2f}; // float values, as the model holds them
    private final double[] prior = {0.3f, -0.5f, 0.1f};
    private double[] decoderBias;
    private double[][] decoderWeights;

    private ConcreteVae model(String estimator, int m) {
        ModelSpec spec = new ModelSpec(Architecture.LINEAR_ONE, LatentKind.BINARY, UNITS, 2, 0, 4, 2.0 / 3, 0.5, m, 1e-3,
                estimator);
        ConcreteVae model = (ConcreteVae) VaeModels.create(spec, 5);
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < image.length; i++) {
            image[i] = random.nextDouble() < 0.2 ? 1f : 0f;
        }
        param(model, "encoder1.0.W").value().fill(0f);
        set(param(model, "encoder1.0.b"), posterior);
        set(param(model, "prior.logits"), prior);
        // decoder weights 5× their Glorot draw: the codes' log-weights differ by tens of nats, as in a real model
        Param w = param(model, "decoder.0.W");
        var wb = w.value().buffer();
        decoderWeights = new double[UNITS][Task.IMAGE_PIXELS];
        for (int i = 0; i < w.size(); i++) {
            wb.put(i, 5 * wb.get(i));
            decoderWeights[i / Task.IMAGE_PIXELS][i % Task.IMAGE_PIXELS] = wb.get(i);
        }
        var bb = param(model, "decoder.0.b").value().buffer();
        decoderBias = new double[Task.IMAGE_PIXELS];
        for (int i = 0; i < decoderBias.length; i++) {
            decoderBias[i] = bb.get(i);
        }
        return model;
    }

    // ------------------------------------------------------------------ the exact objective by enumeration

    private static boolean on(int code, int unit) {
        return (code >> unit & 1) == 1;
    }

    private static double logBernoulli(double logit, boolean one) {
        return (one ? logit : 0) - softplus(logit);
    }

    private static double softplus(double t) {
        return Math.max(t, 0) + Math.log1p(Math.exp(-Math.abs(t)));
    }

    private static double sigmoid(double t) {
        return 1 / (1 + Math.exp(-t));
    }

    private double logQ(int code) {
        double s = 0;
        for (int u = 0; u < UNITS; u++) {
            s += logBernoulli(posterior[u], on(code, u));
        }
        return s;
    }

    /** log w = log p(x|z) + log p(z) − log q(z|x) of a hard code, in double precision. */
    private double logWeight(int code) {
        double s = 0;
        for (int u = 0; u < UNITS; u++) {
            s += logBernoulli(prior[u], on(code, u));
        }
        for (int i = 0; i < Task.IMAGE_PIXELS; i++) {
            double t = decoderBias[i];
            for (int u = 0; u < UNITS; u++) {
                t += on(code, u) ? decoderWeights[u][i] : 0;
            }
            s += image[i] * t - softplus(t);
        }
        return s - logQ(code);
    }

    /** The ELBO E_q[log w], exactly. */
    private double elbo() {
        double elbo = 0;
        for (int z = 0; z < 1 << UNITS; z++) {
            elbo += Math.exp(logQ(z)) * logWeight(z);
        }
        return elbo;
    }

    /** ∂ log Bernoulli(logit)/∂logit at the code, per unit: z − σ(logit). */
    private static double score(double[] logits, int code, int u) {
        return (on(code, u) ? 1 : 0) - sigmoid(logits[u]);
    }

    /**
     * The exact gradient of the loss −L_m (L_1 the ELBO, L_2 the 2-sample bound) at the posterior's logits (first 3)
     * and the prior's logits (last 3): Σ over codes of q · [L̂ ∇log q + ∇L̂].
     */
    private double[] exactLossGradient(int m) {
        int n = 1 << UNITS;
        double[] q = new double[n];
        double[] logw = new double[n];
        for (int z = 0; z < n; z++) {
            q[z] = Math.exp(logQ(z));
            logw[z] = logWeight(z);
        }
        double[] g = new double[2 * UNITS];
        if (m == 1) {
            for (int z = 0; z < n; z++) {
                for (int u = 0; u < UNITS; u++) {
                    // ∇_a E[log w] = E[log w · s(z)] + E[−s(z)], the last term 0
                    g[u] -= q[z] * logw[z] * score(posterior, z, u);
                    g[UNITS + u] -= q[z] * score(prior, z, u);
                }
            }
            return g;
        }
        for (int z1 = 0; z1 < n; z1++) {
            for (int z2 = 0; z2 < n; z2++) {
                double pq = q[z1] * q[z2];
                double max = Math.max(logw[z1], logw[z2]);
                double e1 = Math.exp(logw[z1] - max);
                double e2 = Math.exp(logw[z2] - max);
                double bound = max + Math.log((e1 + e2) / 2);
                double w1 = e1 / (e1 + e2);
                double w2 = e2 / (e1 + e2);
                for (int u = 0; u < UNITS; u++) {
                    double s1 = score(posterior, z1, u);
                    double s2 = score(posterior, z2, u);
                    // score term of both samples, plus the bound's own dependence: ∂L̂/∂log w_j · (−s_j)
                    g[u] -= pq * (bound * (s1 + s2) - w1 * s1 - w2 * s2);
                    g[UNITS + u] -= pq * (w1 * score(prior, z1, u) + w2 * score(prior, z2, u));
                }
            }
        }
        return g;
    }

    // ------------------------------------------------------------------ the estimators' mean

    /** Mean and standard error of the estimates at the posterior's and the prior's logits, over CALLS independent calls. */
    private double[][] estimate(ConcreteVae model, float[] statistics) {
        float[] batch = new float[ROWS * Task.IMAGE_PIXELS];
        for (int r = 0; r < ROWS; r++) {
            System.arraycopy(image, 0, batch, r * Task.IMAGE_PIXELS, Task.IMAGE_PIXELS);
        }
        Param encoderBias = param(model, "encoder1.0.b");
        Param priorLogits = param(model, "prior.logits");
        Param running = model.parameters().stream().filter(p -> p.name().equals("estimator.nvil.running")).findFirst()
                .orElse(null); // NVIL's statistics
        double[] sum = new double[2 * UNITS];
        double[] squares = new double[2 * UNITS];
        for (int k = 0; k < CALLS; k++) {
            if (running != null) {
                running.value().load(statistics, 0); // the statistics a step would have from earlier steps
            }
            model.objectiveAndGradient(batch, ROWS, 1_000 + k);
            float[] encoderGradient = model.gradient(encoderBias);
            float[] priorGradient = model.gradient(priorLogits);
            for (int u = 0; u < UNITS; u++) {
                double[] g = {encoderGradient[u], priorGradient[u]};
                for (int part = 0; part < 2; part++) {
                    sum[part * UNITS + u] += g[part];
                    squares[part * UNITS + u] += g[part] * g[part];
                }
            }
        }
        double[] mean = new double[2 * UNITS];
        double[] se = new double[2 * UNITS];
        for (int i = 0; i < mean.length; i++) {
            mean[i] = sum[i] / CALLS;
            double variance = (squares[i] - CALLS * mean[i] * mean[i]) / (CALLS - 1);
            se[i] = Math.sqrt(Math.max(variance, 0) / CALLS);
        }
        return new double[][] {mean, se};
    }

    private static void assertMatches(String what, double[] expected, double[][] estimate) {
        double[] mean = estimate[0];
        double[] se = estimate[1];
        StringBuilder report = new StringBuilder(what + " (posterior logits | prior logits):");
        for (int i = 0; i < expected.length; i++) {
            report.append(String.format(Locale.ROOT, "%n  %s[%d] exact %+.5f  mean %+.5f  SE %.5f  (%+.1f SE)",
                    i < UNITS ? "posterior" : "prior", i % UNITS, expected[i], mean[i], se[i], (mean[i] - expected[i]) / se[i]));
        }
        System.out.println(report);
        for (int i = 0; i < expected.length; i++) {
            assertTrue(Math.abs(mean[i] - expected[i]) < 5 * se[i] + SLACK, report.toString());
        }
    }

    /** The check has power: a gradient without the score term (0 at the posterior's logits) would fail it. */
    private static void assertScoreTermMatters(double[] exact, double[][] estimate) {
        double most = 0;
        for (int u = 0; u < UNITS; u++) {
            most = Math.max(most, Math.abs(exact[u]) / (5 * estimate[1][u] + SLACK));
        }
        assertTrue(most > 3, "the posterior's exact gradient is within the noise: the test could not tell a wrong estimator");
    }

    @Test
    void nvilIsUnbiasedForTheElbosGradient() {
        ConcreteVae model = model("nvil", 1);
        double[] exact = exactLossGradient(1);
        // c = E[l] (the baseline network adds its own b(x)); v < 1: no rescaling
        double[][] estimate = estimate(model, new float[] {(float) elbo(), 0.25f, 1f});
        assertMatches("NVIL, max(1, √v) = 1", exact, estimate);
        assertScoreTermMatters(exact, estimate);
    }

    @Test
    void nvilsVarianceNormalisationDividesTheEncodersGradient() {
        ConcreteVae model = model("nvil", 1);
        double[] exact = exactLossGradient(1);
        for (int u = 0; u < UNITS; u++) {
            exact[u] /= 3;
        }
        // c 10 nats off: still unbiased, only noisier
        double[][] estimate = estimate(model, new float[] {(float) (elbo() + 10), 9f, 1f});
        assertMatches("NVIL, max(1, √v) = 3", exact, estimate);
    }

    @Test
    void vimcoIsUnbiasedForTheTwoSampleBoundsGradient() {
        ConcreteVae model = model("vimco", 2);
        double[] exact = exactLossGradient(2);
        double[][] estimate = estimate(model, null);
        assertMatches("VIMCO, m = 2", exact, estimate);
        assertScoreTermMatters(exact, estimate);
    }

    @Test
    void disarmIsUnbiasedForTheElbosGradient() {
        ConcreteVae model = model("disarm", 1);
        double[] exact = exactLossGradient(1);
        double[][] estimate = estimate(model, null);
        assertMatches("DisARM, antithetic pairs", exact, estimate);
        assertScoreTermMatters(exact, estimate);
    }

    @Test
    void armIsUnbiasedForTheElbosGradientAndNoisierThanDisarm() {
        ConcreteVae armModel = model("arm", 1);
        double[] exact = exactLossGradient(1);
        double[][] arm = estimate(armModel, null);
        assertMatches("ARM, antithetic pairs", exact, arm);
        assertScoreTermMatters(exact, arm);
        // DisARM is ARM's expectation given the pair (b, b̃): never noisier, at the posterior logits
        double[][] disarm = estimate(model("disarm", 1), null);
        double armNoise = 0;
        double disarmNoise = 0;
        for (int i = 0; i < UNITS; i++) {
            armNoise += arm[1][i] * arm[1][i];
            disarmNoise += disarm[1][i] * disarm[1][i];
        }
        assertTrue(disarmNoise < armNoise, "DisARM's squared SE " + disarmNoise + " against ARM's " + armNoise);
    }

    @Test
    void rebarIsUnbiasedForTheElbosGradient() {
        ConcreteVae model = model("rebar", 1);
        double[] exact = exactLossGradient(1);
        double[][] estimate = estimate(model, null);
        assertMatches("REBAR, η = 1, λ = 1/2", exact, estimate);
        assertScoreTermMatters(exact, estimate);
    }

    @Test
    void relaxIsUnbiasedForTheElbosGradient() {
        ConcreteVae model = model("relax", 1);
        ControlVariateEstimatorTest.waken(model, 3); // its network's last layer starts at zero: RELAX would be REBAR
        double[] exact = exactLossGradient(1);
        double[][] estimate = estimate(model, null);
        assertMatches("RELAX, η = 1, λ = 1/2, r a random network", exact, estimate);
        assertScoreTermMatters(exact, estimate);
    }

    private static Param param(ConcreteVae model, String name) {
        return model.parameters().stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no parameter " + name));
    }

    private static void set(Param p, double[] values) {
        for (int i = 0; i < values.length; i++) {
            p.value().set(0, i, (float) values[i]);
        }
    }
}

package org.concretelab.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.SplittableRandom;
import org.concretelab.model.nn.Param;
import org.concretelab.model.task.Task;
import org.junit.jupiter.api.Test;

/**
 * The control-variate estimators are unbiased for categorical latents too: 2 units of 3 classes (9 codes) make the
 * discrete ELBO's gradient a finite sum; the mean of 40,000 one-sample estimates must match it at the posterior's and
 * the prior's logits within 5 standard errors measured from the estimates (plus a slack for float32 rounding). The
 * encoder's weights are held at zero, so the posterior's logits are its bias.
 */
class CategoricalUnbiasednessTest {
    private static final int UNITS = 2;
    private static final int CLASSES = 3;
    private static final int WIDTH = UNITS * CLASSES;
    private static final int ROWS = 100;
    private static final int CALLS = 400;
    private static final double SLACK = 2e-3;

    private final float[] image = new float[Task.IMAGE_PIXELS];
    private final double[] posterior = {0.4f, -0.8f, 1.2f, -0.3f, 0.5f, 0.1f};
    private final double[] prior = {0.3f, -0.5f, 0.1f, 0.6f, -0.2f, 0f};
    private double[] decoderBias;
    private double[][] decoderWeights;

    private ConcreteVae model(String estimator) {
        ModelSpec spec = new ModelSpec(Architecture.LINEAR_ONE, LatentKind.CATEGORICAL, UNITS, CLASSES, 0, 4, 1, 2.0 / 3, 1,
                1e-3, estimator);
        ConcreteVae model = (ConcreteVae) VaeModels.create(spec, 5);
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < image.length; i++) {
            image[i] = random.nextDouble() < 0.2 ? 1f : 0f;
        }
        param(model, "encoder1.0.W").value().fill(0f);
        set(param(model, "encoder1.0.b"), posterior);
        set(param(model, "prior.logits"), prior);
        Param w = param(model, "decoder.0.W"); // 5× its Glorot draw: codes' log-weights tens of nats apart
        var wb = w.value().buffer();
        decoderWeights = new double[WIDTH][Task.IMAGE_PIXELS];
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

    /** Unit u's class in code c (base 3 digits). */
    private static int classOf(int c, int u) {
        return u == 0 ? c % CLASSES : c / CLASSES;
    }

    private static double logSoftmax(double[] logits, int u, int k) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < CLASSES; j++) {
            max = Math.max(max, logits[u * CLASSES + j]);
        }
        double sum = 0;
        for (int j = 0; j < CLASSES; j++) {
            sum += Math.exp(logits[u * CLASSES + j] - max);
        }
        return logits[u * CLASSES + k] - max - Math.log(sum);
    }

    private static double logMass(double[] logits, int c) {
        double s = 0;
        for (int u = 0; u < UNITS; u++) {
            s += logSoftmax(logits, u, classOf(c, u));
        }
        return s;
    }

    private double logWeight(int c) {
        double s = logMass(prior, c) - logMass(posterior, c);
        for (int i = 0; i < Task.IMAGE_PIXELS; i++) {
            double t = decoderBias[i];
            for (int u = 0; u < UNITS; u++) {
                t += decoderWeights[u * CLASSES + classOf(c, u)][i];
            }
            s += image[i] * t - (Math.max(t, 0) + Math.log1p(Math.exp(-Math.abs(t))));
        }
        return s;
    }

    /** ∂ log mass/∂ logit (u, j) at code c: 1[j = class] − softmax. */
    private static double score(double[] logits, int c, int slot) {
        int u = slot / CLASSES;
        int j = slot % CLASSES;
        return (classOf(c, u) == j ? 1 : 0) - Math.exp(logSoftmax(logits, u, j));
    }

    /** The exact gradient of −ELBO at the posterior's logits (first 6) and the prior's (last 6). */
    private double[] exactLossGradient() {
        double[] g = new double[2 * WIDTH];
        for (int c = 0; c < CLASSES * CLASSES; c++) {
            double q = Math.exp(logMass(posterior, c));
            double logw = logWeight(c);
            for (int i = 0; i < WIDTH; i++) {
                g[i] -= q * logw * score(posterior, c, i);
                g[WIDTH + i] -= q * score(prior, c, i);
            }
        }
        return g;
    }

    private double[][] estimate(ConcreteVae model) {
        float[] batch = new float[ROWS * Task.IMAGE_PIXELS];
        for (int r = 0; r < ROWS; r++) {
            System.arraycopy(image, 0, batch, r * Task.IMAGE_PIXELS, Task.IMAGE_PIXELS);
        }
        Param encoderBias = param(model, "encoder1.0.b");
        Param priorLogits = param(model, "prior.logits");
        double[] sum = new double[2 * WIDTH];
        double[] squares = new double[2 * WIDTH];
        for (int k = 0; k < CALLS; k++) {
            model.objectiveAndGradient(batch, ROWS, 1_000 + k);
            float[] encoderGradient = model.gradient(encoderBias);
            float[] priorGradient = model.gradient(priorLogits);
            for (int i = 0; i < WIDTH; i++) {
                double[] g = {encoderGradient[i], priorGradient[i]};
                for (int part = 0; part < 2; part++) {
                    sum[part * WIDTH + i] += g[part];
                    squares[part * WIDTH + i] += g[part] * g[part];
                }
            }
        }
        double[] mean = new double[2 * WIDTH];
        double[] se = new double[2 * WIDTH];
        for (int i = 0; i < mean.length; i++) {
            mean[i] = sum[i] / CALLS;
            se[i] = Math.sqrt(Math.max((squares[i] - CALLS * mean[i] * mean[i]) / (CALLS - 1), 0) / CALLS);
        }
        return new double[][] {mean, se};
    }

    private void assertUnbiased(String estimator) {
        ConcreteVae model = model(estimator);
        ControlVariateEstimatorTest.waken(model, 3); // RELAX's network made to matter (REBAR has none)
        double[] exact = exactLossGradient();
        double[][] estimate = estimate(model);
        StringBuilder report = new StringBuilder(estimator + ", 2 units × 3 classes (posterior logits | prior logits):");
        double most = 0;
        for (int i = 0; i < exact.length; i++) {
            report.append(String.format(Locale.ROOT, "%n  %s[%d] exact %+.5f  mean %+.5f  SE %.5f  (%+.1f SE)",
                    i < WIDTH ? "posterior" : "prior", i % WIDTH, exact[i], estimate[0][i], estimate[1][i],
                    (estimate[0][i] - exact[i]) / estimate[1][i]));
            if (i < WIDTH) {
                most = Math.max(most, Math.abs(exact[i]) / (5 * estimate[1][i] + SLACK));
            }
        }
        System.out.println(report);
        for (int i = 0; i < exact.length; i++) {
            assertTrue(Math.abs(estimate[0][i] - exact[i]) < 5 * estimate[1][i] + SLACK, report.toString());
        }
        assertTrue(most > 3, "the posterior's exact gradient is within the noise: the test could not tell a wrong estimator");
    }

    @Test
    void rebarIsUnbiasedForCategoricalLatents() {
        assertUnbiased("rebar");
    }

    @Test
    void relaxIsUnbiasedForCategoricalLatents() {
        assertUnbiased("relax");
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

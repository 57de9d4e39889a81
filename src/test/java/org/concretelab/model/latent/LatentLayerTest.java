package org.concretelab.model.latent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.commons.rng.simple.RandomSource;
import org.concretelab.distribution.BinaryConcrete;
import org.concretelab.distribution.ExpConcrete;
import org.concretelab.model.LatentKind;
import org.concretelab.model.LatentLayout;
import org.concretelab.model.nn.Mat;
import org.junit.jupiter.api.Test;

/**
 * The fused training kernel computes the same log densities as the distribution package: log q from the
 * noise alone (see BinaryLatents / CategoricalLatents) and log p at the sample.
 */
class LatentLayerTest {

    @Test
    void categoricalLogDensitiesMatchExpConcrete() {
        int units = 3;
        int k = 4;
        double lq = 0.8;
        double lp = 0.5;
        LatentLayer layer = new LatentLayout(LatentKind.CATEGORICAL, units, k, 0).layer(lq, lp);
        LayerBuffers buffers = new LayerBuffers(layer, 2);
        Mat post = buffers.post;
        Mat prior = new Mat(1, units * k);
        var r = RandomSource.XO_RO_SHI_RO_128_PP.create(3);
        for (int i = 0; i < 2 * units * k; i++) {
            post.buffer().put(i, (float) (3 * r.nextDouble() - 1.5));
        }
        for (int i = 0; i < units * k; i++) {
            prior.buffer().put(i, (float) (2 * r.nextDouble() - 1));
        }
        layer.drawNoise(r, buffers);
        Mat y = buffers.y;
        double[] logq = new double[2];
        double[] logp = new double[2];
        layer.relaxedSample(buffers, false, logq);
        layer.addRelaxedLogPrior(buffers, Prior.learned(prior), logp);
        for (int row = 0; row < 2; row++) {
            double q = 0;
            double p = 0;
            for (int u = 0; u < units; u++) {
                double[] a = new double[k];
                double[] b = new double[k];
                double[] yy = new double[k];
                for (int c = 0; c < k; c++) {
                    a[c] = post.get(row, u * k + c);
                    b[c] = prior.get(0, u * k + c);
                    yy[c] = y.get(row, u * k + c);
                }
                q += ExpConcrete.ofLogits(a, lq).logDensity(yy);
                p += ExpConcrete.ofLogits(b, lp).logDensity(yy);
            }
            // float32 y (values up to ~10) vs the exact noise form: agreement to ~1e-4 of the sum
            assertEquals(q, -logq[row], 1e-4 * Math.max(1, Math.abs(q)), "log q row " + row);
            assertEquals(p, logp[row], 1e-4 * Math.max(1, Math.abs(p)), "log p row " + row);
        }
    }

    @Test
    void binaryLogDensitiesMatchBinaryConcrete() {
        int units = 6;
        LatentLayer layer = new LatentLayout(LatentKind.BINARY, units, 2, 0).layer(2.0 / 3, 0.5);
        LayerBuffers b = new LayerBuffers(layer, 1);
        var r = RandomSource.XO_RO_SHI_RO_128_PP.create(4);
        Mat post = b.post;
        Mat prior = new Mat(1, units);
        for (int i = 0; i < units; i++) {
            post.buffer().put(i, (float) (4 * r.nextDouble() - 2));
            prior.buffer().put(i, (float) (2 * r.nextDouble() - 1));
        }
        layer.drawNoise(r, b);
        Mat noise = b.noise;
        Mat y = b.y;
        Mat code = b.code;
        double[] logq = new double[1];
        double[] logp = new double[1];
        layer.relaxedSample(b, false, logq);
        layer.addRelaxedLogPrior(b, Prior.learned(prior), logp);
        double q = 0;
        double p = 0;
        for (int i = 0; i < units; i++) {
            q += BinaryConcrete.ofLogit(post.get(0, i), 2.0 / 3).logitLogDensity(y.get(0, i));
            p += BinaryConcrete.ofLogit(prior.get(0, i), 0.5).logitLogDensity(y.get(0, i));
            assertEquals(BinaryConcrete.ofLogit(post.get(0, i), 2.0 / 3).sampleFromLogistic(noise.get(0, i)), code.get(0, i), 1e-6);
        }
        assertEquals(q, -logq[0], 1e-4 * Math.max(1, Math.abs(q)));
        assertEquals(p, logp[0], 1e-4 * Math.max(1, Math.abs(p)));
    }

    /** Discrete log q of a fixed hard sample, as a function of the posterior parameters. */
    private static double discreteLogQ(LatentLayer layer, LayerBuffers b, float[] post, float[] code) {
        b.post.load(post, 0);
        double[] logw = new double[1];
        // score the given hard code: sample once with the stored noise, then check it is the same code
        layer.discreteSample(b, logw);
        float[] got = new float[code.length];
        b.code.store(got, 0);
        org.junit.jupiter.api.Assertions.assertArrayEquals(code, got, "the perturbation must not flip the sample");
        return -logw[0];
    }

    /** The score ∂ log q(z)/∂params that score-function estimators need, against finite differences, for every family. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"BINARY", "CATEGORICAL", "CORNERS"})
    void scoreMatchesFiniteDifferencesOfTheDiscreteLogMass(String kind) {
        LatentKind k = LatentKind.valueOf(kind);
        LatentLayer layer = new LatentLayout(k, 3, k == LatentKind.BINARY ? 2 : 4, 2).layer(0.7, 0.5);
        LayerBuffers b = new LayerBuffers(layer, 1);
        var r = RandomSource.XO_RO_SHI_RO_128_PP.create(9);
        float[] post = new float[layer.paramSize()];
        for (int i = 0; i < post.length; i++) {
            post[i] = (float) (r.nextDouble() - 0.5);
        }
        layer.drawNoise(r, b);
        b.post.load(post, 0);
        double[] logw = new double[1];
        layer.discreteSample(b, logw);
        float[] code = new float[layer.codeSize()];
        b.code.store(code, 0);
        b.gPost.fill(0f);
        layer.addScore(b, new double[] {1.0});
        float[] score = new float[layer.paramSize()];
        b.gPost.store(score, 0);
        // the Gaussian units' code moves with μ and log σ²; their score is the density's derivative at fixed z
        int discrete = layer.learnedPriorSize();
        for (int i = 0; i < discrete; i++) {
            float[] up = post.clone();
            float[] down = post.clone();
            float h = 1e-2f;
            up[i] += h;
            down[i] -= h;
            double fd = (discreteLogQ(layer, b, up, code) - discreteLogQ(layer, b, down, code)) / (2 * h);
            assertEquals(fd, score[i], 2e-3, kind + " parameter " + i);
        }
        // Gaussian: ∂/∂μ log N(z; μ, σ²) at z fixed = (z − μ)/σ² = ε/σ; ∂/∂ log σ² = (ε² − 1)/2
        for (int g = 0; g < 2; g++) {
            double eps = b.noise.get(0, layer.noiseSize() - 2 + g);
            double logVar = post[discrete + 2 + g];
            assertEquals(eps * Math.exp(-0.5 * logVar), score[discrete + g], 1e-5);
            assertEquals(0.5 * (eps * eps - 1), score[discrete + 2 + g], 1e-5);
        }
    }

    @Test
    void gaussianUnitsAreReparameterisedAndScoredUnderTheirPrior() {
        LatentLayer layer = new LatentLayout(LatentKind.BINARY, 2, 2, 3).layer(0.7, 0.5);
        LayerBuffers b = new LayerBuffers(layer, 1);
        var r = RandomSource.XO_RO_SHI_RO_128_PP.create(2);
        for (int i = 0; i < layer.paramSize(); i++) {
            b.post.buffer().put(i, (float) (r.nextDouble() - 0.5));
        }
        layer.drawNoise(r, b);
        double[] logq = new double[1];
        layer.relaxedSample(b, false, logq);
        double[] discreteLogq = new double[1];
        Mat relaxedCode = new Mat(1, layer.codeSize());
        relaxedCode.load(copy(b.code), 0);
        layer.discreteSample(b, discreteLogq);
        double expectedQ = 0;
        double expectedP = 0;
        for (int g = 0; g < 3; g++) {
            double mu = b.post.get(0, 2 + g);
            double logVar = b.post.get(0, 5 + g);
            double eps = b.noise.get(0, 2 + g);
            double z = mu + Math.exp(0.5 * logVar) * eps;
            assertEquals(z, b.code.get(0, 2 + g), 1e-6, "z = μ + σε in the discrete graph");
            assertEquals(z, relaxedCode.get(0, 2 + g), 1e-6, "and in the relaxed one");
            expectedQ += -0.5 * Math.log(2 * Math.PI) - 0.5 * logVar - 0.5 * (z - mu) * (z - mu) / Math.exp(logVar);
            expectedP += -0.5 * Math.log(2 * Math.PI) - 0.5 * z * z;
        }
        double binaryQ = 0;
        for (int i = 0; i < 2; i++) {
            double a = b.post.get(0, i);
            boolean on = b.code.get(0, i) > 0.5f;
            binaryQ += (on ? a : 0) - Math.log1p(Math.exp(a));
        }
        assertEquals(expectedQ + binaryQ, -discreteLogq[0], 1e-5);
        Mat logits = new Mat(1, layer.learnedPriorSize()); // zero logits: Bernoulli(½) per unit, N(0, 1) per Gaussian
        double[] logp = new double[1];
        layer.addDiscreteLogPrior(b, Prior.learned(logits), logp);
        assertEquals(expectedP + 2 * Math.log(0.5), logp[0], 1e-5);
    }

    private static float[] copy(Mat m) {
        float[] v = new float[m.rows() * m.cols()];
        m.store(v, 0);
        return v;
    }

    /** F(post) = Σ c·code + log p(y) at fixed noise (log q of the sample does not depend on post). */
    private static double codeAndPrior(LatentLayer layer, LayerBuffers b, float[] post, float[] c, Mat prior) {
        b.post.load(post, 0);
        double[] logw = new double[1];
        layer.relaxedSample(b, false, logw);
        double[] logp = new double[1];
        layer.addRelaxedLogPrior(b, Prior.learned(prior), logp);
        double dot = 0;
        for (int j = 0; j < c.length; j++) {
            dot += c[j] * b.code.get(0, j);
        }
        return dot + logp[0];
    }

    /** Both codes of a K-ary unit (one-hot slots, the paper's corners) backpropagate right: finite differences. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(CategoricalCode.class)
    void categoricalCodesBackpropagateRight(CategoricalCode code) {
        int units = 2;
        int k = 8;
        LatentLayer layer = new LatentLayer(java.util.List.of(new CategoricalLatents(units, k, code)));
        layer.setTemperatures(2.0 / 3, 0.4);
        assertEquals(units * code.width(k), layer.codeSize());
        LayerBuffers b = new LayerBuffers(layer, 1);
        var r = RandomSource.XO_RO_SHI_RO_128_PP.create(6);
        float[] post = new float[layer.paramSize()];
        for (int i = 0; i < post.length; i++) {
            post[i] = (float) (r.nextDouble() - 0.5);
        }
        Mat prior = new Mat(1, layer.paramSize());
        for (int i = 0; i < layer.paramSize(); i++) {
            prior.buffer().put(i, (float) (r.nextDouble() - 0.5));
        }
        float[] c = new float[layer.codeSize()];
        for (int j = 0; j < c.length; j++) {
            c[j] = (float) (r.nextDouble() - 0.5);
        }
        layer.drawNoise(r, b);
        codeAndPrior(layer, b, post, c, prior);
        b.gCode.load(c, 0);
        layer.posteriorGradient(b, Prior.learned(prior), new double[] {1.0}, false);
        float[] analytic = new float[post.length];
        b.gPost.store(analytic, 0);
        for (int i = 0; i < post.length; i++) {
            float[] up = post.clone();
            float[] down = post.clone();
            up[i] += 1e-2f;
            down[i] -= 1e-2f;
            double fd = (codeAndPrior(layer, b, up, c, prior) - codeAndPrior(layer, b, down, c, prior)) / 2e-2;
            assertEquals(fd, analytic[i], 2e-3 * Math.max(1, Math.abs(fd)), code + " parameter " + i);
        }
    }

    @Test
    void aHardCornerCodeIsTheCornerOfTheGumbelMaxClassAndScoresAsThatClass() {
        int k = 4;
        LatentLayer corners = new LatentLayer(java.util.List.of(new CategoricalLatents(3, k, CategoricalCode.CORNERS)));
        LatentLayer oneHot = new LatentLayer(java.util.List.of(new CategoricalLatents(3, k, CategoricalCode.ONE_HOT)));
        corners.setTemperatures(1, 2.0 / 3);
        oneHot.setTemperatures(1, 2.0 / 3);
        LayerBuffers bc = new LayerBuffers(corners, 1);
        LayerBuffers bo = new LayerBuffers(oneHot, 1);
        var r = RandomSource.XO_RO_SHI_RO_128_PP.create(12);
        for (int i = 0; i < corners.paramSize(); i++) {
            float v = (float) (2 * r.nextDouble() - 1);
            bc.post.buffer().put(i, v);
            bo.post.buffer().put(i, v);
        }
        corners.drawNoise(RandomSource.XO_RO_SHI_RO_128_PP.create(3), bc);
        oneHot.drawNoise(RandomSource.XO_RO_SHI_RO_128_PP.create(3), bo);
        double[] qc = new double[1];
        double[] qo = new double[1];
        corners.discreteSample(bc, qc);
        oneHot.discreteSample(bo, qo);
        assertEquals(qo[0], qc[0], 1e-12, "the same class, the same log mass");
        for (int u = 0; u < 3; u++) {
            int cls = 0;
            for (int kk = 0; kk < k; kk++) {
                if (bo.code.get(0, u * k + kk) == 1f) {
                    cls = kk;
                }
            }
            for (int j = 0; j < 2; j++) {
                assertEquals(CategoricalCode.corner(j, cls), bc.code.get(0, u * 2 + j), "unit " + u + " bit " + j);
            }
        }
        Mat prior = new Mat(1, corners.paramSize());
        prior.buffer().put(0, 1.5f);
        double[] pc = new double[1];
        double[] po = new double[1];
        corners.addDiscreteLogPrior(bc, Prior.learned(prior), pc);
        oneHot.addDiscreteLogPrior(bo, Prior.learned(prior), po);
        assertEquals(po[0], pc[0], 1e-12);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> CategoricalCode.CORNERS.width(6));
    }
}

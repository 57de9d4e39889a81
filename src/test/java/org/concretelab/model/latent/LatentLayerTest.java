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
        LatentLayer layer = LatentLayer.of(new LatentLayout(LatentKind.CATEGORICAL, units, k, 0), lq, lp);
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
        LatentLayer layer = LatentLayer.of(new LatentLayout(LatentKind.BINARY, units, 2, 0), 2.0 / 3, 0.5);
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
}

package org.concretelab.model.latent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.commons.rng.simple.RandomSource;
import org.concretelab.distribution.BinaryConcrete;
import org.concretelab.distribution.ExpConcrete;
import org.concretelab.model.LatentKind;
import org.concretelab.model.nn.Mat;
import org.junit.jupiter.api.Test;

/**
 * The fused training kernel computes the same log densities as the distribution package: log q from the
 * noise alone (see StochasticLayer's Javadoc) and log p at the sample.
 */
class StochasticLayerTest {

    @Test
    void categoricalLogDensitiesMatchExpConcrete() {
        int units = 3;
        int k = 4;
        double lq = 0.8;
        double lp = 0.5;
        StochasticLayer layer = new StochasticLayer(LatentKind.CATEGORICAL, units, k, 0, lq, lp);
        Mat post = new Mat(2, units * k);
        Mat prior = new Mat(1, units * k);
        var r = RandomSource.XO_RO_SHI_RO_128_PP.create(3);
        for (int i = 0; i < 2 * units * k; i++) {
            post.buffer().put(i, (float) (3 * r.nextDouble() - 1.5));
        }
        for (int i = 0; i < units * k; i++) {
            prior.buffer().put(i, (float) (2 * r.nextDouble() - 1));
        }
        Mat noise = new Mat(2, units * k);
        layer.drawNoise(r, noise);
        Mat y = new Mat(2, units * k);
        Mat code = new Mat(2, units * k);
        Mat soft = new Mat(2, units * k);
        double[] logq = new double[2];
        double[] logp = new double[2];
        layer.relaxedSample(post, noise, y, code, logq);
        layer.addRelaxedLogPrior(y, code, prior, soft, logp);
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
        StochasticLayer layer = new StochasticLayer(LatentKind.BINARY, units, 2, 0, 2.0 / 3, 0.5);
        var r = RandomSource.XO_RO_SHI_RO_128_PP.create(4);
        Mat post = new Mat(1, units);
        Mat prior = new Mat(1, units);
        for (int i = 0; i < units; i++) {
            post.buffer().put(i, (float) (4 * r.nextDouble() - 2));
            prior.buffer().put(i, (float) (2 * r.nextDouble() - 1));
        }
        Mat noise = new Mat(1, units);
        layer.drawNoise(r, noise);
        Mat y = new Mat(1, units);
        Mat code = new Mat(1, units);
        Mat soft = new Mat(1, units);
        double[] logq = new double[1];
        double[] logp = new double[1];
        layer.relaxedSample(post, noise, y, code, logq);
        layer.addRelaxedLogPrior(y, code, prior, soft, logp);
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

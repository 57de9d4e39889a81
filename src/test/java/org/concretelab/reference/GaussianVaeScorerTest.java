package org.concretelab.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.deeplearning4j.nn.layers.variational.VariationalAutoencoder;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The scorer's importance-sampled log p(x) against numerical integration, on a network with one Gaussian latent, where
 * p(x) = ∫ p(x|z) N(z; 0, 1) dz is a 1-D integral. The same integral shows what DL4J's reconstructionLogProbability
 * measures: ∫ q(z|x) log p(x|z) dz, the ELBO's reconstruction term, not log p(x).
 */
class GaussianVaeScorerTest {
    private static final int PIXELS = GaussianVaeNetwork.PIXELS;

    @Test
    void importanceSamplingMatchesQuadratureAndTheLayersMethodIsTheReconstructionTerm() {
        MultiLayerNetwork net = GaussianVaeNetwork.build(1, 8, 1e-3, 7);
        VariationalAutoencoder layer = GaussianVaeNetwork.vaeLayer(net);
        Map<String, INDArray> p = layer.paramTable();
        // make the pixels depend clearly on z (Xavier's small decoder weights leave every pixel near 1/2)
        p.get("d0W").muli(3);
        p.get("pXZW").muli(4);
        int n = 4;
        float[] images = new float[n * PIXELS];
        java.util.Random r = new java.util.Random(3);
        for (int i = 0; i < images.length; i++) {
            images[i] = r.nextDouble() < 0.3 ? 1f : 0f;
        }
        Model m = new Model(p);
        GaussianVaeScorer scorer = new GaussianVaeScorer(net);
        double[][] is = scorer.chunk(images, 0, n, 10_000, 11);
        Nd4j.getRandom().setSeed(5);
        double[] layerValues = layer.reconstructionLogProbability(Nd4j.create(images, new long[] {n, PIXELS}, 'c'), 2_000)
                .toDoubleVector();
        for (int i = 0; i < n; i++) {
            double[] x = new double[PIXELS];
            for (int j = 0; j < PIXELS; j++) {
                x[j] = images[i * PIXELS + j];
            }
            Quadrature q = m.integrate(x);
            assertEquals(q.logPx, is[0][i], 0.05, "image " + i + ": IS " + is[0][i] + " vs quadrature " + q.logPx);
            assertTrue(is[1][i] <= is[0][i], "the ELBO estimate lies below log p(x) on the same samples");
            double layerValue = layerValues[i];
            assertEquals(q.expectedLogPxGivenZ, layerValue, 0.5, "DL4J's value is E_q[log p(x|z)]");
            assertTrue(Math.abs(layerValue - q.logPx) > 1, "and that is not log p(x): " + layerValue + " vs " + q.logPx);
        }
    }

    private record Quadrature(double logPx, double expectedLogPxGivenZ) {
    }

    /** The 1-latent network restated in double precision from its parameters. */
    private static final class Model {
        final double[][] e0W, e1W, mW, vW, d0W, d1W, xW;
        final double[] e0b, e1b, mb, vb, d0b, d1b, xb;

        Model(Map<String, INDArray> p) {
            e0W = m(p, "e0W"); e0b = v(p, "e0b"); e1W = m(p, "e1W"); e1b = v(p, "e1b");
            mW = m(p, "pZXMeanW"); mb = v(p, "pZXMeanb"); vW = m(p, "pZXLogStd2W"); vb = v(p, "pZXLogStd2b");
            d0W = m(p, "d0W"); d0b = v(p, "d0b"); d1W = m(p, "d1W"); d1b = v(p, "d1b"); xW = m(p, "pXZW"); xb = v(p, "pXZb");
        }

        private static double[][] m(Map<String, INDArray> p, String k) {
            return p.get(k).castTo(DataType.DOUBLE).toDoubleMatrix();
        }

        private static double[] v(Map<String, INDArray> p, String k) {
            return p.get(k).castTo(DataType.DOUBLE).toDoubleVector();
        }

        private static double[] layer(double[] in, double[][] w, double[] b, boolean tanh) {
            double[] out = b.clone();
            for (int i = 0; i < in.length; i++) {
                for (int j = 0; j < out.length; j++) {
                    out[j] += in[i] * w[i][j];
                }
            }
            if (tanh) {
                for (int j = 0; j < out.length; j++) {
                    out[j] = Math.tanh(out[j]);
                }
            }
            return out;
        }

        double logPxGivenZ(double[] x, double z) {
            double[] a = layer(layer(layer(new double[] {z}, d0W, d0b, true), d1W, d1b, true), xW, xb, false);
            double s = 0;
            for (int j = 0; j < x.length; j++) {
                s += x[j] * a[j] - (Math.max(a[j], 0) + Math.log1p(Math.exp(-Math.abs(a[j]))));
            }
            return s;
        }

        Quadrature integrate(double[] x) {
            double[] h = layer(layer(x, e0W, e0b, true), e1W, e1b, true);
            double mu = layer(h, mW, mb, false)[0];
            double sigma = Math.exp(0.5 * layer(h, vW, vb, false)[0]);
            double dz = 0.001;
            double max = Double.NEGATIVE_INFINITY;
            int steps = (int) Math.round(20 / dz);
            double[] joint = new double[steps + 1];
            double expected = 0;
            for (int s = 0; s <= steps; s++) {
                double z = -10 + s * dz;
                double lpx = logPxGivenZ(x, z);
                joint[s] = lpx - 0.5 * z * z - 0.5 * Math.log(2 * Math.PI);
                max = Math.max(max, joint[s]);
                double q = Math.exp(-0.5 * Math.pow((z - mu) / sigma, 2)) / (sigma * Math.sqrt(2 * Math.PI));
                expected += q * lpx * dz;
            }
            double sum = 0;
            for (double j : joint) {
                sum += Math.exp(j - max);
            }
            return new Quadrature(max + Math.log(sum * dz), expected);
        }
    }
}

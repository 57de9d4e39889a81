package org.concretelab.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The ND4J batch forms agree with the plain-Java distributions and their gradients with finite differences. */
class ConcreteOpsTest {
    private static final int BATCH = 4;
    private static final int UNITS = 3;
    private static final int N = 5;

    private static INDArray random(UniformRandomProvider r, DataType type, double scale, long... shape) {
        INDArray a = Nd4j.create(type, shape);
        for (long i = 0; i < a.length(); i++) {
            a.putScalar(i, scale * (2 * r.nextDouble() - 1));
        }
        return a;
    }

    @Test
    void expConcreteBatchMatchesPlainJavaInFloat() {
        UniformRandomProvider r = RandomSource.XO_RO_SHI_RO_128_PP.create(1);
        double lambda = 2.0 / 3;
        INDArray logits = random(r, DataType.FLOAT, 2, BATCH, UNITS, N);
        INDArray gumbel = ExpConcreteOps.gumbel(r, DataType.FLOAT, BATCH, UNITS, N);
        INDArray y = ExpConcreteOps.sample(logits, gumbel, lambda);
        INDArray logp = ExpConcreteOps.logDensity(logits, y, lambda);
        for (int b = 0; b < BATCH; b++) {
            for (int u = 0; u < UNITS; u++) {
                double[] a = new double[N];
                double[] g = new double[N];
                double[] yBatch = new double[N];
                for (int k = 0; k < N; k++) {
                    a[k] = logits.getFloat(b, u, k);
                    g[k] = gumbel.getFloat(b, u, k);
                    yBatch[k] = y.getFloat(b, u, k);
                }
                ExpConcrete e = ExpConcrete.ofLogits(a, lambda);
                double[] yJava = e.sampleFromGumbel(g, new double[N]);
                for (int k = 0; k < N; k++) {
                    // float32 arithmetic on values of a few units: ~1e-6 error; the contract is 1e-5
                    assertEquals(yJava[k], yBatch[k], 1e-5 * Math.max(1, Math.abs(yJava[k])));
                }
                double expected = e.logDensity(yBatch);
                assertEquals(expected, logp.getFloat(b, u), 1e-5 * Math.max(1, Math.abs(expected)));
            }
        }
    }

    @Test
    void binaryConcreteBatchMatchesPlainJavaInFloat() {
        UniformRandomProvider r = RandomSource.XO_RO_SHI_RO_128_PP.create(2);
        double lambda = 0.5;
        INDArray logits = random(r, DataType.FLOAT, 3, BATCH, UNITS);
        INDArray noise = Nd4j.create(DataType.FLOAT, BATCH, UNITS);
        for (long i = 0; i < noise.length(); i++) {
            noise.putScalar(i, Noise.logistic(r));
        }
        INDArray y = BinaryConcreteOps.sampleLogit(logits, noise, lambda);
        INDArray logp = BinaryConcreteOps.logitLogDensity(logits, y, lambda);
        for (int b = 0; b < BATCH; b++) {
            for (int u = 0; u < UNITS; u++) {
                BinaryConcrete bc = BinaryConcrete.ofLogit(logits.getFloat(b, u), lambda);
                double yJava = bc.logitFromLogistic(noise.getFloat(b, u));
                assertEquals(yJava, y.getFloat(b, u), 1e-5 * Math.max(1, Math.abs(yJava)));
                double expected = bc.logitLogDensity(y.getFloat(b, u));
                assertEquals(expected, logp.getFloat(b, u), 1e-5 * Math.max(1, Math.abs(expected)));
            }
        }
    }

    @Test
    void expConcreteGradientsMatchFiniteDifferences() {
        UniformRandomProvider r = RandomSource.XO_RO_SHI_RO_128_PP.create(3);
        double lambda = 0.7;
        INDArray logits = random(r, DataType.DOUBLE, 2, BATCH, UNITS, N);
        INDArray gumbel = ExpConcreteOps.gumbel(r, DataType.DOUBLE, BATCH, UNITS, N);
        INDArray y = ExpConcreteOps.sample(logits, gumbel, lambda);
        ExpConcreteOps.Gradients g = ExpConcreteOps.logDensityGradients(logits, y, lambda);
        // partial derivatives of Σ log p with respect to each logit and each y (float64, h = 1e-6:
        // central differences accurate to ~1e-9; 1e-6 tolerance)
        checkPartial(logits, () -> ExpConcreteOps.logDensity(logits, y, lambda).sumNumber().doubleValue(), g.logits());
        checkPartial(y, () -> ExpConcreteOps.logDensity(logits, y, lambda).sumNumber().doubleValue(), g.point());
        // reparameterised sample: d/d logits of Σ w·y(logits) for fixed noise and weights w
        INDArray w = random(r, DataType.DOUBLE, 1, BATCH, UNITS, N);
        INDArray analytic = ExpConcreteOps.sampleBackward(y, w, lambda);
        checkPartial(logits, () -> ExpConcreteOps.sample(logits, gumbel, lambda).mul(w).sumNumber().doubleValue(), analytic);
    }

    @Test
    void binaryConcreteGradientsMatchFiniteDifferences() {
        UniformRandomProvider r = RandomSource.XO_RO_SHI_RO_128_PP.create(4);
        double lambda = 2.0 / 3;
        INDArray logits = random(r, DataType.DOUBLE, 3, BATCH, UNITS);
        INDArray y = random(r, DataType.DOUBLE, 4, BATCH, UNITS);
        ExpConcreteOps.Gradients g = BinaryConcreteOps.logitLogDensityGradients(logits, y, lambda);
        checkPartial(logits, () -> BinaryConcreteOps.logitLogDensity(logits, y, lambda).sumNumber().doubleValue(), g.logits());
        checkPartial(y, () -> BinaryConcreteOps.logitLogDensity(logits, y, lambda).sumNumber().doubleValue(), g.point());
        INDArray noise = random(r, DataType.DOUBLE, 2, BATCH, UNITS);
        INDArray w = random(r, DataType.DOUBLE, 1, BATCH, UNITS);
        checkPartial(logits, () -> BinaryConcreteOps.sampleLogit(logits, noise, lambda).mul(w).sumNumber().doubleValue(),
                BinaryConcreteOps.sampleLogitBackward(w, lambda));
    }

    @Test
    void hardValuesAreVertices() {
        INDArray y = Nd4j.createFromArray(new double[][][] {{{-3, -0.1, -2}, {-0.01, -5, -6}}});
        INDArray h = ExpConcreteOps.hard(y);
        assertEquals(1.0, h.getDouble(0, 0, 1));
        assertEquals(1.0, h.getDouble(0, 1, 0));
        assertEquals(2.0, h.sumNumber().doubleValue());
        INDArray b = BinaryConcreteOps.hard(Nd4j.createFromArray(new double[][] {{-1, 2}}));
        assertEquals(0.0, b.getDouble(0, 0));
        assertEquals(1.0, b.getDouble(0, 1));
    }

    private static void checkPartial(INDArray x, java.util.function.DoubleSupplier f, INDArray analytic) {
        double h = 1e-6;
        for (long i = 0; i < x.length(); i++) {
            double original = x.getDouble(i);
            x.putScalar(i, original + h);
            double up = f.getAsDouble();
            x.putScalar(i, original - h);
            double down = f.getAsDouble();
            x.putScalar(i, original);
            assertEquals((up - down) / (2 * h), analytic.getDouble(i), 1e-6, "entry " + i);
        }
    }
}

package org.concretelab.distribution;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * {@link ExpConcrete} over batches in ND4J: arrays shaped {@code [batch, units, n]} (classes last), one
 * independent ExpConcrete per (batch, unit). Values agree with the plain-Java class on the same noise;
 * the gradients are derived by hand (and checked by finite differences in the tests) so that a fused
 * training pass can use them without a computation graph.
 */
public final class ExpConcreteOps {
    private ExpConcreteOps() {
    }

    /** y = logsoftmax((logits + g)/λ) along the class axis. */
    public static INDArray sample(INDArray logits, INDArray gumbel, double lambda) {
        Checks.temperature(lambda);
        INDArray s = logits.add(gumbel).divi(lambda);
        return s.subi(keep(logSumExp(s), s));
    }

    /**
     * log p(y) = log((n−1)!) + (n−1) log λ + Σ_k (a_k − λ y_k) − n · logsumexp_k(a_k − λ y_k), shape {@code [batch, units]}.
     */
    public static INDArray logDensity(INDArray logits, INDArray y, double lambda) {
        Checks.temperature(lambda);
        long n = logits.size(2);
        INDArray t = logits.sub(y.mul(lambda));
        double logNorm = LogSpace.logFactorial((int) n - 1) + (n - 1) * Math.log(lambda);
        return t.sum(2).subi(logSumExp(t).muli(n)).addi(logNorm);
    }

    /** ∂ log p(y)/∂a_k = 1 − n·π_k and ∂ log p(y)/∂y_k = −λ + nλ·π_k with π = softmax(a − λy). */
    public static Gradients logDensityGradients(INDArray logits, INDArray y, double lambda) {
        long n = logits.size(2);
        INDArray t = logits.sub(y.mul(lambda));
        INDArray pi = Transforms.exp(t.subi(keep(logSumExp(t), t)), false);
        INDArray dLogits = pi.mul(-n).addi(1);
        INDArray dY = pi.mul(n * lambda).subi(lambda);
        return new Gradients(dLogits, dY);
    }

    /**
     * Backward pass of {@link #sample} with respect to the logits: y = s − logsumexp(s), s = (a + g)/λ, so
     * for an upstream gradient g_y, g_a = (g_y − softmax(s) · Σ_k g_y,k)/λ with softmax(s) = exp(y).
     */
    public static INDArray sampleBackward(INDArray y, INDArray gradY, double lambda) {
        INDArray total = gradY.sum(true, 2);
        return gradY.sub(Transforms.exp(y, true).muli(total.broadcast(y.shape()))).divi(lambda);
    }

    /**
     * The one-hot vertex of each (batch, unit). A straight-through estimator feeds this forward and sends
     * the gradient it receives back through {@link #sampleBackward}, as if the relaxed sample had been used.
     */
    public static INDArray hard(INDArray y) {
        INDArray max = y.max(true, 2).broadcast(y.shape());
        return y.eq(max).castTo(y.dataType());
    }

    private static INDArray logSumExp(INDArray t) {
        INDArray max = t.max(true, 2);
        INDArray shifted = Transforms.exp(t.sub(max.broadcast(t.shape())), false);
        return Transforms.log(shifted.sum(2), false).addi(max.reshape(max.size(0), max.size(1)));
    }

    private static INDArray keep(INDArray reduced, INDArray like) {
        return reduced.reshape(reduced.size(0), reduced.size(1), 1).broadcast(like.shape());
    }

    /** Gradients of a log density with respect to the logits and the point. */
    public record Gradients(INDArray logits, INDArray point) {
    }

    /** Gumbel noise of the given shape from a seeded source (values clamped as in {@link Noise}). */
    public static INDArray gumbel(org.apache.commons.rng.UniformRandomProvider rng, org.nd4j.linalg.api.buffer.DataType type, long... shape) {
        INDArray g = Nd4j.create(type, shape);
        long n = g.length();
        for (long i = 0; i < n; i++) {
            g.putScalar(i, Noise.gumbel(rng));
        }
        return g;
    }
}

package org.concretelab.distribution;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * {@link BinaryConcrete} in logit space over batches in ND4J: arrays shaped {@code [batch, units]}, one
 * independent BinaryConcrete per entry, with hand-derived gradients (checked by finite differences).
 */
public final class BinaryConcreteOps {
    private BinaryConcreteOps() {
    }

    /** y = (log α + L)/λ for logistic noise L. */
    public static INDArray sampleLogit(INDArray logits, INDArray logistic, double lambda) {
        Checks.temperature(lambda);
        return logits.add(logistic).divi(lambda);
    }

    /** log p(y) = log λ + t − 2 softplus(t), t = log α − λy. */
    public static INDArray logitLogDensity(INDArray logits, INDArray y, double lambda) {
        Checks.temperature(lambda);
        INDArray t = logits.sub(y.mul(lambda));
        return t.sub(Transforms.softPlus(t, true).muli(2)).addi(Math.log(lambda));
    }

    /** ∂/∂ log α = 1 − 2σ(t), ∂/∂y = −λ + 2λσ(t), t = log α − λy. */
    public static ExpConcreteOps.Gradients logitLogDensityGradients(INDArray logits, INDArray y, double lambda) {
        INDArray s = Transforms.sigmoid(logits.sub(y.mul(lambda)), false);
        return new ExpConcreteOps.Gradients(s.mul(-2).addi(1), s.mul(2 * lambda).subi(lambda));
    }

    /** dy/d log α = 1/λ: the backward pass of {@link #sampleLogit}. */
    public static INDArray sampleLogitBackward(INDArray gradY, double lambda) {
        return gradY.div(lambda);
    }

    /** The relaxed value σ(y) in (0, 1). */
    public static INDArray relaxed(INDArray y) {
        return Transforms.sigmoid(y, true);
    }

    /** The hard value 1[y &gt; 0] (forward value of a straight-through estimator). */
    public static INDArray hard(INDArray y) {
        return y.gt(0).castTo(y.dataType());
    }
}

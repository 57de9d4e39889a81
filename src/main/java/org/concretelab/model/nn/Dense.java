package org.concretelab.model.nn;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.nd4j.linalg.factory.Nd4j;

/** An affine map {@code out = in · W + b} with its backward pass, on preallocated buffers. */
public final class Dense {
    private final Param weight;
    private final Param bias;

    public Dense(String name, int in, int out, UniformRandomProvider rng, List<Param> registry) {
        weight = new Param(name + ".W", in, out);
        bias = new Param(name + ".b", 1, out);
        // Glorot/Xavier uniform, as the paper: keeps tanh activations in their linear range at start.
        double limit = Math.sqrt(6.0 / (in + out));
        var w = weight.value().buffer();
        for (int i = 0, n = in * out; i < n; i++) {
            w.put(i, (float) ((2 * rng.nextDouble() - 1) * limit));
        }
        registry.add(weight);
        registry.add(bias);
    }

    public int in() {
        return weight.value().rows();
    }

    public int out() {
        return weight.value().cols();
    }

    public Param bias() {
        return bias;
    }

    public void forward(Mat in, Mat out) {
        Nd4j.gemm(in.array(), weight.value().array(), out.array(), false, false, 1.0, 0.0);
        out.array().addiRowVector(bias.value().array());
    }

    /**
     * Writes (overwrites) the parameter gradients for {@code gOut} (the gradient at this layer's output) and,
     * when {@code gIn} is given, writes the gradient at its input. {@code ones} is a {@code [1, rows]}
     * row of ones: the bias gradient is then one more GEMM instead of an allocating column sum.
     */
    public void backward(Mat in, Mat gOut, Mat gIn, Mat ones) {
        Nd4j.gemm(in.array(), gOut.array(), weight.grad().array(), true, false, 1.0, 0.0);
        Nd4j.gemm(ones.array(), gOut.array(), bias.grad().array(), false, false, 1.0, 0.0);
        if (gIn != null) {
            Nd4j.gemm(gOut.array(), weight.value().array(), gIn.array(), false, true, 1.0, 0.0);
        }
    }
}

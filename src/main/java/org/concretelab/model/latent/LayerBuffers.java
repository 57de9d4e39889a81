package org.concretelab.model.latent;

import org.concretelab.model.nn.Mat;

/**
 * One stochastic layer's buffers for a block of rows, allocated once per workspace: the posterior's
 * parameters, the noise, the relaxed values y (logits / log-simplex points of the discrete part), the code
 * fed downstream, what the prior's density leaves for its gradient, and the gradients at code and parameters.
 */
public final class LayerBuffers {
    public final Mat post;
    public final Mat noise;
    public final Mat y;
    public final Mat code;
    public final Mat soft;
    public final Mat gCode;
    public final Mat gPost;
    /** Each row's sum of the families' log densities, before it enters the row's log-weight. */
    final double[] rowSums;
    private Mat conditional;

    public LayerBuffers(LatentLayer layer, int rows) {
        post = new Mat(rows, layer.paramSize());
        noise = new Mat(rows, layer.noiseSize());
        y = new Mat(rows, Math.max(1, layer.valueSize()));
        code = new Mat(rows, layer.codeSize());
        soft = new Mat(rows, Math.max(1, layer.valueSize()));
        gCode = new Mat(rows, layer.codeSize());
        gPost = new Mat(rows, layer.paramSize());
        rowSums = new double[rows];
    }

    /** What the conditional sample's derivative needs (see {@link LatentFamily#conditionalNoise}), made on first use. */
    public Mat conditional() {
        if (conditional == null) {
            conditional = new Mat(post.rows(), noise.cols());
        }
        return conditional;
    }

    public int rows() {
        return post.rows();
    }
}

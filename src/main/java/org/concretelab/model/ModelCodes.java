package org.concretelab.model;

import org.apache.commons.rng.UniformRandomProvider;
import org.concretelab.distribution.LogSpace;
import org.concretelab.model.latent.LayerBuffers;

/**
 * The model's services to the explorer: decoding a code, the most probable code of an image, posterior means, and
 * samples from the prior (or, for a task with a conditional prior, given an input). The caller holds the model's
 * lock.
 */
final class ModelCodes {
    private final ModelSpec spec;
    private final VaeNetworks nets;
    private final Graph graph;
    private final WorkspacePool pool;

    ModelCodes(ModelSpec spec, VaeNetworks nets, Graph graph, WorkspacePool pool) {
        this.spec = spec;
        this.nets = nets;
        this.graph = graph;
        this.pool = pool;
    }

    float[] decode(float[] code) {
        int c = pool.layer().codeSize();
        if (code == null || code.length != c) {
            throw new IllegalArgumentException("code must have " + c + " values for " + spec.describe()
                    + ", had " + (code == null ? "none" : code.length));
        }
        Workspace w = pool.get(1);
        w.z[0].code.load(code, 0);
        nets.decoder.forward(w.z[0].code, w.logits, w.dec);
        float[] means = new float[nets.task.targetWidth()];
        var ob = w.logits.buffer();
        for (int i = 0; i < means.length; i++) {
            means[i] = (float) LogSpace.sigmoid(ob.get(i));
        }
        return means;
    }

    /** {@code rows} codes through the decoder as one batch (see {@link VaeModel#decodeRows}). */
    float[] decodeRows(float[] codes, int rows) {
        int c = pool.layer().codeSize();
        if (rows < 1 || codes == null || codes.length != rows * c) {
            throw new IllegalArgumentException("codes must hold " + rows + " rows of " + c + " values for "
                    + spec.describe() + ", had " + (codes == null ? "none" : codes.length));
        }
        Workspace w = pool.get(rows);
        w.z[0].code.load(codes, 0);
        nets.decoder.forward(w.z[0].code, w.logits, w.dec);
        float[] means = new float[rows * nets.task.targetWidth()];
        var ob = w.logits.buffer();
        for (int i = 0; i < means.length; i++) {
            means[i] = (float) LogSpace.sigmoid(ob.get(i));
        }
        return means;
    }

    float[] encodeMode(float[] image) {
        if (image == null || image.length != nets.task.inputWidth()) {
            throw new IllegalArgumentException("image must have " + nets.task.inputWidth() + " pixels, had "
                    + (image == null ? "none" : image.length));
        }
        Workspace w = pool.get(1);
        w.input.load(image, 0);
        if (nets.conditional) { // the most probable code of each prior in turn, top down from the input
            for (int l = nets.depth - 1; l >= 0; l--) {
                nets.priorNets[l].forward(l == nets.depth - 1 ? w.input : w.z[l + 1].code, w.z[l].post, w.priorBuffers[l]);
                pool.layer().mode(w.z[l]);
            }
        } else {
            nets.encoders[0].forward(w.input, w.z[0].post, w.enc[0]);
            pool.layer().mode(w.z[0]);
        }
        float[] code = new float[pool.layer().codeSize()];
        w.z[0].code.store(code, 0);
        return code;
    }

    double[] posteriorMeans(float[] batch, int rows) {
        ConcreteVae.checkBatch(batch, rows);
        int width = pool.layer().meanWidth();
        double[] means = new double[rows * width];
        for (int from = 0; from < rows; from += ModelScores.IS_CHUNK) {
            int n = Math.min(ModelScores.IS_CHUNK, rows - from);
            Workspace w = pool.get(n);
            w.loadReplicated(batch, from, n, 1);
            // nets.conditional: the layer that reads the input, p(z_top | input)
            int l = nets.conditional ? nets.depth - 1 : 0;
            if (nets.conditional) {
                nets.priorNets[l].forward(w.input, w.z[l].post, w.priorBuffers[l]);
            } else {
                nets.encoders[0].forward(w.input, w.z[0].post, w.enc[0]);
            }
            for (int r = 0; r < n; r++) {
                pool.layer().posteriorMeans(w.z[l], r, means, (from + r) * width);
            }
        }
        return means;
    }

    ConditionalSamples sampleGiven(float[] input, int n, long seed) {
        if (!nets.conditional) {
            throw new UnsupportedOperationException(spec.describe() + " has no prior given an input: its task, "
                    + nets.task.name() + ", infers the latents from the input (samplePrior draws from its prior)");
        }
        if (input == null || input.length != nets.task.inputWidth()) {
            throw new IllegalArgumentException("input must have " + nets.task.inputWidth() + " values, had "
                    + (input == null ? "none" : input.length));
        }
        if (n < 1) {
            throw new IllegalArgumentException("n (samples) must be at least 1, was " + n);
        }
        Workspace w = pool.get(n);
        var ib = w.input.buffer();
        for (int r = 0; r < n; r++) {
            ib.put(r * input.length, input);
        }
        // the target's buffer holds whatever it held: the log-weights are not read
        graph.discrete(w, ModelScores.random(seed), false, 1, null, false);
        float[] codes = new float[n * pool.layer().codeSize()];
        w.z[0].code.store(codes, 0);
        float[] means = new float[n * nets.task.targetWidth()];
        var ob = w.logits.buffer();
        for (int i = 0; i < means.length; i++) {
            means[i] = (float) LogSpace.sigmoid(ob.get(i));
        }
        return new ConditionalSamples(n, pool.layer().codeSize(), codes, nets.task.targetWidth(), means);
    }

    float[] samplePrior(long seed) {
        if (nets.conditional) {
            throw new UnsupportedOperationException(spec.describe() + " has no prior of its own: it is given by the input"
                    + " (sampleGiven draws from it)");
        }
        UniformRandomProvider rng = ModelScores.random(seed);
        Workspace w = pool.get(1);
        double[] ignored = new double[1];
        LayerBuffers top = w.z[nets.depth - 1];
        top.post.fill(0f); // the learned prior's discrete logits; its Gaussian part is N(0, 1): μ = 0, log σ² = 0
        var tb = top.post.buffer();
        var pb = nets.topPrior.value().buffer();
        for (int i = 0; i < pool.layer().learnedPriorSize(); i++) {
            tb.put(i, pb.get(i));
        }
        pool.layer().drawNoise(rng, top);
        pool.layer().discreteSample(top, ignored);
        for (int l = nets.depth - 2; l >= 0; l--) { // each nets.conditional prior, sampled like a posterior
            nets.priorNets[l].forward(w.z[l + 1].code, w.z[l].post, w.priorBuffers[l]);
            pool.layer().drawNoise(rng, w.z[l]);
            pool.layer().discreteSample(w.z[l], ignored);
        }
        float[] result = new float[pool.layer().codeSize()];
        w.z[0].code.store(result, 0);
        return result;
    }
}

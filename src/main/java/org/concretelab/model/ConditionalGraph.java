package org.concretelab.model;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.concretelab.model.latent.Prior;
import org.concretelab.model.nn.Mat;

/**
 * The graphs of a task with a conditional prior ({@link org.concretelab.model.task.Task#conditionalPrior()}, the
 * paper's structured output prediction): top down, each layer is drawn from its prior — the top one from p(z |
 * input) — and log w = log p(target | z) (the sampling distribution is the prior, so log p(z) − log q(z) is 0 and
 * the KL weight does not apply). A draw's −log q(z) is left in {@code w.unused} (the gradient check reads it).
 */
final class ConditionalGraph implements Graph {
    private final VaeNetworks nets;
    private final int depth;

    ConditionalGraph(VaeNetworks nets) {
        this.nets = nets;
        this.depth = nets.depth;
    }

    @Override
    public void relaxed(Workspace w, UniformRandomProvider rng, boolean hardForward, double kl, boolean training) {
        forward(w, rng, true, hardForward, training, null, false);
    }

    @Override
    public void relaxedBackward(Workspace w, boolean hardForward, double kl) {
        backward(w, true, hardForward);
    }

    @Override
    public void conditionalRelaxed(Workspace w, UniformRandomProvider rng, double kl) {
        throw new UnsupportedOperationException("a conditional-prior graph has no posterior to sample given its discrete sample");
    }

    @Override
    public void posteriorBackward(Workspace w, double kl, boolean conditional, float[] gAtSample) {
        throw new UnsupportedOperationException("a conditional-prior graph has no posterior parameters");
    }

    @Override
    public void discrete(Workspace w, UniformRandomProvider rng, boolean training, double kl, Mat firstParams,
                         boolean antithetic) {
        forward(w, rng, false, false, training, firstParams, antithetic);
    }

    @Override
    public void discreteBackward(Workspace w, double kl, float[] extra) {
        if (extra != null) {
            throw new UnsupportedOperationException("a conditional-prior graph has no posterior to add a gradient to");
        }
        backward(w, false, false);
    }

    @Override
    public Mat firstParams(Workspace single) {
        nets.priorNets[depth - 1].forward(single.input, single.z[depth - 1].post, single.priorBuffers[depth - 1]);
        return single.z[depth - 1].post;
    }

    @Override
    public int firstLayer() {
        return depth - 1;
    }

    private void forward(Workspace w, UniformRandomProvider rng, boolean relaxed, boolean hardForward, boolean training,
                         Mat topParams, boolean antithetic) {
        Arrays.fill(w.logw, 0, w.rows, 0.0);
        Arrays.fill(w.unused, 0, w.rows, 0.0); // receives −log q(z) of the draws
        for (int l = depth - 1; l >= 0; l--) {
            if (l == depth - 1 && topParams != null) {
                VaeNetworks.repeatRows(topParams, 1, w.z[l].post, w.rows);
            } else {
                nets.priorNets[l].forward(l == depth - 1 ? w.input : w.z[l + 1].code, w.z[l].post, w.priorBuffers[l]);
            }
            w.layer.drawNoise(rng, w.z[l]);
            if (antithetic) {
                w.layer.mirrorNoisePairs(w.z[l]);
            }
            if (relaxed) {
                w.layer.relaxedSample(w.z[l], hardForward, w.unused); // its log density is not part of log w
            } else {
                w.layer.discreteSample(w.z[l], w.unused);
            }
        }
        nets.decoder.forward(w.z[0].code, w.logits, w.dec);
        BernoulliLikelihood.add(w.target, w.logits, w.gLogits, w.rows, training, w.logw);
    }

    /**
     * The decoder's gradient at the codes, then, bottom up, each layer's gradient at its prior's parameters —
     * pathwise through the relaxed sample, or (discrete graph) the estimator's learning signal times the prior's
     * score, log w having no log-density term of its own (a zero weight) — sent back through that prior's network to
     * the code above (the top one's reads the input).
     */
    private void backward(Workspace w, boolean relaxed, boolean hardForward) {
        BernoulliLikelihood.gradient(w.gLogits, w.rows, w.gLogw);
        nets.decoder.backward(w.z[0].code, w.gLogits, w.z[0].gCode, w.dec);
        for (int l = 0; l < depth; l++) {
            Prior own = Prior.conditional(w.z[l].post);
            if (relaxed) {
                w.layer.posteriorGradient(w.z[l], own, w.noWeight, hardForward);
            } else {
                w.layer.discreteGraphGradient(w.z[l], own, w.noWeight, w.scoreWeights);
            }
            boolean top = l == depth - 1;
            nets.priorNets[l].backward(top ? w.input : w.z[l + 1].code, w.z[l].gPost, top ? null : w.z[l + 1].gCode,
                    w.priorBuffers[l]);
        }
    }
}

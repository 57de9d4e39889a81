package org.concretelab.model;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.concretelab.model.nn.Mat;

/**
 * The VAE's graphs: inference q(z1|input) · q(z2|z1) · … bottom up, then the priors top down (a learned prior on
 * the top layer, conditional priors below) and the decoder's Bernoulli target. Sampling and densities are the
 * latent layer's business; this class wires the networks around them.
 */
final class InferenceGraph implements Graph {
    private final VaeNetworks nets;
    private final int depth;

    InferenceGraph(VaeNetworks nets) {
        this.nets = nets;
        this.depth = nets.depth;
    }

    @Override
    public void relaxed(Workspace w, UniformRandomProvider rng, boolean hardForward, double kl, boolean training) {
        relaxed(w, rng, hardForward, kl, training, false);
    }

    @Override
    public void conditionalRelaxed(Workspace w, UniformRandomProvider rng, double kl) {
        relaxed(w, rng, false, kl, true, true);
    }

    private void relaxed(Workspace w, UniformRandomProvider rng, boolean hardForward, double kl, boolean training,
                         boolean conditional) {
        Arrays.fill(w.logw, 0, w.rows, 0.0);
        for (int l = 0; l < depth; l++) {
            if (l == 0) {
                if (!w.encoded) {
                    nets.encodeInput(w);
                }
            } else {
                nets.encoders[l].forward(w.z[l - 1].code, w.z[l].post, w.enc[l]);
            }
            w.layer.drawNoise(rng, w.z[l]);
            if (conditional) {
                w.layer.conditionalNoise(rng, w.z[l]); // the same stream goes on: fresh uniforms
            }
            w.layer.relaxedSample(w.z[l], hardForward, w.logw);
        }
        for (int l = depth - 1; l >= 0; l--) { // top down: a conditional prior needs the code above
            if (l < depth - 1) {
                nets.priorNets[l].forward(w.z[l + 1].code, w.priorParams[l], w.priorBuffers[l]);
            }
            w.layer.addRelaxedLogPrior(w.z[l], nets.prior(w, l), w.logw);
        }
        weighKl(w, kl);
        nets.decoder.forward(w.z[0].code, w.logits, w.dec);
        BernoulliLikelihood.add(w.target, w.logits, w.gLogits, w.rows, true, w.logw);
    }

    @Override
    public void relaxedBackward(Workspace w, boolean hardForward, double kl) {
        nets.topPrior.zeroGrad(w.slot); // the only gradient accumulated (over rows); layers overwrite theirs
        BernoulliLikelihood.gradient(w.gLogits, w.rows, w.gLogw);
        nets.decoder.backward(w.z[0].code, w.gLogits, w.z[0].gCode, w.dec);
        double[] gKl = klGradient(w, kl);
        for (int l = 0; l < depth - 1; l++) { // conditional priors send gradient to the code above
            w.gPriorParams[l].fill(0f);
            w.layer.priorGradient(w.z[l], nets.prior(w, l), gKl, w.gPriorParams[l]);
            nets.priorNets[l].backward(w.z[l + 1].code, w.gPriorParams[l], w.z[l + 1].gCode, w.priorBuffers[l]);
        }
        w.layer.priorGradient(w.z[depth - 1], nets.prior(w, depth - 1), gKl, nets.topPrior.grad(w.slot));
        for (int l = depth - 1; l >= 0; l--) {
            w.layer.posteriorGradient(w.z[l], nets.prior(w, l), gKl, hardForward);
            encoderBackward(w, l, null);
        }
    }

    /**
     * The loss gradient at the posterior parameters through the last relaxed pass (plus {@code gAtSample}, a gradient
     * at the first layer's relaxed sample in logit space, rows × its parameter width), without any parameter gradient:
     * the decoder and priors pass their input gradients only, no encoder runs. After a conditional pass, the total
     * derivative through z̃(logits). Leaves it in {@code z[0].gPost} (one stochastic layer).
     */
    @Override
    public void posteriorBackward(Workspace w, double kl, boolean conditional, float[] gAtSample) {
        if (depth != 1) {
            throw new IllegalStateException("a relaxed pass's posterior gradient alone needs one stochastic layer, had " + depth);
        }
        BernoulliLikelihood.gradient(w.gLogits, w.rows, w.gLogw);
        nets.decoder.backwardInput(w.gLogits, w.z[0].gCode, w.dec);
        double[] gKl = klGradient(w, kl);
        w.layer.posteriorGradient(w.z[0], nets.prior(w, 0), gKl, false);
        if (gAtSample != null) {
            var gb = w.z[0].gPost.buffer();
            for (int i = 0, n = w.rows * w.z[0].gPost.cols(); i < n; i++) {
                gb.put(i, gb.get(i) + gAtSample[i]);
            }
        }
        if (conditional) {
            w.layer.conditionalGradient(w.z[0], gKl);
        }
    }

    @Override
    public void discrete(Workspace w, UniformRandomProvider rng, boolean training, double kl, Mat firstParams,
                         boolean antithetic) {
        Arrays.fill(w.logw, 0, w.rows, 0.0);
        for (int l = 0; l < depth; l++) {
            if (l == 0 && firstParams != null) {
                VaeNetworks.repeatRows(firstParams, 1, w.z[0].post, w.rows);
            } else if (l == 0) {
                if (!w.encoded) {
                    nets.encodeInput(w);
                }
            } else {
                nets.encoders[l].forward(w.z[l - 1].code, w.z[l].post, w.enc[l]);
            }
            w.layer.drawNoise(rng, w.z[l]);
            if (antithetic) {
                w.layer.mirrorNoisePairs(w.z[l]);
            }
            w.layer.discreteSample(w.z[l], w.logw);
        }
        for (int l = depth - 1; l >= 0; l--) {
            if (l < depth - 1) {
                nets.priorNets[l].forward(w.z[l + 1].code, w.priorParams[l], w.priorBuffers[l]);
            }
            w.layer.addDiscreteLogPrior(w.z[l], nets.prior(w, l), w.logw);
        }
        weighKl(w, kl);
        nets.decoder.forward(w.z[0].code, w.logits, w.dec);
        BernoulliLikelihood.add(w.target, w.logits, w.gLogits, w.rows, training, w.logw);
    }

    /**
     * The decoder and the priors get their gradients at the hard codes (weighted by ∂loss/∂log w); discrete
     * posteriors get score terms; Gaussian units keep their pathwise gradients.
     */
    @Override
    public void discreteBackward(Workspace w, double kl, float[] extra) {
        nets.topPrior.zeroGrad(w.slot);
        BernoulliLikelihood.gradient(w.gLogits, w.rows, w.gLogw);
        nets.decoder.backward(w.z[0].code, w.gLogits, w.z[0].gCode, w.dec);
        double[] gKl = klGradient(w, kl);
        for (int l = 0; l < depth - 1; l++) {
            w.gPriorParams[l].fill(0f);
            w.layer.discretePriorGradient(w.z[l], nets.prior(w, l), gKl, w.gPriorParams[l]);
            nets.priorNets[l].backward(w.z[l + 1].code, w.gPriorParams[l], w.z[l + 1].gCode, w.priorBuffers[l]);
        }
        w.layer.discretePriorGradient(w.z[depth - 1], nets.prior(w, depth - 1), gKl, nets.topPrior.grad(w.slot));
        for (int l = depth - 1; l >= 0; l--) {
            w.layer.discreteGraphGradient(w.z[l], nets.prior(w, l), gKl, w.scoreWeights);
            encoderBackward(w, l, extra);
        }
    }

    @Override
    public Mat firstParams(Workspace single) {
        nets.encoders[0].forward(single.input, single.z[0].post, single.enc[0]);
        return single.z[0].post;
    }

    @Override
    public int firstLayer() {
        return 0;
    }

    /** Layer l's encoder backward, its input gradient added into the code below (the first: the input's encoder). */
    private void encoderBackward(Workspace w, int l, float[] extra) {
        if (l > 0) {
            nets.encoders[l].backward(w.z[l - 1].code, w.z[l].gPost, w.gCodeScratch, w.enc[l]);
            w.z[l - 1].gCode.array().addi(w.gCodeScratch.array());
            return;
        }
        if (extra != null) {
            var gb = w.z[0].gPost.buffer();
            for (int i = 0, n = w.rows * w.z[0].gPost.cols(); i < n; i++) {
                gb.put(i, gb.get(i) + extra[i]);
            }
        }
        nets.encodeInputBackward(w);
    }

    /** Scales the latents' part of every log-weight (all of it before the likelihood is added) by {@code kl}. */
    private static void weighKl(Workspace w, double kl) {
        if (kl != 1) {
            for (int r = 0; r < w.rows; r++) {
                w.logw[r] *= kl;
            }
        }
    }

    /** ∂loss/∂(log p − log q) per row: ∂loss/∂log w times the warm-up's β (the same array when β = 1). */
    private static double[] klGradient(Workspace w, double kl) {
        if (kl == 1) {
            return w.gLogw;
        }
        for (int r = 0; r < w.rows; r++) {
            w.gKl[r] = kl * w.gLogw[r];
        }
        return w.gKl;
    }
}

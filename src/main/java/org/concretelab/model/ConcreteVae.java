package org.concretelab.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.concretelab.distribution.LogSpace;
import org.concretelab.model.estimator.GradientEstimator;
import org.concretelab.model.latent.LatentLayer;
import org.concretelab.model.latent.LayerBuffers;
import org.concretelab.model.latent.Prior;
import org.concretelab.model.nn.Mat;
import org.concretelab.model.nn.Mlp;
import org.concretelab.model.nn.Param;
import org.concretelab.model.optim.Adam;
import org.concretelab.model.task.Task;

/**
 * The paper's VAE with Concrete-relaxed discrete latents, written as a fused forward/backward pass over
 * preallocated ND4J buffers (GEMMs in BLAS, element-wise math in Java loops over the same memory) because
 * SameDiff's per-op overhead costs 3-5× here (see STACK.md).
 *
 * <p>Generative model: a learned prior on the top stochastic layer → [conditional priors down the layers]
 * → the task's Bernoulli target. Inference: q(z1|input) · q(z2|z1) · …. Each network is linear ("-") or two
 * tanh layers ("~"). What is sampled in which layer is the {@link LatentLayer}'s business; how the per-sample
 * log-weights become a loss is the {@link GradientEstimator}'s; what is input and target is the {@link Task}'s;
 * the update is {@link Adam}'s. This class wires them and owns the buffers.
 *
 * <p>A task with a conditional prior ({@link Task#conditionalPrior()}, the paper's structured output prediction) has
 * no inference network: the top stochastic layer's prior is a network of the input, p(z_top | input), each layer
 * below is drawn from its conditional prior, and a sample's log-weight is log p(target | z) alone (the sampling
 * distribution is the prior itself), so the m-sample objective is log (1/m) Σ_j p(target | z_j). Relaxed estimators
 * differentiate through the Concrete samples of those priors; score-function ones weight the priors' scores.
 *
 * <p>Evaluation uses the discrete graph. All public methods are synchronized: a UI thread may decode while
 * the trainer steps.
 */
public final class ConcreteVae implements VaeModel {
    /** logit of MNIST's mean pixel intensity (≈0.13): the decoder starts at the data's average. */
    private static final float OUTPUT_BIAS = (float) Math.log(0.1307 / (1 - 0.1307));
    /** Rows per forward pass when importance sampling (GEMM-friendly, bounded memory). */
    private static final int IS_CHUNK = 500;
    /** Importance samples scored so far (see {@link #scoredSamples}); written by the scoring thread only. */
    private final java.util.concurrent.atomic.AtomicLong scoredSamples = new java.util.concurrent.atomic.AtomicLong();

    private final ModelSpec spec;
    private final Task task;
    private final GradientEstimator estimator;
    private final LatentLayer layer;
    /** layers[s] serves thread s of a split step (its families keep scratch); layers[0] is {@link #layer}. */
    private LatentLayer[] layers;
    /** Set while training steps are split over several threads ({@link #setThreads}). */
    private SplitStep split;
    private final int depth;
    /** Whether the latents come from the prior given the input (no encoders, no learned top prior). */
    private final boolean conditional;
    private final List<Param> params = new ArrayList<>();
    /** How many of {@link #params}' last entries are the estimator's own (trained in gradient slot 0 only). */
    private final int estimatorParameterCount;
    /** encoders[0] reads the input; encoders[l] reads layer l−1's code (none when {@link #conditional}). */
    private final Mlp[] encoders;
    /**
     * priorNets[l] maps layer l+1's code to layer l's prior parameters; when {@link #conditional} there is one more,
     * priorNets[depth − 1], mapping the input to the top layer's.
     */
    private final Mlp[] priorNets;
    private final Mlp decoder;
    /** The learned prior of the top layer (null when {@link #conditional}: the input's network gives it). */
    private final Param topPrior;
    private final Adam adam;
    private long step;
    private double learningRate;
    private double lambdaPosterior;
    private double lambdaPrior;
    /** β of a KL warm-up: training weighs log p(z) − log q(z) by it (1 = the bound itself). */
    private double klWeight = 1;
    /** Workspaces by rows and gradient slot (key rows · 64 + slot), the least recently used dropped. */
    private final Map<Long, Workspace> workspaces = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Workspace> eldest) {
            return size() > 8;
        }
    };

    ConcreteVae(ModelSpec spec, Task task, GradientEstimator estimator, long seed) {
        this.spec = spec;
        this.task = task;
        this.estimator = estimator;
        this.learningRate = spec.learningRate();
        this.lambdaPosterior = spec.lambdaPosterior();
        this.lambdaPrior = spec.lambdaPrior();
        this.layer = LatentLayer.of(spec.latentLayout(), lambdaPosterior, lambdaPrior);
        this.layers = new LatentLayer[] {layer};
        this.depth = spec.architecture().stochasticLayers();
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        int[] hidden = spec.architecture().nonlinear() ? new int[] {spec.hiddenUnits(), spec.hiddenUnits()} : new int[0];
        int p = layer.paramSize();
        int c = layer.codeSize();
        this.conditional = task.conditionalPrior();
        // creation order fixes the initial weights drawn from rng (and the checkpoint's array order)
        if (conditional) { // in sampling order: the input's network, then the conditional priors down the layers
            encoders = new Mlp[0];
            priorNets = new Mlp[depth];
            for (int l = depth - 1; l >= 0; l--) {
                priorNets[l] = new Mlp("prior" + (l + 1), l == depth - 1 ? task.inputWidth() : c, hidden, p, rng, params);
            }
        } else {
            encoders = new Mlp[depth];
            priorNets = new Mlp[depth - 1];
            encoders[0] = new Mlp("encoder1", task.inputWidth(), hidden, p, rng, params);
            for (int l = 1; l < depth; l++) {
                encoders[l] = new Mlp("encoder" + (l + 1), c, hidden, p, rng, params);
                priorNets[l - 1] = new Mlp("prior" + l, c, hidden, p, rng, params);
            }
        }
        decoder = new Mlp("decoder", c, hidden, task.targetWidth(), rng, params);
        decoder.outputLayer().bias().value().fill(OUTPUT_BIAS);
        if (conditional) {
            topPrior = null;
        } else {
            topPrior = new Param("prior.logits", 1, layer.learnedPriorSize());
            params.add(topPrior);
        }
        List<Param> own = estimator.createParameters(spec, task, rng); // e.g. a baseline network: trained and saved too
        estimatorParameterCount = own.size();
        params.addAll(own);
        adam = new Adam(params);
    }

    @Override
    public ModelSpec spec() {
        return spec;
    }

    @Override
    public LatentLayout latentLayout() {
        return spec.latentLayout();
    }

    /** Optimiser steps taken so far. */
    public synchronized long step() {
        return step;
    }

    @Override
    public synchronized void setLearningRate(double rate) {
        if (!(rate > 0) || !Double.isFinite(rate)) {
            throw new IllegalArgumentException("learning rate must be positive and finite, was " + rate);
        }
        learningRate = rate;
    }

    @Override
    public synchronized double learningRate() {
        return learningRate;
    }

    @Override
    public synchronized void setTemperatures(double posterior, double prior) {
        for (double t : new double[] {posterior, prior}) {
            if (!(t > 0) || !Double.isFinite(t)) {
                throw new IllegalArgumentException("temperatures must be positive and finite, were " + posterior + ", " + prior);
            }
        }
        lambdaPosterior = posterior;
        lambdaPrior = prior;
        for (LatentLayer l : layers) {
            l.setTemperatures(posterior, prior);
        }
    }

    @Override
    public synchronized void setThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
        if (threads == threads()) {
            return;
        }
        if (split != null) {
            split.close();
            split = null;
        }
        if (threads > 1) {
            if (layers.length < threads) {
                LatentLayer[] more = Arrays.copyOf(layers, threads);
                for (int t = layers.length; t < threads; t++) {
                    more[t] = LatentLayer.of(spec.latentLayout(), lambdaPosterior, lambdaPrior);
                }
                layers = more;
            }
            split = new SplitStep(threads);
        }
    }

    @Override
    public synchronized int threads() {
        return split == null ? 1 : split.parts();
    }

    @Override
    public synchronized double[] temperatures() {
        return new double[] {lambdaPosterior, lambdaPrior};
    }

    @Override
    public synchronized void setKlWeight(double beta) {
        if (!(beta >= 0 && beta <= 1)) {
            throw new IllegalArgumentException("the KL weight must lie in [0, 1], was " + beta);
        }
        klWeight = beta;
    }

    @Override
    public synchronized double klWeight() {
        return klWeight;
    }

    // ------------------------------------------------------------------ objectives

    @Override
    public synchronized double trainStep(float[] batch, int rows, long noiseSeed) {
        double objective = objectiveAndGradient(batch, rows, noiseSeed);
        if (Double.isFinite(objective)) {
            if (split != null && rows >= split.parts()) {
                split.adamStep(step, learningRate);
            } else {
                adam.step(step, learningRate);
            }
            step++;
        }
        return objective;
    }

    /**
     * Computes the estimator's mean objective of the batch and leaves the gradient of its negative in every
     * parameter's gradient buffer (package-private for the gradient check).
     */
    synchronized double objectiveAndGradient(float[] batch, int rows, long noiseSeed) {
        checkBatch(batch, rows);
        int m = spec.samples();
        Workspace w = workspace(rows * m);
        boolean splitStep = split != null && rows >= split.parts();
        if (!splitStep || estimator.readsInput()) {
            w.loadReplicated(batch, 0, rows, m);
        }
        estimator.beforeObjective(w.input, rows, m); // e.g. an input-dependent baseline
        if (splitStep) {
            return split.objectiveAndGradient(w, batch, rows, noiseSeed);
        }
        forward(w, random(noiseSeed));
        double objective = estimator.objectiveAndGradient(w.logw, rows, m, w.gLogw, w.scoreWeights);
        if (Double.isFinite(objective)) {
            backward(w);
        }
        return objective;
    }

    /** The backward pass of the graph {@link #forward} ran on {@code w}, into {@code w}'s gradient slot. */
    private void backward(Workspace w) {
        if (conditional) {
            conditionalBackward(w, estimator.relaxed(), estimator.hardForward());
            return;
        }
        topPrior.zeroGrad(w.slot); // the only gradient accumulated (over rows); layers overwrite theirs
        if (estimator.relaxed()) {
            relaxedBackward(w, estimator.hardForward());
        } else {
            discreteBackward(w);
        }
    }

    /** The training graph's forward pass on {@code w} (loaded), noise from {@code rng}. */
    private void forward(Workspace w, UniformRandomProvider rng) {
        if (conditional) {
            conditionalForward(w, rng, estimator.relaxed(), estimator.hardForward(), true, null);
        } else if (estimator.relaxed()) {
            relaxedForward(w, rng, estimator.hardForward(), klWeight);
        } else {
            discreteForward(w, rng, true, klWeight);
        }
    }

    @Override
    public synchronized double relaxedElbo(float[] batch, int rows, long noiseSeed) {
        checkBatch(batch, rows);
        Workspace w = workspace(rows);
        w.loadReplicated(batch, 0, rows, 1);
        if (conditional) { // log p(target | z), z relaxed from the prior given the input
            conditionalForward(w, random(noiseSeed), true, estimator.hardForward(), false, null);
        } else {
            relaxedForward(w, random(noiseSeed), estimator.hardForward(), 1); // as the estimator feeds it (straight-through: hard)
        }
        return mean(w.logw, rows);
    }

    @Override
    public synchronized double discreteElbo(float[] batch, int rows, long noiseSeed) {
        checkBatch(batch, rows);
        Workspace w = workspace(rows);
        w.loadReplicated(batch, 0, rows, 1);
        if (conditional) { // log p(target | z), z ~ p(z | input): the 1-sample bound on log p(target | input)
            conditionalForward(w, random(noiseSeed), false, false, false, null);
        } else {
            discreteForward(w, random(noiseSeed));
        }
        return mean(w.logw, rows);
    }

    @Override
    public long scoredSamples() {
        return scoredSamples.get();
    }

    @Override
    public synchronized double importanceSampledNll(float[] batch, int rows, int k, long noiseSeed) {
        checkBatch(batch, rows);
        if (k < 1) {
            throw new IllegalArgumentException("k (importance samples) must be at least 1, was " + k);
        }
        UniformRandomProvider rng = random(noiseSeed);
        float[] one = new float[Task.IMAGE_PIXELS];
        Workspace single = workspace(1);
        double totalNll = 0;
        for (int e = 0; e < rows; e++) {
            System.arraycopy(batch, e * Task.IMAGE_PIXELS, one, 0, Task.IMAGE_PIXELS);
            // q(z1|x) is the same for all k samples of one image: one encoder pass, not k (conditional: p(z_top | input))
            single.loadReplicated(one, 0, 1, 1);
            if (conditional) {
                priorNets[depth - 1].forward(single.input, single.z[depth - 1].post, single.priorBuffers[depth - 1]);
            } else {
                encoders[0].forward(single.input, single.z[0].post, single.enc[0]);
            }
            // Streaming log-sum-exp over k log-weights, computed in chunks of at most IS_CHUNK rows.
            double max = Double.NEGATIVE_INFINITY;
            double sum = 0;
            for (int done = 0; done < k; ) {
                int n = Math.min(IS_CHUNK, k - done);
                Workspace w = workspace(n);
                w.loadReplicated(one, 0, 1, n);
                if (conditional) { // −log (1/k) Σ_j p(target | z_j), z_j ~ p(z | input): the paper's estimate
                    conditionalForward(w, rng, false, false, false, single.z[depth - 1].post);
                } else {
                    discreteForward(w, rng, false, 1, single.z[0].post);
                }
                for (int r = 0; r < n; r++) {
                    double v = w.logw[r];
                    if (v > max) {
                        sum = sum * Math.exp(max - v) + 1;
                        max = v;
                    } else {
                        sum += Math.exp(v - max);
                    }
                }
                done += n;
                scoredSamples.addAndGet(n);
            }
            totalNll += -(max + Math.log(sum) - Math.log(k));
        }
        return totalNll / rows;
    }

    /** The prior of layer {@code l}: learned on top, conditional on the layer above below it. */
    private Prior prior(Workspace w, int l) {
        return l == depth - 1 ? Prior.learned(topPrior.value()) : Prior.conditional(w.priorParams[l]);
    }

    /** The relaxed graph; {@code kl} weighs the latents' log p − log q in each log-weight (1 but in a warm-up). */
    private void relaxedForward(Workspace w, UniformRandomProvider rng, boolean hardForward, double kl) {
        Arrays.fill(w.logw, 0, w.rows, 0.0);
        for (int l = 0; l < depth; l++) {
            if (l == 0) {
                encodeInput(w);
            } else {
                encoders[l].forward(w.z[l - 1].code, w.z[l].post, w.enc[l]);
            }
            w.layer.drawNoise(rng, w.z[l]);
            w.layer.relaxedSample(w.z[l], hardForward, w.logw);
        }
        for (int l = depth - 1; l >= 0; l--) { // top down: a conditional prior needs the code above
            if (l < depth - 1) {
                priorNets[l].forward(w.z[l + 1].code, w.priorParams[l], w.priorBuffers[l]);
            }
            w.layer.addRelaxedLogPrior(w.z[l], prior(w, l), w.logw);
        }
        weighKl(w, kl);
        decoder.forward(w.z[0].code, w.logits, w.dec);
        BernoulliLikelihood.add(w.target, w.logits, w.gLogits, w.rows, true, w.logw);
    }

    private void relaxedBackward(Workspace w, boolean hardForward) {
        BernoulliLikelihood.gradient(w.gLogits, w.rows, w.gLogw);
        decoder.backward(w.z[0].code, w.gLogits, w.z[0].gCode, w.dec);
        double[] gKl = klGradient(w);
        for (int l = 0; l < depth - 1; l++) { // conditional priors send gradient to the code above
            w.gPriorParams[l].fill(0f);
            w.layer.priorGradient(w.z[l], prior(w, l), gKl, w.gPriorParams[l]);
            priorNets[l].backward(w.z[l + 1].code, w.gPriorParams[l], w.z[l + 1].gCode, w.priorBuffers[l]);
        }
        w.layer.priorGradient(w.z[depth - 1], prior(w, depth - 1), gKl, topPrior.grad(w.slot));
        for (int l = depth - 1; l >= 0; l--) {
            w.layer.posteriorGradient(w.z[l], prior(w, l), gKl, hardForward);
            if (l > 0) {
                encoders[l].backward(w.z[l - 1].code, w.z[l].gPost, w.gCodeScratch, w.enc[l]);
                w.z[l - 1].gCode.array().addi(w.gCodeScratch.array());
            } else {
                encodeInputBackward(w);
            }
        }
    }

    /**
     * The discrete graph's backward pass for score-function estimators: the decoder and the priors get their
     * gradients at the hard codes (weighted by ∂loss/∂log w); discrete posteriors get score terms; Gaussian units
     * keep their pathwise gradients.
     */
    private void discreteBackward(Workspace w) {
        BernoulliLikelihood.gradient(w.gLogits, w.rows, w.gLogw);
        decoder.backward(w.z[0].code, w.gLogits, w.z[0].gCode, w.dec);
        double[] gKl = klGradient(w);
        for (int l = 0; l < depth - 1; l++) {
            w.gPriorParams[l].fill(0f);
            w.layer.discretePriorGradient(w.z[l], prior(w, l), gKl, w.gPriorParams[l]);
            priorNets[l].backward(w.z[l + 1].code, w.gPriorParams[l], w.z[l + 1].gCode, w.priorBuffers[l]);
        }
        w.layer.discretePriorGradient(w.z[depth - 1], prior(w, depth - 1), gKl, topPrior.grad(w.slot));
        for (int l = depth - 1; l >= 0; l--) {
            w.layer.discreteGraphGradient(w.z[l], prior(w, l), gKl, w.scoreWeights);
            if (l > 0) {
                encoders[l].backward(w.z[l - 1].code, w.z[l].gPost, w.gCodeScratch, w.enc[l]);
                w.z[l - 1].gCode.array().addi(w.gCodeScratch.array());
            } else {
                encodeInputBackward(w);
            }
        }
    }

    private void discreteForward(Workspace w, UniformRandomProvider rng) {
        discreteForward(w, rng, false, 1, null);
    }

    private void discreteForward(Workspace w, UniformRandomProvider rng, boolean training, double kl) {
        discreteForward(w, rng, training, kl, null);
    }

    /**
     * The discrete graph; {@code training} keeps the likelihood's residual for {@link #discreteBackward}; {@code kl}
     * weighs log p − log q as in {@link #relaxedForward}; {@code firstPosterior}, when given, is the one row of
     * q(z1|x)'s parameters every row shares (all rows the same input), used instead of the first encoder.
     */
    private void discreteForward(Workspace w, UniformRandomProvider rng, boolean training, double kl, Mat firstPosterior) {
        Arrays.fill(w.logw, 0, w.rows, 0.0);
        for (int l = 0; l < depth; l++) {
            if (l == 0 && firstPosterior != null) {
                repeatRows(firstPosterior, 1, w.z[0].post, w.rows);
            } else if (l == 0) {
                encodeInput(w);
            } else {
                encoders[l].forward(w.z[l - 1].code, w.z[l].post, w.enc[l]);
            }
            w.layer.drawNoise(rng, w.z[l]);
            w.layer.discreteSample(w.z[l], w.logw);
        }
        for (int l = depth - 1; l >= 0; l--) {
            if (l < depth - 1) {
                priorNets[l].forward(w.z[l + 1].code, w.priorParams[l], w.priorBuffers[l]);
            }
            w.layer.addDiscreteLogPrior(w.z[l], prior(w, l), w.logw);
        }
        weighKl(w, kl);
        decoder.forward(w.z[0].code, w.logits, w.dec);
        BernoulliLikelihood.add(w.target, w.logits, w.gLogits, w.rows, training, w.logw);
    }

    /**
     * The conditional-prior graph (a task with {@link Task#conditionalPrior()}): top down, each layer is drawn from its
     * prior — the top one from p(z | input), given as the one row {@code topParams} every row shares when not null —
     * relaxed (Concrete, the hard code forward when {@code hardForward}) or discrete; log w = log p(target | z) (the
     * sampling distribution is the prior, so log p(z) − log q(z) is 0). {@code training} keeps the likelihood's residual.
     */
    private void conditionalForward(Workspace w, UniformRandomProvider rng, boolean relaxed, boolean hardForward,
                                    boolean training, Mat topParams) {
        Arrays.fill(w.logw, 0, w.rows, 0.0);
        Arrays.fill(w.unused, 0, w.rows, 0.0); // receives −log q(z) of the draws (the gradient check reads it)
        for (int l = depth - 1; l >= 0; l--) {
            if (l == depth - 1 && topParams != null) {
                repeatRows(topParams, 1, w.z[l].post, w.rows);
            } else {
                priorNets[l].forward(l == depth - 1 ? w.input : w.z[l + 1].code, w.z[l].post, w.priorBuffers[l]);
            }
            w.layer.drawNoise(rng, w.z[l]);
            if (relaxed) {
                w.layer.relaxedSample(w.z[l], hardForward, w.unused); // its log density is not part of log w
            } else {
                w.layer.discreteSample(w.z[l], w.unused);
            }
        }
        decoder.forward(w.z[0].code, w.logits, w.dec);
        BernoulliLikelihood.add(w.target, w.logits, w.gLogits, w.rows, training, w.logw);
    }

    /**
     * The conditional-prior graph's backward pass: the decoder's gradient at the codes, then, bottom up, each layer's
     * gradient at its prior's parameters — pathwise through the relaxed sample, or (discrete graph) the estimator's
     * learning signal times the prior's score, log w having no log-density term of its own (a zero weight) — sent back
     * through that prior's network to the code above (the top one's reads the input).
     */
    private void conditionalBackward(Workspace w, boolean relaxed, boolean hardForward) {
        BernoulliLikelihood.gradient(w.gLogits, w.rows, w.gLogw);
        decoder.backward(w.z[0].code, w.gLogits, w.z[0].gCode, w.dec);
        for (int l = 0; l < depth; l++) {
            Prior own = Prior.conditional(w.z[l].post);
            if (relaxed) {
                w.layer.posteriorGradient(w.z[l], own, w.noWeight, hardForward);
            } else {
                w.layer.discreteGraphGradient(w.z[l], own, w.noWeight, w.scoreWeights);
            }
            boolean top = l == depth - 1;
            priorNets[l].backward(top ? w.input : w.z[l + 1].code, w.z[l].gPost, top ? null : w.z[l + 1].gCode,
                    w.priorBuffers[l]);
        }
    }

    /**
     * q(z1|x)'s parameters for every row of {@code w}: with m &gt; 1 samples per image the first encoder runs once per
     * image and its output is repeated m times (its forward and backward GEMMs shrink m-fold), else on every row.
     */
    private void encodeInput(Workspace w) {
        if (w.times > 1) {
            Workspace.Unique u = w.unique();
            encoders[0].forward(u.input, u.post, u.enc);
            repeatRows(u.post, u.rows, w.z[0].post, w.times);
        } else {
            encoders[0].forward(w.input, w.z[0].post, w.enc[0]);
        }
    }

    /** The first encoder's backward pass for {@link #encodeInput}: the m copies' gradients summed per image first. */
    private void encodeInputBackward(Workspace w) {
        if (w.times > 1) {
            Workspace.Unique u = w.unique();
            int width = u.gPost.cols();
            float[] all = u.heap(w.rows * width);
            w.z[0].gPost.buffer().get(0, all, 0, w.rows * width);
            float[] sums = u.sums;
            for (int b = 0; b < u.rows; b++) {
                java.util.Arrays.fill(sums, 0f);
                for (int j = 0; j < w.times; j++) {
                    int base = (b * w.times + j) * width;
                    for (int i = 0; i < width; i++) {
                        sums[i] += all[base + i];
                    }
                }
                u.gPost.buffer().put(b * width, sums, 0, width);
            }
            encoders[0].backward(u.input, u.gPost, null, u.enc);
        } else {
            encoders[0].backward(w.input, w.z[0].gPost, null, w.enc[0]);
        }
    }

    /** Writes each of the first {@code rows} rows of {@code from} {@code times} times in a row into {@code into}. */
    private static void repeatRows(Mat from, int rows, Mat into, int times) {
        int width = from.cols();
        var src = from.buffer();
        var dst = into.buffer();
        for (int b = 0; b < rows; b++) {
            for (int j = 0; j < times; j++) {
                dst.put((b * times + j) * width, src, b * width, width);
            }
        }
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
    private double[] klGradient(Workspace w) {
        if (klWeight == 1) {
            return w.gLogw;
        }
        for (int r = 0; r < w.rows; r++) {
            w.gKl[r] = klWeight * w.gLogw[r];
        }
        return w.gKl;
    }

    // ------------------------------------------------------------------ codes

    @Override
    public synchronized float[] decode(float[] code) {
        int c = layer.codeSize();
        if (code == null || code.length != c) {
            throw new IllegalArgumentException("code must have " + c + " values for " + spec.describe()
                    + ", had " + (code == null ? "none" : code.length));
        }
        Workspace w = workspace(1);
        w.z[0].code.load(code, 0);
        decoder.forward(w.z[0].code, w.logits, w.dec);
        float[] means = new float[task.targetWidth()];
        var ob = w.logits.buffer();
        for (int i = 0; i < means.length; i++) {
            means[i] = (float) LogSpace.sigmoid(ob.get(i));
        }
        return means;
    }

    @Override
    public synchronized float[] encodeMode(float[] image) {
        if (image == null || image.length != task.inputWidth()) {
            throw new IllegalArgumentException("image must have " + task.inputWidth() + " pixels, had "
                    + (image == null ? "none" : image.length));
        }
        Workspace w = workspace(1);
        w.input.load(image, 0);
        if (conditional) { // the most probable code of each prior in turn, top down from the input
            for (int l = depth - 1; l >= 0; l--) {
                priorNets[l].forward(l == depth - 1 ? w.input : w.z[l + 1].code, w.z[l].post, w.priorBuffers[l]);
                layer.mode(w.z[l]);
            }
        } else {
            encoders[0].forward(w.input, w.z[0].post, w.enc[0]);
            layer.mode(w.z[0]);
        }
        float[] code = new float[layer.codeSize()];
        w.z[0].code.store(code, 0);
        return code;
    }

    @Override
    public synchronized double[] posteriorMeans(float[] batch, int rows) {
        checkBatch(batch, rows);
        int width = layer.meanWidth();
        double[] means = new double[rows * width];
        for (int from = 0; from < rows; from += IS_CHUNK) {
            int n = Math.min(IS_CHUNK, rows - from);
            Workspace w = workspace(n);
            w.loadReplicated(batch, from, n, 1);
            // conditional: the layer that reads the input, p(z_top | input)
            int l = conditional ? depth - 1 : 0;
            if (conditional) {
                priorNets[l].forward(w.input, w.z[l].post, w.priorBuffers[l]);
            } else {
                encoders[0].forward(w.input, w.z[0].post, w.enc[0]);
            }
            for (int r = 0; r < n; r++) {
                layer.posteriorMeans(w.z[l], r, means, (from + r) * width);
            }
        }
        return means;
    }

    @Override
    public synchronized ConditionalSamples sampleGiven(float[] input, int n, long seed) {
        if (!conditional) {
            throw new UnsupportedOperationException(spec.describe() + " has no prior given an input: its task, "
                    + task.name() + ", infers the latents from the input (samplePrior draws from its prior)");
        }
        if (input == null || input.length != task.inputWidth()) {
            throw new IllegalArgumentException("input must have " + task.inputWidth() + " values, had "
                    + (input == null ? "none" : input.length));
        }
        if (n < 1) {
            throw new IllegalArgumentException("n (samples) must be at least 1, was " + n);
        }
        Workspace w = workspace(n);
        var ib = w.input.buffer();
        for (int r = 0; r < n; r++) {
            ib.put(r * input.length, input);
        }
        // the target's buffer holds whatever it held: the log-weights are not read
        conditionalForward(w, random(seed), false, false, false, null);
        float[] codes = new float[n * layer.codeSize()];
        w.z[0].code.store(codes, 0);
        float[] means = new float[n * task.targetWidth()];
        var ob = w.logits.buffer();
        for (int i = 0; i < means.length; i++) {
            means[i] = (float) LogSpace.sigmoid(ob.get(i));
        }
        return new ConditionalSamples(n, layer.codeSize(), codes, task.targetWidth(), means);
    }

    @Override
    public synchronized float[] samplePrior(long seed) {
        if (conditional) {
            throw new UnsupportedOperationException(spec.describe() + " has no prior of its own: it is given by the input"
                    + " (sampleGiven draws from it)");
        }
        UniformRandomProvider rng = random(seed);
        Workspace w = workspace(1);
        double[] ignored = new double[1];
        LayerBuffers top = w.z[depth - 1];
        top.post.fill(0f); // the learned prior's discrete logits; its Gaussian part is N(0, 1): μ = 0, log σ² = 0
        var tb = top.post.buffer();
        var pb = topPrior.value().buffer();
        for (int i = 0; i < layer.learnedPriorSize(); i++) {
            tb.put(i, pb.get(i));
        }
        layer.drawNoise(rng, top);
        layer.discreteSample(top, ignored);
        for (int l = depth - 2; l >= 0; l--) { // each conditional prior, sampled like a posterior
            priorNets[l].forward(w.z[l + 1].code, w.z[l].post, w.priorBuffers[l]);
            layer.drawNoise(rng, w.z[l]);
            layer.discreteSample(w.z[l], ignored);
        }
        float[] result = new float[layer.codeSize()];
        w.z[0].code.store(result, 0);
        return result;
    }

    // ------------------------------------------------------------------ state

    @Override
    public synchronized ModelState state() {
        Map<String, ModelState.NamedArray> arrays = new LinkedHashMap<>();
        for (int i = 0; i < params.size(); i++) {
            Param p = params.get(i);
            arrays.put(p.name(), copy(p.value()));
            float[] moments = adam.state(i);
            arrays.put(p.name() + "#adam", new ModelState.NamedArray(new long[] {moments.length}, moments));
        }
        return new ModelState(spec, step, arrays);
    }

    @Override
    public synchronized void load(ModelState state) {
        if (!spec.equals(state.spec())) {
            throw new IllegalArgumentException("the state belongs to another model (" + state.spec().describe()
                    + ", λ1=" + state.spec().lambdaPosterior() + ", λ2=" + state.spec().lambdaPrior()
                    + ") than this one (" + spec.describe() + ")");
        }
        for (Param p : params) {
            check(state, p.name(), p.value());
            ModelState.NamedArray moments = state.arrays().get(p.name() + "#adam");
            if (moments != null && moments.values().length != 2 * p.size()) {
                throw new IllegalArgumentException("Adam moments of '" + p.name() + "' have another size than the parameter");
            }
        }
        for (int i = 0; i < params.size(); i++) {
            Param p = params.get(i);
            p.value().load(state.arrays().get(p.name()).values(), 0);
            ModelState.NamedArray moments = state.arrays().get(p.name() + "#adam");
            adam.load(i, moments != null ? moments.values() : null); // a model-only state starts Adam afresh
        }
        step = state.step();
    }

    private static void check(ModelState state, String name, Mat target) {
        ModelState.NamedArray a = state.arrays().get(name);
        if (a == null) {
            throw new IllegalArgumentException("the state has no array '" + name + "'");
        }
        long[] expected = {target.rows(), target.cols()};
        if (!Arrays.equals(a.shape(), expected)) {
            throw new IllegalArgumentException("array '" + name + "' has shape " + Arrays.toString(a.shape())
                    + ", this model needs " + Arrays.toString(expected));
        }
    }

    private static ModelState.NamedArray copy(Mat m) {
        float[] v = new float[m.rows() * m.cols()];
        m.store(v, 0);
        return new ModelState.NamedArray(new long[] {m.rows(), m.cols()}, v);
    }

    /**
     * For the gradient check of score-function estimators: the per-sample log-weights (first row) and every
     * layer's hard codes (second row) of the discrete graph exactly as a training step draws them, the score
     * weights the estimator gave them at the last step, and (fourth row, a conditional graph only; else NaN) each
     * draw's log-probability under the priors it was drawn from.
     */
    synchronized double[][] discreteSamples(float[] batch, int rows, long noiseSeed) {
        int m = spec.samples();
        Workspace w = workspace(rows * m);
        w.loadReplicated(batch, 0, rows, m);
        if (conditional) {
            conditionalForward(w, random(noiseSeed), false, false, false, null);
        } else {
            discreteForward(w, random(noiseSeed));
        }
        int c = layer.codeSize();
        double[] codes = new double[depth * rows * m * c];
        for (int l = 0; l < depth; l++) {
            var cb = w.z[l].code.buffer();
            for (int i = 0; i < rows * m * c; i++) {
                codes[l * rows * m * c + i] = cb.get(i);
            }
        }
        double[] logq = new double[rows * m];
        for (int r = 0; r < rows * m; r++) {
            logq[r] = conditional ? -w.unused[r] : Double.NaN;
        }
        return new double[][] {Arrays.copyOf(w.logw, rows * m), codes, Arrays.copyOf(w.scoreWeights, rows * m), logq};
    }

    /**
     * For {@link GradientProbe}: one training step's loss gradient at the first stochastic layer's posterior
     * parameters (the encoder's output), without an update. {@code dest} receives {@code rows·m × paramSize}
     * values, row b·m + j being sample j of image b (the image's own gradient is the sum over its m rows); returns
     * false (and leaves {@code dest} alone) when the objective was not finite.
     */
    synchronized boolean posteriorLossGradient(float[] batch, int rows, long noiseSeed, float[] dest) {
        double objective = objectiveAndGradient(batch, rows, noiseSeed);
        if (!Double.isFinite(objective)) {
            return false;
        }
        workspace(rows * spec.samples()).z[0].gPost.store(dest, 0);
        return true;
    }

    /**
     * For {@link GradientProbe}: {@code perImage} draws of the discrete graph for each of {@code rows} images: each
     * draw's log-weight log p(x, z) − log q(z|x) into {@code logw[b·perImage + j]} and its score ∂ log q(z1|x)/∂
     * (first layer's posterior parameters) into {@code scores} ({@code paramSize} values per draw, in the same order).
     */
    synchronized void discreteScores(float[] batch, int rows, int perImage, long noiseSeed, double[] logw, float[] scores) {
        checkBatch(batch, rows);
        int n = rows * perImage;
        Workspace w = workspace(n);
        w.loadReplicated(batch, 0, rows, perImage);
        discreteForward(w, random(noiseSeed));
        System.arraycopy(w.logw, 0, logw, 0, n);
        double[] ones = new double[n];
        Arrays.fill(ones, 1.0);
        w.z[0].gPost.fill(0f);
        layer.addScore(w.z[0], ones);
        w.z[0].gPost.store(scores, 0);
    }

    /** Posterior parameters per row of the first stochastic layer: the discrete families' first, then any Gaussian ones. */
    int posteriorWidth() {
        return layer.paramSize();
    }

    /** How many of {@link #posteriorWidth()}'s leading columns are discrete logits. */
    int discretePosteriorWidth() {
        return layer.learnedPriorSize();
    }

    /** Trainable parameters in a stable order (for the gradient check and tests). */
    List<Param> parameters() {
        return params;
    }

    /** The estimator this model trains with (tests read an estimator's own diagnostics). */
    GradientEstimator estimator() {
        return estimator;
    }

    // ------------------------------------------------------------------ helpers

    private static UniformRandomProvider random(long seed) {
        return RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    }

    private static double mean(double[] v, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += v[i];
        }
        return s / n;
    }

    private void checkBatch(float[] batch, int rows) {
        if (rows < 1) {
            throw new IllegalArgumentException("rows must be at least 1, was " + rows);
        }
        if (batch == null || batch.length < rows * Task.IMAGE_PIXELS) {
            throw new IllegalArgumentException("batch must hold rows × 784 = " + rows * Task.IMAGE_PIXELS + " pixels, had "
                    + (batch == null ? "none" : batch.length));
        }
    }

    private Workspace workspace(int rows) {
        return workspace(rows, 0);
    }

    /** The buffers of {@code rows} rows for thread {@code slot} of a split step (0: an unsplit pass). */
    private Workspace workspace(int rows, int slot) {
        return workspaces.computeIfAbsent(rows * 64L + slot, key -> new Workspace(rows, slot));
    }

    /** Thread {@code part}'s noise seed in a step split over threads (part 0 keeps the step's own). */
    static long partSeed(long noiseSeed, int part) {
        return part == 0 ? noiseSeed : noiseSeed + 0x9E3779B97F4A7C15L * part;
    }

    /**
     * A training step split over {@code parts} threads (data parallel): thread s takes a contiguous block of the
     * batch's images with its own workspace, latent layer, noise ({@link #partSeed}) and gradient slot; the
     * estimator sees the whole batch's log-weights at once (its statistics are the batch's, as unsplit); Adam adds
     * the slots in slot order, each thread updating its share of the parameters. The result depends on the seed
     * and the number of threads only, never on timing.
     */
    private final class SplitStep {
        private final int parts;
        private final java.util.concurrent.ThreadPoolExecutor pool;
        /** Parameter indices each thread updates in Adam, balanced by size. */
        private final int[][] adamShare;

        SplitStep(int parts) {
            this.parts = parts;
            pool = new java.util.concurrent.ThreadPoolExecutor(parts - 1, parts - 1, 10, java.util.concurrent.TimeUnit.SECONDS,
                    new java.util.concurrent.LinkedBlockingQueue<>(), r -> {
                        Thread t = new Thread(r, "training-step-part");
                        t.setDaemon(true);
                        return t;
                    });
            pool.allowCoreThreadTimeOut(true); // an idle model holds no threads
            int estimatorOwn = estimatorParameterCount;
            for (int i = 0; i < params.size() - estimatorOwn; i++) {
                params.get(i).ensureSlots(parts); // the estimator's own parameters are trained unsplit, in slot 0
            }
            adamShare = Adam.share(params, parts);
        }

        int parts() {
            return parts;
        }

        double objectiveAndGradient(Workspace whole, float[] batch, int rows, long noiseSeed) {
            int m = spec.samples();
            Workspace[] ws = new Workspace[parts];
            int[] first = new int[parts + 1];
            for (int s = 0; s <= parts; s++) {
                first[s] = (int) ((long) rows * s / parts);
            }
            for (int s = 0; s < parts; s++) {
                ws[s] = workspace((first[s + 1] - first[s]) * m, s);
            }
            inParallel(s -> {
                ws[s].loadReplicated(batch, first[s], first[s + 1] - first[s], m);
                forward(ws[s], random(partSeed(noiseSeed, s)));
            });
            for (int s = 0; s < parts; s++) {
                System.arraycopy(ws[s].logw, 0, whole.logw, first[s] * m, ws[s].rows);
            }
            double objective = estimator.objectiveAndGradient(whole.logw, rows, m, whole.gLogw, whole.scoreWeights);
            if (!Double.isFinite(objective)) {
                return objective;
            }
            for (int s = 0; s < parts; s++) {
                System.arraycopy(whole.gLogw, first[s] * m, ws[s].gLogw, 0, ws[s].rows);
                System.arraycopy(whole.scoreWeights, first[s] * m, ws[s].scoreWeights, 0, ws[s].rows);
            }
            inParallel(s -> backward(ws[s]));
            return objective;
        }

        void adamStep(long iteration, double learningRate) {
            inParallel(s -> adam.step(iteration, learningRate, adamShare[s], parts));
        }

        /** work(s) for every part, part 0 on this thread; waits for all, then rethrows the first failure. */
        private void inParallel(java.util.function.IntConsumer work) {
            List<java.util.concurrent.Future<?>> others = new ArrayList<>(parts - 1);
            for (int s = 1; s < parts; s++) {
                int part = s;
                others.add(pool.submit(() -> work.accept(part)));
            }
            RuntimeException failure = null;
            try {
                work.accept(0);
            } catch (RuntimeException e) {
                failure = e;
            }
            for (var f : others) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    if (failure == null) {
                        failure = e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while a training step's threads were running", e);
                }
            }
            if (failure != null) {
                throw failure;
            }
        }

        void close() {
            pool.shutdown();
        }
    }

    /** Every buffer one forward/backward pass of {@code rows} rows needs, allocated once. */
    private final class Workspace {
        final int rows;
        /** The gradient slot its backward pass writes, and the thread of a split step it serves. */
        final int slot;
        final LatentLayer layer;
        final Mat input;
        final Mat target;
        final Mlp.Buffers[] enc;
        final Mlp.Buffers[] priorBuffers;
        final Mlp.Buffers dec;
        final LayerBuffers[] z;
        final Mat[] priorParams;
        final Mat[] gPriorParams;
        final Mat gCodeScratch;
        final Mat logits;
        final Mat gLogits;
        final double[] logw;
        final double[] gLogw;
        final double[] scoreWeights;
        final double[] gKl;
        /** Zeros: the weight of log-density terms a conditional graph's log w does not have. */
        final double[] noWeight;
        /** Where a conditional graph's samples leave the log densities it does not use. */
        final double[] unused;
        private final float[] inputRow;
        private final float[] targetRow;
        /** How many consecutive rows repeat each image in the last load (m while training, else 1). */
        int times = 1;
        private Unique unique;

        /** Each loaded image once (when {@link #times} &gt; 1): the first encoder's input, output and gradient. */
        final class Unique {
            final int rows;
            final Mat input;
            final Mat post;
            final Mat gPost;
            final Mlp.Buffers enc;
            final float[] sums;
            private float[] heap = new float[0];

            Unique(int rows) {
                this.rows = rows;
                input = new Mat(rows, task.inputWidth());
                post = new Mat(rows, layer.paramSize());
                gPost = new Mat(rows, layer.paramSize());
                enc = encoders[0].buffers(rows, slot);
                sums = new float[layer.paramSize()];
            }

            float[] heap(int n) {
                if (heap.length < n) {
                    heap = new float[n];
                }
                return heap;
            }
        }

        Unique unique() {
            return unique;
        }

        Workspace(int rows, int slot) {
            this.rows = rows;
            this.slot = slot;
            this.layer = layers[slot];
            input = new Mat(rows, task.inputWidth());
            target = task.targetIsInput() ? input : new Mat(rows, task.targetWidth());
            inputRow = new float[task.inputWidth()];
            targetRow = task.targetIsInput() ? null : new float[task.targetWidth()];
            enc = new Mlp.Buffers[encoders.length];
            z = new LayerBuffers[depth];
            priorBuffers = new Mlp.Buffers[priorNets.length];
            int priorRows = conditional ? 0 : depth - 1; // a conditional graph samples its priors into z[l].post
            priorParams = new Mat[priorRows];
            gPriorParams = new Mat[priorRows];
            for (int l = 0; l < depth; l++) {
                if (l < encoders.length) {
                    enc[l] = encoders[l].buffers(rows, slot);
                }
                z[l] = new LayerBuffers(layer, rows);
            }
            for (int l = 0; l < priorNets.length; l++) {
                priorBuffers[l] = priorNets[l].buffers(rows, slot);
            }
            for (int l = 0; l < priorRows; l++) {
                priorParams[l] = new Mat(rows, layer.paramSize());
                gPriorParams[l] = new Mat(rows, layer.paramSize());
            }
            gCodeScratch = depth > 1 ? new Mat(rows, layer.codeSize()) : null;
            dec = decoder.buffers(rows, slot);
            logits = new Mat(rows, task.targetWidth());
            gLogits = new Mat(rows, task.targetWidth());
            logw = new double[rows];
            gLogw = new double[rows];
            scoreWeights = new double[rows];
            gKl = new double[rows];
            noWeight = new double[rows];
            unused = new double[rows];
        }

        /** Copies images {@code first} … {@code first + n − 1}'s inputs (and targets), each repeated {@code times} times consecutively. */
        void loadReplicated(float[] batch, int first, int n, int times) {
            this.times = times;
            if (times > 1 && !conditional) {
                if (unique == null || unique.rows != n) {
                    unique = new Unique(n);
                }
                for (int b = 0; b < n; b++) {
                    task.input(batch, (first + b) * Task.IMAGE_PIXELS, inputRow, 0);
                    unique.input.buffer().put(b * inputRow.length, inputRow);
                }
            }
            if (task.targetIsInput()) { // the image itself: one bulk copy per row
                int width = task.inputWidth();
                var xb = input.buffer();
                for (int b = 0; b < n; b++) {
                    for (int j = 0; j < times; j++) {
                        xb.position((b * times + j) * width);
                        xb.put(batch, (first + b) * Task.IMAGE_PIXELS, width);
                    }
                }
                xb.position(0);
                return;
            }
            for (int b = 0; b < n; b++) {
                task.input(batch, (first + b) * Task.IMAGE_PIXELS, inputRow, 0);
                task.target(batch, (first + b) * Task.IMAGE_PIXELS, targetRow, 0);
                for (int j = 0; j < times; j++) {
                    input.buffer().put((b * times + j) * inputRow.length, inputRow);
                    target.buffer().put((b * times + j) * targetRow.length, targetRow);
                }
            }
        }
    }
}

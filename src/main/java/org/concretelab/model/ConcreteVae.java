package org.concretelab.model;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.simple.RandomSource;
import org.concretelab.model.estimator.GradientEstimator;
import org.concretelab.model.nn.Mat;
import org.concretelab.model.nn.Param;
import org.concretelab.model.optim.Adam;
import org.concretelab.model.task.Task;

/**
 * The paper's VAE with Concrete-relaxed discrete latents, written as a fused forward/backward pass over
 * preallocated ND4J buffers (GEMMs in BLAS, element-wise math in Java loops over the same memory) because
 * SameDiff's per-op overhead costs 3-5× here (see STACK.md).
 *
 * <p>This class holds the model's state and settings and wires its parts: the networks ({@link VaeNetworks}, built
 * from the {@link ParameterPlan}), the graphs ({@link InferenceGraph}, or {@link ConditionalGraph} for a task with a
 * conditional prior), the buffers ({@link WorkspacePool}), the scores ({@link ModelScores}) and the explorer's
 * services ({@link ModelCodes}). A training step belongs to the {@link GradientEstimator}: it composes the passes
 * the model offers ({@link StepPasses}) into its objective and gradient; then {@link Adam} updates.
 *
 * <p>Evaluation uses the discrete graph. All public methods are synchronized: a UI thread may decode while
 * the trainer steps.
 */
public final class ConcreteVae implements VaeModel {
    /** The learned top prior's logits (a model whose task has no conditional prior). */
    static final String PRIOR_LOGITS = "prior.logits";

    private final ModelSpec spec;
    private final GradientEstimator estimator;
    private final VaeNetworks nets;
    private final Graph graph;
    private final WorkspacePool pool;
    private final ModelScores scores;
    private final ModelCodes codes;
    /** The threads training steps run on ({@link #setThreads}); they change the speed, never the result. */
    private int threads = 1;
    /** The blocks and threads of a training step, made at the first step that is cut into blocks. */
    private SplitStep split;
    /** The blocks the last step was cut into: its gradient is the sum of that many slots. */
    private int lastBlocks = 1;
    private final Adam adam;
    private long step;
    private double learningRate;
    private double lambdaPosterior;
    private double lambdaPrior;
    /** β of a KL warm-up: training weighs log p(z) − log q(z) by it (1 = the bound itself). */
    private double klWeight = 1;

    ConcreteVae(ModelSpec spec, Task task, GradientEstimator estimator, long seed) {
        this.spec = spec;
        this.estimator = estimator;
        this.learningRate = spec.learningRate();
        this.lambdaPosterior = spec.lambdaPosterior();
        this.lambdaPrior = spec.lambdaPrior();
        // creation order fixes the initial weights drawn (and the checkpoint's array order)
        this.nets = new VaeNetworks(spec, task, estimator, RandomSource.XO_RO_SHI_RO_128_PP.create(seed));
        this.graph = nets.conditional ? new ConditionalGraph(nets) : new InferenceGraph(nets);
        this.pool = new WorkspacePool(nets, spec.latentLayout(), lambdaPosterior, lambdaPrior);
        this.scores = new ModelScores(graph, pool);
        this.codes = new ModelCodes(spec, nets, graph, pool);
        adam = new Adam(nets.params);
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
        pool.setTemperatures(posterior, prior);
    }

    @Override
    public synchronized void setThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
        if (threads == this.threads) {
            return;
        }
        this.threads = threads;
        if (split != null) {
            split.close();
            split = null;
        }
    }

    @Override
    public synchronized int threads() {
        return threads;
    }

    /** The step's blocks and threads (made on first use: a model that never trains holds no gradient slots for them). */
    private SplitStep split() {
        if (split == null) {
            pool.ensureBlocks(SplitStep.MAX_BLOCKS);
            split = new SplitStep(threads, nets.params, nets.estimatorParameterCount, adam);
        }
        return split;
    }

    /** The blocks a training step of {@code rows} images is cut into (a function of the batch, not of the threads). */
    private int blocks(int rows) {
        return SplitStep.blocks(rows, spec.samples() * estimator.passRows());
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
        // a fused step of a split batch runs this end in its own fork (StepPasses.endWith); any other step runs it here
        Runnable centring = nets.centring == null ? () -> { } : () -> updateCentring(rows);
        SplitStep.StepEnd end = new SplitStep.StepEnd(centring, step, learningRate);
        double objective = objectiveAndGradient(batch, rows, noiseSeed, null, end);
        if (Double.isFinite(objective)) {
            if (!end.ran()) {
                centring.run();
                if (threads > 1 || blocks(rows) > 1) {
                    split().adamStep(step, learningRate, blocks(rows));
                } else {
                    adam.step(step, learningRate);
                }
            }
            step++;
        }
        return objective;
    }

    /** The gradient {@code param} holds after the last step (its blocks' slots summed; for tests and probes). */
    synchronized float[] gradient(Param param) {
        return param.gradientSum(lastBlocks);
    }

    /** The moving averages of EMA centring from the inputs and codes the step just used (its workspaces, as StepPasses split them). */
    private void updateCentring(int rows) {
        int times = spec.samples() * estimator.passRows();
        int parts = blocks(rows);
        if (parts == 1) {
            nets.updateCentring(new Workspace[] {stepWorkspace(rows)}, new int[] {rows * times});
            return;
        }
        Workspace[] ws = new Workspace[parts];
        int[] n = new int[parts];
        for (int s = 0; s < parts; s++) {
            n[s] = (SplitStep.firstImage(rows, parts, s + 1) - SplitStep.firstImage(rows, parts, s)) * times;
            ws[s] = pool.get(n[s], s);
        }
        nets.updateCentring(ws, n);
    }

    /** The workspace an unsplit training step of {@code rows} images computes in (its codes stay there after it). */
    Workspace stepWorkspace(int rows) {
        return pool.get(rows * spec.samples() * estimator.passRows());
    }

    /** EMA centring's moving averages in {@link VaeNetworks#centringAverages}' order (live arrays), or null when off (for tests). */
    float[][] centringMeans() {
        return nets.centring;
    }

    /**
     * Computes the estimator's mean objective of the batch and leaves the gradient of its negative in every
     * parameter's gradient buffer (package-private for the gradient check).
     */
    synchronized double objectiveAndGradient(float[] batch, int rows, long noiseSeed) {
        return objectiveAndGradient(batch, rows, noiseSeed, null, null);
    }

    /** As above; a non-null {@code posteriorGradient} receives the loss gradient at the first layer's posterior. */
    private double objectiveAndGradient(float[] batch, int rows, long noiseSeed, float[] posteriorGradient,
                                        SplitStep.StepEnd end) {
        checkBatch(batch, rows);
        int m = spec.samples();
        int times = m * estimator.passRows();
        Workspace w = pool.get(rows * times);
        int blocks = blocks(rows);
        lastBlocks = blocks;
        boolean splitStep = blocks > 1;
        if (!splitStep || estimator.readsInput()) {
            w.loadReplicated(batch, 0, rows, times);
        }
        StepPasses passes = new StepPasses(graph, pool, w, splitStep ? split() : null, blocks, batch, rows, times, noiseSeed,
                klWeight, new double[] {lambdaPosterior, lambdaPrior});
        if (end != null) {
            passes.endWith(end);
        }
        double objective = estimator.step(passes, rows, m);
        if (posteriorGradient != null && Double.isFinite(objective)) {
            passes.posteriorGradient(posteriorGradient); // gathered from the step's blocks
        }
        return objective;
    }

    @Override
    public synchronized double relaxedElbo(float[] batch, int rows, long noiseSeed) {
        checkBatch(batch, rows);
        return scores.relaxedElbo(batch, rows, noiseSeed, spec.straightThrough()); // as the estimator feeds it
    }

    @Override
    public synchronized double discreteElbo(float[] batch, int rows, long noiseSeed) {
        checkBatch(batch, rows);
        return scores.discreteElbo(batch, rows, noiseSeed);
    }

    @Override
    public long scoredSamples() {
        return scores.scoredSamples();
    }

    @Override
    public synchronized double importanceSampledNll(float[] batch, int rows, int k, long noiseSeed) {
        checkBatch(batch, rows);
        if (k < 1) {
            throw new IllegalArgumentException("k (importance samples) must be at least 1, was " + k);
        }
        return scores.importanceSampledNll(batch, rows, k, noiseSeed);
    }

    // ------------------------------------------------------------------ codes

    @Override
    public synchronized float[] decode(float[] code) {
        return codes.decode(code);
    }

    @Override
    public synchronized float[] decodeRows(float[] codes, int rows) {
        return this.codes.decodeRows(codes, rows);
    }

    @Override
    public synchronized float[] encodeMode(float[] image) {
        return codes.encodeMode(image);
    }

    @Override
    public synchronized double[] posteriorMeans(float[] batch, int rows) {
        return codes.posteriorMeans(batch, rows);
    }

    @Override
    public synchronized ConditionalSamples sampleGiven(float[] input, int n, long seed) {
        return codes.sampleGiven(input, n, seed);
    }

    @Override
    public synchronized float[] samplePrior(long seed) {
        return codes.samplePrior(seed);
    }

    // ------------------------------------------------------------------ state

    @Override
    public synchronized ModelState state() {
        Map<String, ModelState.NamedArray> arrays = new LinkedHashMap<>();
        for (int i = 0; i < nets.params.size(); i++) {
            Param p = nets.params.get(i);
            arrays.put(p.name(), copy(p.value()));
            float[] moments = adam.state(i);
            arrays.put(p.name() + "#adam", new ModelState.NamedArray(new long[] {moments.length}, moments));
        }
        if (nets.centring != null) {
            String[] names = nets.centringNames();
            for (int k = 0; k < nets.centring.length; k++) {
                float[] mean = nets.centring[k];
                arrays.put(names[k], new ModelState.NamedArray(new long[] {1, mean.length}, mean.clone()));
            }
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
        for (Param p : nets.params) {
            check(state, p.name(), p.value());
            ModelState.NamedArray moments = state.arrays().get(p.name() + "#adam");
            if (moments != null && moments.values().length != 2 * p.size()) {
                throw new IllegalArgumentException("Adam moments of '" + p.name() + "' have another size than the parameter");
            }
        }
        if (nets.centring != null) {
            String[] names = nets.centringNames();
            for (int k = 0; k < nets.centring.length; k++) {
                ModelState.NamedArray mean = state.arrays().get(names[k]);
                if (mean == null || mean.values().length != nets.centring[k].length) {
                    throw new IllegalArgumentException("the state has no centring average '" + names[k]
                            + "' of " + nets.centring[k].length + " values");
                }
            }
            for (int k = 0; k < nets.centring.length; k++) {
                System.arraycopy(state.arrays().get(names[k]).values(), 0, nets.centring[k], 0, nets.centring[k].length);
            }
        }
        for (int i = 0; i < nets.params.size(); i++) {
            Param p = nets.params.get(i);
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
        Workspace w = pool.get(rows * m);
        w.loadReplicated(batch, 0, rows, m);
        graph.discrete(w, ModelScores.random(noiseSeed), false, 1, null, false);
        int c = pool.layer().codeSize();
        int depth = nets.depth;
        boolean conditional = nets.conditional;
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
        return Double.isFinite(objectiveAndGradient(batch, rows, noiseSeed, dest, null));
    }

    /**
     * For {@link GradientProbe}: {@code perImage} draws of the discrete graph for each of {@code rows} images: each
     * draw's log-weight log p(x, z) − log q(z|x) into {@code logw[b·perImage + j]} and its score ∂ log q(z1|x)/∂
     * (first layer's posterior parameters) into {@code scores} ({@code paramSize} values per draw, in the same order).
     */
    synchronized void discreteScores(float[] batch, int rows, int perImage, long noiseSeed, double[] logw, float[] scores) {
        checkBatch(batch, rows);
        int n = rows * perImage;
        Workspace w = pool.get(n);
        w.loadReplicated(batch, 0, rows, perImage);
        graph.discrete(w, ModelScores.random(noiseSeed), false, 1, null, false);
        System.arraycopy(w.logw, 0, logw, 0, n);
        double[] ones = new double[n];
        Arrays.fill(ones, 1.0);
        w.z[0].gPost.fill(0f);
        pool.layer().addScore(w.z[0], ones);
        w.z[0].gPost.store(scores, 0);
    }

    /** Posterior parameters per row of the first stochastic layer: the discrete families' first, then any Gaussian ones. */
    int posteriorWidth() {
        return pool.layer().paramSize();
    }

    /** How many of {@link #posteriorWidth()}'s leading columns are discrete logits. */
    int discretePosteriorWidth() {
        return pool.layer().learnedPriorSize();
    }

    /** Trainable parameters in a stable order (for the gradient check and tests). */
    List<Param> parameters() {
        return nets.params;
    }

    /** The estimator this model trains with (tests read an estimator's own diagnostics). */
    GradientEstimator estimator() {
        return estimator;
    }

    // ------------------------------------------------------------------ helpers

    static void checkBatch(float[] batch, int rows) {
        if (rows < 1) {
            throw new IllegalArgumentException("rows must be at least 1, was " + rows);
        }
        if (batch == null || batch.length < rows * Task.IMAGE_PIXELS) {
            throw new IllegalArgumentException("batch must hold rows × 784 = " + rows * Task.IMAGE_PIXELS + " pixels, had "
                    + (batch == null ? "none" : batch.length));
        }
    }

    /** Block {@code part}'s noise seed in a step cut into blocks (block 0 keeps the step's own). */
    static long partSeed(long noiseSeed, int part) {
        return SplitStep.partSeed(noiseSeed, part);
    }
}

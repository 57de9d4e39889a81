package org.concretelab.model;

import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.concretelab.model.estimator.ExampleSignal;
import org.concretelab.model.estimator.ModelPasses;
import org.concretelab.model.nn.Mat;

/**
 * One training step's passes, as its estimator composes them: unsplit on one workspace, or cut into the blocks of a
 * {@link SplitStep} (each forward gathers the blocks' log-weights into the whole step's; each backward hands every
 * block its share of the loss gradient and score weights). Every forward pass draws its noise from the step's seed
 * (block b from {@link SplitStep#partSeed}), so a step's passes share their noise.
 */
final class StepPasses implements ModelPasses {
    private final Graph graph;
    private final Workspace whole;
    private final SplitStep split;
    private final Workspace[] ws;
    private final int[] first;
    private final float[] batch;
    private final int images;
    private final int times;
    private final long seed;
    private final double kl;
    /** The model's λ1 and λ2, which every pass but {@link #relaxedAt}'s uses. */
    private final double[] temperatures;
    private boolean loaded;
    /** Whether a forward pass of this step has run the first encoder. */
    private boolean encoded;
    /** The last {@link #relaxedAt} pass: its temperatures and whether it was conditional. */
    private double[] lastAt;
    private boolean lastConditional;
    private double[] ones = new double[0];
    /** The step's end to run in a fused step's fork (set by a training step), or null. */
    private SplitStep.StepEnd end;

    /**
     * @param whole the step's workspace of {@code images × times} rows, loaded unless split
     * @param split the threads, or null for an unsplit step
     * @param blocks how many blocks a split step is cut into ({@link SplitStep#blocks})
     */
    StepPasses(Graph graph, WorkspacePool pool, Workspace whole, SplitStep split, int blocks, float[] batch, int images,
               int times, long seed, double kl, double[] temperatures) {
        this.graph = graph;
        this.temperatures = temperatures;
        this.whole = whole;
        this.split = split;
        this.batch = batch;
        this.images = images;
        this.times = times;
        this.seed = seed;
        this.kl = kl;
        if (split == null) {
            ws = null;
            first = null;
            return;
        }
        int parts = blocks;
        ws = new Workspace[parts];
        first = new int[parts + 1];
        for (int s = 0; s <= parts; s++) {
            first[s] = SplitStep.firstImage(images, parts, s);
        }
        for (int s = 0; s < parts; s++) {
            ws[s] = pool.get((first[s + 1] - first[s]) * times, s);
        }
    }

    private static UniformRandomProvider random(long seed) {
        return RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    }

    @Override
    public Mat input() {
        return whole.input;
    }

    @Override
    public double[] gLogw() {
        return whole.gLogw;
    }

    @Override
    public double[] scoreWeights() {
        return whole.scoreWeights;
    }

    @Override
    public double[] relaxed(boolean hardForward) {
        return forward((w, rng) -> graph.relaxed(w, rng, hardForward, kl, true));
    }

    @Override
    public void relaxedBackward(boolean hardForward) {
        backward((w, share) -> graph.relaxedBackward(w, hardForward, kl), null);
    }

    @Override
    public double[] relaxedStep(boolean hardForward, ExampleSignal signal) {
        return fused((w, rng) -> graph.relaxed(w, rng, hardForward, kl, true), w -> graph.relaxedBackward(w, hardForward, kl),
                signal);
    }

    @Override
    public double[] discreteStep(ExampleSignal signal) {
        return fused((w, rng) -> graph.discrete(w, rng, true, kl, null, false), w -> graph.discreteBackward(w, kl, null),
                signal);
    }

    /**
     * Forward, signal and backward block by block: one fork a step instead of one a pass. Each block computes what the
     * passes in turn would give it (its own noise, its own examples' signals), so the bits are theirs.
     */
    private double[] fused(Pass forward, Consumer<Workspace> backward, ExampleSignal signal) {
        if (encoded) {
            throw new IllegalStateException("a fused step is its step's only pass");
        }
        encoded = true;
        double[] objectives = new double[images];
        if (split == null) {
            run(forward, whole, random(seed), false);
            if (signal(whole, signal, 0, images, objectives)) {
                backward.accept(whole);
            }
            return objectives;
        }
        boolean[] finite = new boolean[ws.length];
        IntConsumer block = s -> {
            forwardBlock(forward, s, true, false);
            finite[s] = signal(ws[s], signal, first[s], first[s + 1] - first[s], objectives);
            if (finite[s]) {
                backward.accept(ws[s]);
            }
        };
        if (end == null) {
            split.forBlocks(ws.length, block);
        } else { // the blocks' counter orders their writes of finite[] before the last block's check
            split.forBlocks(ws.length, block, () -> allTrue(finite), end);
        }
        loaded = true;
        for (int s = 0; s < ws.length; s++) { // the whole step's rows, as the passes in turn leave them
            int at = first[s] * times;
            System.arraycopy(ws[s].logw, 0, whole.logw, at, ws[s].rows);
            System.arraycopy(ws[s].gLogw, 0, whole.gLogw, at, ws[s].rows);
            System.arraycopy(ws[s].scoreWeights, 0, whole.scoreWeights, at, ws[s].rows);
        }
        return objectives;
    }

    /**
     * Lets a fused step of a split batch run {@code end} (EMA centring's averages, then Adam) in its blocks' fork when
     * every example's objective is finite; {@link SplitStep.StepEnd#ran()} then says it did.
     */
    void endWith(SplitStep.StepEnd end) {
        this.end = end;
    }

    private static boolean allTrue(boolean[] values) {
        for (boolean v : values) {
            if (!v) {
                return false;
            }
        }
        return true;
    }

    /** {@code signal} on w's {@code count} examples (objectives from index {@code from}); whether all were finite. */
    private boolean signal(Workspace w, ExampleSignal signal, int from, int count, double[] objectives) {
        boolean finite = true;
        for (int i = 0; i < count; i++) {
            double o = signal.of(w.logw, i * times, times, images, w.gLogw, w.scoreWeights);
            objectives[from + i] = o;
            finite &= Double.isFinite(o);
        }
        return finite;
    }

    @Override
    public double[] temperatures() {
        return temperatures.clone();
    }

    @Override
    public double[] relaxedAt(double posteriorTemperature, double priorTemperature, boolean conditional) {
        lastAt = new double[] {posteriorTemperature, priorTemperature};
        lastConditional = conditional;
        return forward((w, rng) -> atTemperatures(w, () -> {
            if (conditional) {
                graph.conditionalRelaxed(w, rng, kl);
            } else {
                graph.relaxed(w, rng, false, kl, true);
            }
        }));
    }

    @Override
    public void posteriorBackward(float[] gAtSample) {
        if (lastAt == null) {
            throw new IllegalStateException("posteriorBackward follows a relaxedAt pass");
        }
        boolean conditional = lastConditional;
        backward((w, share) -> atTemperatures(w, () -> graph.posteriorBackward(w, kl, conditional, share)), gAtSample);
    }

    /** Runs {@code pass} with w's layer at the last {@link #relaxedAt} temperatures, then gives it the model's back. */
    private void atTemperatures(Workspace w, Runnable pass) {
        w.layer.setTemperatures(lastAt[0], lastAt[1]);
        try {
            pass.run();
        } finally {
            w.layer.setTemperatures(temperatures[0], temperatures[1]);
        }
    }

    @Override
    public void posteriorGradient(float[] dest) {
        gather(w -> w.z[graph.firstLayer()].gPost, dest);
    }

    @Override
    public void scores(float[] dest) {
        each(w -> {
            if (ones.length < w.rows) {
                ones = new double[w.rows];
                java.util.Arrays.fill(ones, 1.0);
            }
            var z = w.z[graph.firstLayer()];
            z.gPost.fill(0f); // the next backward pass writes it afresh
            w.layer.addScore(z, ones);
        });
        posteriorGradient(dest);
    }

    @Override
    public void noise(float[] dest) {
        gather(w -> w.z[graph.firstLayer()].noise, dest);
    }

    @Override
    public void conditionalJacobian(float[] in, float[] out, boolean transpose) {
        int width = posteriorWidth();
        if (split == null) {
            whole.layer.conditionalJacobian(whole.z[graph.firstLayer()], in, out, transpose);
            return;
        }
        for (int s = 0; s < ws.length; s++) {
            int from = first[s] * times * width;
            int n = ws[s].rows * width;
            float[] part = java.util.Arrays.copyOfRange(in, from, from + n);
            float[] result = new float[n];
            ws[s].layer.conditionalJacobian(ws[s].z[graph.firstLayer()], part, result, transpose);
            System.arraycopy(result, 0, out, from, n);
        }
    }

    /** {@code work} on the step's workspace, or on every part's. */
    private void each(Consumer<Workspace> work) {
        if (split == null) {
            work.accept(whole);
        } else {
            for (Workspace w : ws) {
                work.accept(w);
            }
        }
    }

    @Override
    public double[] discrete() {
        return forward((w, rng) -> graph.discrete(w, rng, true, kl, null, false));
    }

    @Override
    public double[] discreteAntithetic() {
        if (times % 2 != 0) {
            throw new IllegalStateException("antithetic pairs need an even number of rows per image, had " + times);
        }
        return forward((w, rng) -> graph.discrete(w, rng, true, kl, null, true));
    }

    @Override
    public void discreteBackward() {
        backward((w, share) -> graph.discreteBackward(w, kl, null), null);
    }

    @Override
    public void discreteBackward(float[] extra) {
        backward((w, share) -> graph.discreteBackward(w, kl, share), extra);
    }

    @Override
    public int posteriorWidth() {
        return whole.layer.paramSize();
    }

    @Override
    public void posterior(float[] dest) {
        gather(w -> w.z[graph.firstLayer()].post, dest);
    }

    @Override
    public void codes(float[] dest) {
        gather(w -> w.z[graph.firstLayer()].code, dest);
    }

    private interface Pass {
        void run(Workspace w, UniformRandomProvider rng);
    }

    /** The step's first forward pass runs the first encoder; later ones reuse its output (same input, same weights). */
    private double[] forward(Pass pass) {
        boolean again = encoded;
        encoded = true;
        if (split == null) {
            run(pass, whole, random(seed), again);
            return whole.logw;
        }
        boolean load = !loaded;
        split.forBlocks(ws.length, s -> forwardBlock(pass, s, load, again));
        loaded = true;
        for (int s = 0; s < ws.length; s++) {
            System.arraycopy(ws[s].logw, 0, whole.logw, first[s] * times, ws[s].rows);
        }
        return whole.logw;
    }

    /** {@code pass} on block s with its own noise ({@link SplitStep#partSeed}), its images loaded first if {@code load}. */
    private void forwardBlock(Pass pass, int s, boolean load, boolean encoded) {
        if (load) {
            ws[s].loadReplicated(batch, first[s], first[s + 1] - first[s], times);
        }
        run(pass, ws[s], random(SplitStep.partSeed(seed, s)), encoded);
    }

    private static void run(Pass pass, Workspace w, UniformRandomProvider rng, boolean encoded) {
        w.encoded = encoded;
        try {
            pass.run(w, rng);
        } finally {
            w.encoded = false;
        }
    }

    /** {@code pass} on every part after handing it its share of the loss gradient, score weights and {@code perRow}. */
    private void backward(BiConsumer<Workspace, float[]> pass, float[] perRow) {
        int width = posteriorWidth();
        if (split == null) {
            pass.accept(whole, perRow);
            return;
        }
        float[][] shares = new float[ws.length][];
        for (int s = 0; s < ws.length; s++) {
            System.arraycopy(whole.gLogw, first[s] * times, ws[s].gLogw, 0, ws[s].rows);
            System.arraycopy(whole.scoreWeights, first[s] * times, ws[s].scoreWeights, 0, ws[s].rows);
            if (perRow != null) {
                shares[s] = java.util.Arrays.copyOfRange(perRow, first[s] * times * width, (first[s] * times + ws[s].rows) * width);
            }
        }
        split.forBlocks(ws.length, s -> pass.accept(ws[s], shares[s]));
    }

    private void gather(java.util.function.Function<Workspace, Mat> which, float[] dest) {
        if (split == null) {
            which.apply(whole).store(dest, 0);
            return;
        }
        for (int s = 0; s < ws.length; s++) {
            Mat m = which.apply(ws[s]);
            float[] part = new float[m.rows() * m.cols()];
            m.store(part, 0);
            System.arraycopy(part, 0, dest, first[s] * times * m.cols(), part.length);
        }
    }
}

package org.concretelab.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.concretelab.model.latent.StochasticLayer;
import org.concretelab.model.nn.Mat;
import org.concretelab.model.nn.Mlp;
import org.concretelab.model.nn.Param;

/**
 * The paper's density-estimation VAE with Concrete-relaxed discrete latents, written as a fused
 * forward/backward pass over preallocated ND4J buffers (GEMMs in BLAS, element-wise math in Java
 * loops over the same memory) because SameDiff's per-op overhead costs 3-5× here (see STACK.md).
 *
 * <p>Sampling order: top stochastic layer (learned prior) → [second layer] → 784 Bernoulli pixels.
 * Inference: q(z1|x) [· q(z2|z1)]. Each network is linear ("-") or two tanh layers ("~").
 *
 * <p>Training maximises the m-sample bound L_m = E[log (1/m) Σ_j p(x, z_j)/q(z_j|x)] with relaxed
 * latents (posterior temperature λ1, prior temperature λ2); evaluation uses the discrete graph.
 * All public methods are synchronized: a UI thread may decode while the trainer steps.
 */
public final class ConcreteVae implements VaeModel {
    static final int PIXELS = 784;
    /** logit of MNIST's mean pixel intensity (≈0.13): the decoder starts at the data's average. */
    private static final float OUTPUT_BIAS = (float) Math.log(0.1307 / (1 - 0.1307));
    /** Rows per forward pass when importance sampling (GEMM-friendly, bounded memory). */
    private static final int IS_CHUNK = 500;

    private final ModelSpec spec;
    private final StochasticLayer layer;
    private final List<Param> params = new ArrayList<>();
    private final Mlp encoder1;
    private final Mlp encoder2;
    private final Mlp priorNet;
    private final Mlp decoder;
    private final Param topPrior;
    private long step;
    private double learningRate;
    private double lambdaPosterior;
    private double lambdaPrior;
    private final Map<Integer, Workspace> workspaces = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, Workspace> eldest) {
            return size() > 4;
        }
    };

    ConcreteVae(ModelSpec spec, long seed) {
        this.spec = spec;
        this.learningRate = spec.learningRate();
        this.layer = new StochasticLayer(spec.latentKind(), spec.discreteUnits(), spec.classes(),
                spec.gaussianUnits(), spec.lambdaPosterior(), spec.lambdaPrior());
        layer.setStraightThrough(spec.straightThrough());
        this.lambdaPosterior = spec.lambdaPosterior();
        this.lambdaPrior = spec.lambdaPrior();
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        int[] hidden = spec.architecture().nonlinear() ? new int[] {spec.hiddenUnits(), spec.hiddenUnits()} : new int[0];
        int p = layer.paramSize();
        int c = layer.codeSize();
        encoder1 = new Mlp("encoder1", PIXELS, hidden, p, rng, params);
        boolean two = spec.architecture().stochasticLayers() == 2;
        encoder2 = two ? new Mlp("encoder2", c, hidden, p, rng, params) : null;
        priorNet = two ? new Mlp("prior1", c, hidden, p, rng, params) : null;
        decoder = new Mlp("decoder", c, hidden, PIXELS, rng, params);
        decoder.outputLayer().bias().value().fill(OUTPUT_BIAS);
        topPrior = new Param("prior.logits", 1, layer.discreteSize());
        params.add(topPrior);
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
        layer.setTemperatures(posterior, prior);
    }

    @Override
    public synchronized double[] temperatures() {
        return new double[] {lambdaPosterior, lambdaPrior};
    }

    private boolean twoLayers() {
        return encoder2 != null;
    }

    // ------------------------------------------------------------------ objectives

    @Override
    public synchronized double trainStep(float[] batch, int rows, long noiseSeed) {
        double objective = objectiveAndGradient(batch, rows, noiseSeed);
        if (Double.isFinite(objective)) {
            for (Param p : params) {
                p.adamStep(step, learningRate);
            }
            step++;
        }
        return objective;
    }

    /**
     * Computes the mean m-sample relaxed bound of the batch and leaves the gradient of its negative
     * in every parameter's gradient buffer (package-private for the gradient check).
     */
    synchronized double objectiveAndGradient(float[] batch, int rows, long noiseSeed) {
        checkBatch(batch, rows);
        int m = spec.samples();
        Workspace w = workspace(rows * m);
        w.loadReplicated(batch, rows, m);
        relaxedForward(w, random(noiseSeed));
        // L = mean_b [logsumexp_j logw_bj − log m]; ∂(−L)/∂logw_bj = −softmax_j(logw_b·)/rows.
        double total = 0;
        for (int b = 0; b < rows; b++) {
            int r0 = b * m;
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < m; j++) {
                max = Math.max(max, w.logw[r0 + j]);
            }
            double sum = 0;
            for (int j = 0; j < m; j++) {
                sum += Math.exp(w.logw[r0 + j] - max);
            }
            total += max + Math.log(sum) - Math.log(m);
            for (int j = 0; j < m; j++) {
                w.gLogw[r0 + j] = -Math.exp(w.logw[r0 + j] - max) / sum / rows;
            }
        }
        double objective = total / rows;
        if (Double.isFinite(objective)) {
            topPrior.zeroGrad(); // the only gradient accumulated (over rows); layers overwrite theirs
            relaxedBackward(w);
        }
        return objective;
    }

    @Override
    public synchronized double relaxedElbo(float[] batch, int rows, long noiseSeed) {
        checkBatch(batch, rows);
        Workspace w = workspace(rows);
        w.loadReplicated(batch, rows, 1);
        relaxedForward(w, random(noiseSeed));
        return mean(w.logw, rows);
    }

    @Override
    public synchronized double discreteElbo(float[] batch, int rows, long noiseSeed) {
        checkBatch(batch, rows);
        Workspace w = workspace(rows);
        w.loadReplicated(batch, rows, 1);
        discreteForward(w, random(noiseSeed));
        return mean(w.logw, rows);
    }

    @Override
    public synchronized double importanceSampledNll(float[] batch, int rows, int k, long noiseSeed) {
        checkBatch(batch, rows);
        if (k < 1) {
            throw new IllegalArgumentException("k (importance samples) must be at least 1, was " + k);
        }
        UniformRandomProvider rng = random(noiseSeed);
        float[] one = new float[PIXELS];
        double totalNll = 0;
        for (int e = 0; e < rows; e++) {
            System.arraycopy(batch, e * PIXELS, one, 0, PIXELS);
            // Streaming log-sum-exp over k log-weights, computed in chunks of at most IS_CHUNK rows.
            double max = Double.NEGATIVE_INFINITY;
            double sum = 0;
            for (int done = 0; done < k; ) {
                int n = Math.min(IS_CHUNK, k - done);
                Workspace w = workspace(n);
                w.loadReplicated(one, 1, n);
                discreteForward(w, rng);
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
            }
            totalNll += -(max + Math.log(sum) - Math.log(k));
        }
        return totalNll / rows;
    }

    private void relaxedForward(Workspace w, UniformRandomProvider rng) {
        java.util.Arrays.fill(w.logw, 0, w.rows, 0.0);
        encoder1.forward(w.x, w.post1, w.enc1);
        layer.drawNoise(rng, w.noise1);
        layer.relaxedSample(w.post1, w.noise1, w.y1, w.code1, w.logw);
        if (twoLayers()) {
            encoder2.forward(w.code1, w.post2, w.enc2);
            layer.drawNoise(rng, w.noise2);
            layer.relaxedSample(w.post2, w.noise2, w.y2, w.code2, w.logw);
            layer.addRelaxedLogPrior(w.y2, w.code2, topPrior.value(), w.soft2, w.logw);
            priorNet.forward(w.code2, w.prior1, w.prior);
            layer.addRelaxedLogPrior(w.y1, w.code1, w.prior1, w.soft1, w.logw);
        } else {
            layer.addRelaxedLogPrior(w.y1, w.code1, topPrior.value(), w.soft1, w.logw);
        }
        decoder.forward(w.code1, w.logits, w.dec);
        addBernoulliLogLikelihood(w, true);
    }

    private void relaxedBackward(Workspace w) {
        bernoulliGradient(w);
        decoder.backward(w.code1, w.gLogits, w.gCode1, w.dec);
        if (twoLayers()) {
            w.gPrior1.fill(0f);
            layer.priorGradient(w.code1, w.soft1, w.prior1, w.gLogw, w.gPrior1);
            priorNet.backward(w.code2, w.gPrior1, w.gCode2, w.prior);
            layer.priorGradient(w.code2, w.soft2, topPrior.value(), w.gLogw, topPrior.grad());
            layer.posteriorGradient(w.post2, w.noise2, w.y2, w.code2, w.soft2, topPrior.value(), w.gCode2, w.gLogw, w.gPost2);
            encoder2.backward(w.code1, w.gPost2, w.gCodeScratch, w.enc2);
            w.gCode1.array().addi(w.gCodeScratch.array());
            layer.posteriorGradient(w.post1, w.noise1, w.y1, w.code1, w.soft1, w.prior1, w.gCode1, w.gLogw, w.gPost1);
        } else {
            layer.priorGradient(w.code1, w.soft1, topPrior.value(), w.gLogw, topPrior.grad());
            layer.posteriorGradient(w.post1, w.noise1, w.y1, w.code1, w.soft1, topPrior.value(), w.gCode1, w.gLogw, w.gPost1);
        }
        encoder1.backward(w.x, w.gPost1, null, w.enc1);
    }

    private void discreteForward(Workspace w, UniformRandomProvider rng) {
        java.util.Arrays.fill(w.logw, 0, w.rows, 0.0);
        encoder1.forward(w.x, w.post1, w.enc1);
        layer.drawNoise(rng, w.noise1);
        layer.discreteSample(w.post1, w.noise1, w.code1, w.logw);
        if (twoLayers()) {
            encoder2.forward(w.code1, w.post2, w.enc2);
            layer.drawNoise(rng, w.noise2);
            layer.discreteSample(w.post2, w.noise2, w.code2, w.logw);
            layer.addDiscreteLogPrior(w.code2, topPrior.value(), w.logw);
            priorNet.forward(w.code2, w.prior1, w.prior);
            layer.addDiscreteLogPrior(w.code1, w.prior1, w.logw);
        } else {
            layer.addDiscreteLogPrior(w.code1, topPrior.value(), w.logw);
        }
        decoder.forward(w.code1, w.logits, w.dec);
        addBernoulliLogLikelihood(w, false);
    }

    /**
     * logw += Σ_i x_i o_i − softplus(o_i): log p(x|z) for Bernoulli pixels with logits o. When training,
     * also leaves x − σ(o) in {@code gLogits} (sharing e^-|o|), to be scaled per row by the backward pass.
     */
    private static void addBernoulliLogLikelihood(Workspace w, boolean keepResidual) {
        var xb = w.x.buffer();
        var ob = w.logits.buffer();
        var gb = w.gLogits.buffer();
        for (int r = 0; r < w.rows; r++) {
            double s = 0;
            int base = r * PIXELS;
            for (int i = 0; i < PIXELS; i++) {
                float o = ob.get(base + i);
                float x = xb.get(base + i);
                double e = Math.exp(-Math.abs(o));
                // softplus(o) = max(o, 0) + log(1 + e^-|o|); log(1 + e) is accurate enough here (error < e·1e-16).
                s += x * o - (Math.max(o, 0f) + Math.log(1 + e));
                if (keepResidual) {
                    double sig = o >= 0 ? 1 / (1 + e) : e / (1 + e);
                    gb.put(base + i, (float) (x - sig));
                }
            }
            w.logw[r] += s;
        }
    }

    /** ∂loss/∂o = ∂loss/∂logw · (x − σ(o)), the residual left by the forward pass. */
    private static void bernoulliGradient(Workspace w) {
        var gb = w.gLogits.buffer();
        for (int r = 0; r < w.rows; r++) {
            float gw = (float) w.gLogw[r];
            int base = r * PIXELS;
            for (int i = 0; i < PIXELS; i++) {
                gb.put(base + i, gw * gb.get(base + i));
            }
        }
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
        w.code1.load(code, 0);
        decoder.forward(w.code1, w.logits, w.dec);
        float[] means = new float[PIXELS];
        var ob = w.logits.buffer();
        for (int i = 0; i < PIXELS; i++) {
            means[i] = (float) sigmoid(ob.get(i));
        }
        return means;
    }

    @Override
    public synchronized float[] encodeMode(float[] image) {
        if (image == null || image.length != PIXELS) {
            throw new IllegalArgumentException("image must have " + PIXELS + " pixels, had "
                    + (image == null ? "none" : image.length));
        }
        Workspace w = workspace(1);
        w.x.load(image, 0);
        encoder1.forward(w.x, w.post1, w.enc1);
        layer.mode(w.post1, w.code1);
        float[] code = new float[layer.codeSize()];
        w.code1.store(code, 0);
        return code;
    }

    @Override
    public synchronized float[] samplePrior(long seed) {
        UniformRandomProvider rng = random(seed);
        Workspace w = workspace(1);
        double[] ignored = new double[1];
        Mat top = new Mat(1, layer.paramSize());
        var tb = top.buffer();
        var pb = topPrior.value().buffer();
        for (int i = 0; i < layer.discreteSize(); i++) {
            tb.put(i, pb.get(i));
        }
        Mat code = twoLayers() ? w.code2 : w.code1;
        Mat noise = twoLayers() ? w.noise2 : w.noise1;
        layer.drawNoise(rng, noise);
        layer.discreteSample(top, noise, code, ignored);
        if (twoLayers()) {
            priorNet.forward(w.code2, w.prior1, w.prior);
            layer.drawNoise(rng, w.noise1);
            layer.discreteSample(w.prior1, w.noise1, w.code1, ignored);
        }
        float[] result = new float[layer.codeSize()];
        w.code1.store(result, 0);
        return result;
    }

    // ------------------------------------------------------------------ state

    @Override
    public synchronized ModelState state() {
        Map<String, ModelState.NamedArray> arrays = new LinkedHashMap<>();
        for (Param p : params) {
            arrays.put(p.name(), copy(p.value()));
            float[] adam = p.adamState();
            arrays.put(p.name() + "#adam", new ModelState.NamedArray(new long[] {adam.length}, adam));
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
            ModelState.NamedArray adam = state.arrays().get(p.name() + "#adam");
            if (adam != null && adam.values().length != 2 * p.size()) {
                throw new IllegalArgumentException("Adam moments of '" + p.name() + "' have another size than the parameter");
            }
        }
        for (Param p : params) {
            p.value().load(state.arrays().get(p.name()).values(), 0);
            ModelState.NamedArray adam = state.arrays().get(p.name() + "#adam");
            // A model-only state (e.g. the shipped model) starts Adam afresh.
            p.loadAdamState(adam != null ? adam.values() : new float[2 * p.size()]);
        }
        step = state.step();
    }

    private static void check(ModelState state, String name, Mat target) {
        ModelState.NamedArray a = state.arrays().get(name);
        if (a == null) {
            throw new IllegalArgumentException("the state has no array '" + name + "'");
        }
        long[] expected = {target.rows(), target.cols()};
        if (!java.util.Arrays.equals(a.shape(), expected)) {
            throw new IllegalArgumentException("array '" + name + "' has shape " + java.util.Arrays.toString(a.shape())
                    + ", this model needs " + java.util.Arrays.toString(expected));
        }
    }

    private static ModelState.NamedArray copy(Mat m) {
        float[] v = new float[m.rows() * m.cols()];
        m.store(v, 0);
        return new ModelState.NamedArray(new long[] {m.rows(), m.cols()}, v);
    }

    /** Trainable parameters in a stable order (for the gradient check and tests). */
    List<Param> parameters() {
        return params;
    }

    // ------------------------------------------------------------------ helpers

    private static double sigmoid(double v) {
        return v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v));
    }

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

    private static void checkBatch(float[] batch, int rows) {
        if (rows < 1) {
            throw new IllegalArgumentException("rows must be at least 1, was " + rows);
        }
        if (batch == null || batch.length < rows * PIXELS) {
            throw new IllegalArgumentException("batch must hold rows × 784 = " + rows * PIXELS + " pixels, had "
                    + (batch == null ? "none" : batch.length));
        }
    }

    private Workspace workspace(int rows) {
        return workspaces.computeIfAbsent(rows, Workspace::new);
    }

    /** Every buffer one forward/backward pass of {@code rows} rows needs, allocated once. */
    private final class Workspace {
        final int rows;
        final Mat x;
        final Mlp.Buffers enc1;
        final Mlp.Buffers enc2;
        final Mlp.Buffers prior;
        final Mlp.Buffers dec;
        final Mat post1, noise1, y1, code1, soft1, gCode1, gPost1;
        final Mat post2, noise2, y2, code2, soft2, gCode2, gPost2, prior1, gPrior1, gCodeScratch;
        final Mat logits, gLogits;
        final double[] logw, gLogw;

        Workspace(int rows) {
            this.rows = rows;
            int p = layer.paramSize();
            int c = layer.codeSize();
            int d = layer.discreteSize();
            int n = layer.noiseSize();
            x = new Mat(rows, PIXELS);
            enc1 = encoder1.buffers(rows);
            dec = decoder.buffers(rows);
            post1 = new Mat(rows, p);
            noise1 = new Mat(rows, n);
            y1 = new Mat(rows, d);
            code1 = new Mat(rows, c);
            soft1 = new Mat(rows, d);
            gCode1 = new Mat(rows, c);
            gPost1 = new Mat(rows, p);
            boolean two = twoLayers();
            enc2 = two ? encoder2.buffers(rows) : null;
            prior = two ? priorNet.buffers(rows) : null;
            post2 = two ? new Mat(rows, p) : null;
            noise2 = new Mat(rows, n);
            y2 = two ? new Mat(rows, d) : null;
            code2 = new Mat(rows, c);
            soft2 = two ? new Mat(rows, d) : null;
            gCode2 = two ? new Mat(rows, c) : null;
            gPost2 = two ? new Mat(rows, p) : null;
            prior1 = two ? new Mat(rows, p) : null;
            gPrior1 = two ? new Mat(rows, p) : null;
            gCodeScratch = two ? new Mat(rows, c) : null;
            logits = new Mat(rows, PIXELS);
            gLogits = new Mat(rows, PIXELS);
            logw = new double[rows];
            gLogw = new double[rows];
        }

        /** Copies {@code n} images, each repeated {@code times} times consecutively. */
        void loadReplicated(float[] batch, int n, int times) {
            var xb = x.buffer();
            for (int b = 0; b < n; b++) {
                for (int j = 0; j < times; j++) {
                    xb.position((b * times + j) * PIXELS);
                    xb.put(batch, b * PIXELS, PIXELS);
                }
            }
            xb.position(0);
        }
    }
}

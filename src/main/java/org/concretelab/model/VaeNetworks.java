package org.concretelab.model;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.concretelab.model.estimator.GradientEstimator;
import org.concretelab.model.latent.Prior;
import org.concretelab.model.nn.Mat;
import org.concretelab.model.nn.Mlp;
import org.concretelab.model.nn.Param;
import org.concretelab.model.task.Task;

/**
 * The model's trainable parts, built from its {@link ParameterPlan}: encoders, prior networks, decoder, the learned
 * top prior and the estimator's own parameters (last), and the helpers the graphs share around the first encoder.
 */
final class VaeNetworks {
    /** logit of MNIST's mean pixel intensity (≈0.13): the decoder starts at the data's average. */
    private static final float OUTPUT_BIAS = (float) Math.log(0.1307 / (1 - 0.1307));

    final Task task;
    final int depth;
    /** Whether the latents come from the prior given the input (no encoders, no learned top prior). */
    final boolean conditional;
    final List<Param> params = new ArrayList<>();
    /** How many of {@link #params}' last entries are the estimator's own (trained in gradient slot 0 only). */
    final int estimatorParameterCount;
    /** encoders[0] reads the input; encoders[l] reads layer l−1's code (none when {@link #conditional}). */
    final Mlp[] encoders;
    /**
     * priorNets[l] maps layer l+1's code to layer l's prior parameters; when {@link #conditional} there is one more,
     * priorNets[depth − 1], mapping the input to the top layer's.
     */
    final Mlp[] priorNets;
    final Mlp decoder;
    /** The learned prior of the top layer (null when {@link #conditional}: the input's network gives it). */
    final Param topPrior;
    /**
     * EMA centring's moving averages ({@link Centring}), or null when off: centring[k] is the average of
     * {@link #centringAverages}' k-th input, which the network(s) reading that input subtract from it. Model state:
     * checkpointed under the averages' names.
     */
    final float[][] centring;
    /** What each of {@link #centring} averages (empty when off). */
    private final List<Average> averages;
    /** The moving averages' decay per training step (the paper's 0.9). */
    static final double CENTRING_DECAY = 0.9;

    /**
     * One moving average: its array's name in a model's state, its width, and its input — {@link #IMAGE} the image,
     * l ≥ 0 stochastic layer l's code.
     */
    record Average(String name, int width, int source) {
        static final int IMAGE = -1;
    }

    /**
     * The moving averages of a model, in order: under {@link Centring#INFERENCE} the image's ({@code centring.x}) and
     * then every stochastic layer's that an encoder reads (all but the top one); under {@link Centring#EVERY_READER}
     * every stochastic layer's ({@code centring.z<l>}).
     */
    static List<Average> centringAverages(ModelSpec spec, Task task) {
        int depth = spec.architecture().stochasticLayers();
        int width = spec.latentLayout().codeLength();
        List<Average> out = new ArrayList<>();
        switch (spec.centring()) {
            case OFF -> { }
            case INFERENCE -> {
                out.add(new Average("centring.x", task.inputWidth(), Average.IMAGE));
                for (int l = 0; l < depth - 1; l++) {
                    out.add(new Average("centring.z" + l, width, l));
                }
            }
            case EVERY_READER -> {
                for (int l = 0; l < depth; l++) {
                    out.add(new Average("centring.z" + l, width, l));
                }
            }
        }
        return List.copyOf(out);
    }

    VaeNetworks(ModelSpec spec, Task task, GradientEstimator estimator, UniformRandomProvider rng) {
        this.task = task;
        this.depth = spec.architecture().stochasticLayers();
        this.conditional = task.conditionalPrior();
        ParameterPlan plan = ParameterPlan.of(spec, task);
        encoders = new Mlp[conditional ? 0 : depth];
        priorNets = new Mlp[conditional ? depth : depth - 1];
        Mlp out = null;
        for (ParameterPlan.Network n : plan.networks()) { // the plan's order fixes the weights drawn from rng
            Mlp net = new Mlp(n.name(), Math.toIntExact(n.in()), n.hiddenInts(), Math.toIntExact(n.out()), rng, params);
            switch (n.role()) {
                case ENCODER -> encoders[n.layer()] = net;
                case PRIOR -> priorNets[n.layer()] = net;
                case DECODER -> out = net;
            }
        }
        decoder = out;
        decoder.outputLayer().bias().value().fill(OUTPUT_BIAS);
        if (plan.priorLogits() > 0) {
            topPrior = new Param(ConcreteVae.PRIOR_LOGITS, 1, Math.toIntExact(plan.priorLogits()));
            params.add(topPrior);
        } else {
            topPrior = null;
        }
        List<Param> own = estimator.createParameters(spec, task, rng); // e.g. a baseline network: trained and saved too
        estimatorParameterCount = own.size();
        params.addAll(own);
        averages = centringAverages(spec, task);
        centring = spec.centring().on() ? centre(spec.centring()) : null;
    }

    /** The names of the moving averages in {@link #centring}'s order. */
    String[] centringNames() {
        return averages.stream().map(Average::name).toArray(String[]::new);
    }

    /** Zero moving averages, each handed to the networks that read its input (see {@link Centring}). */
    private float[][] centre(Centring scope) {
        float[][] means = new float[averages.size()][];
        for (int k = 0; k < means.length; k++) {
            means[k] = new float[averages.get(k).width()];
        }
        if (scope == Centring.INFERENCE) {
            for (int l = 0; l < depth; l++) {
                encoders[l].centreInput(means[l]); // q(z_l | ·) reads the image (l = 0) or layer l − 1: source l − 1
            }
            return means;
        }
        decoder.centreInput(means[0]); // EVERY_READER, as builds before 2026-12-07 12:50 UTC did
        for (int l = 1; l < depth; l++) {
            encoders[l].centreInput(means[l - 1]);
        }
        for (int l = 0; l < depth - 1; l++) {
            priorNets[l].centreInput(means[l + 1]);
        }
        return means;
    }

    /**
     * A training step's update of the moving averages, after the step used them: μ ← 0.9 μ + 0.1 · (the mean of each
     * average's input over the rows of {@code parts}, the step's workspaces). Evaluation never calls this.
     */
    void updateCentring(Workspace[] parts, int[] rows) {
        for (int k = 0; k < centring.length; k++) {
            float[] mean = centring[k];
            int width = mean.length;
            double[] sum = new double[width];
            long n = 0;
            float[] row = new float[width];
            for (int p = 0; p < parts.length; p++) {
                int source = averages.get(k).source();
                var values = (source == Average.IMAGE ? parts[p].input : parts[p].z[source].code).buffer();
                for (int r = 0; r < rows[p]; r++) {
                    values.get(r * width, row, 0, width);
                    for (int i = 0; i < width; i++) {
                        sum[i] += row[i];
                    }
                }
                n += rows[p];
            }
            for (int i = 0; i < width; i++) {
                mean[i] = (float) (CENTRING_DECAY * mean[i] + (1 - CENTRING_DECAY) * (sum[i] / n));
            }
        }
    }

    /** The prior of layer {@code l}: learned on top, conditional on the layer above below it. */
    Prior prior(Workspace w, int l) {
        return l == depth - 1 ? Prior.learned(topPrior.value()) : Prior.conditional(w.priorParams[l]);
    }

    /**
     * q(z1|input)'s parameters for every row of {@code w}: with m &gt; 1 samples per image the first encoder runs once
     * per image and its output is repeated m times (its forward and backward GEMMs shrink m-fold), else on every row.
     */
    void encodeInput(Workspace w) {
        if (w.times > 1) {
            Workspace.Unique u = w.unique();
            encoders[0].forward(u.input, u.post, u.enc);
            repeatRows(u.post, u.rows, w.z[0].post, w.times);
        } else {
            encoders[0].forward(w.input, w.z[0].post, w.enc[0]);
        }
    }

    /** The first encoder's backward pass for {@link #encodeInput}: the m copies' gradients summed per image first. */
    void encodeInputBackward(Workspace w) {
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
    static void repeatRows(Mat from, int rows, Mat into, int times) {
        int width = from.cols();
        var src = from.buffer();
        var dst = into.buffer();
        for (int b = 0; b < rows; b++) {
            for (int j = 0; j < times; j++) {
                dst.put((b * times + j) * width, src, b * width, width);
            }
        }
    }
}

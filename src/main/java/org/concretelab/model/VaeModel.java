package org.concretelab.model;

/**
 * A discrete-latent VAE as the trainer, the CLI and the app see it. Batches cross this boundary as
 * plain {@code float[]} rows of 784 binary pixels so that callers need no tensor library; noise is
 * derived from a seed per call so that a step can be replayed exactly (bit-for-bit resume).
 *
 * <p>Objectives are in nats per example, higher is better (ELBO-like); NLL is the positive
 * negative log-likelihood estimate.
 */
public interface VaeModel {

    /** What was built: architecture, latent kind, temperatures, m, learning rate, ... */
    ModelSpec spec();

    /** How the discrete (and optional Gaussian) code fed to the decoder is laid out. */
    LatentLayout latentLayout();

    /**
     * One optimiser (Adam) step on {@code rows} images ({@code batch[rows * 784]}, values 0 or 1);
     * returns the mean relaxed objective (the m-sample bound L_m with Concrete latents) of the batch
     * before the update.
     */
    double trainStep(float[] batch, int rows, long noiseSeed);

    /**
     * Runs each training step on {@code threads} threads (1, the default). A step is cut into blocks that depend on the
     * batch alone, so steps are bit-identical for a given seed whatever the number of threads.
     */
    void setThreads(int threads);

    /** The threads a training step uses. */
    int threads();

    /** Sets Adam's step size for the following steps (a schedule; the spec holds the initial rate). */
    void setLearningRate(double rate);

    /** Adam's current step size. */
    double learningRate();

    /** Sets the relaxation's temperatures λ1 (posterior) and λ2 (prior) for the following calls (annealing). */
    void setTemperatures(double posterior, double prior);

    /** The current {λ1, λ2}. */
    double[] temperatures();

    /**
     * Sets β of a KL warm-up for the following training steps: each log-weight becomes log p(x|z) + β (log p(z) −
     * log q(z|x)); 1 (the default) is the bound itself. Evaluation always uses β = 1.
     */
    void setKlWeight(double beta);

    /** The current warm-up β. */
    double klWeight();

    /** Mean relaxed objective of the batch, no update. */
    double relaxedElbo(float[] batch, int rows, long noiseSeed);

    /** Mean ELBO of the batch with discrete latents (the graph the paper evaluates), no update. */
    double discreteElbo(float[] batch, int rows, long noiseSeed);

    /** Mean importance-sampled estimate of -log p(x) with {@code k} discrete posterior samples. */
    double importanceSampledNll(float[] batch, int rows, int k, long noiseSeed);

    /**
     * Importance samples {@link #importanceSampledNll} has scored so far, over all calls: read from another thread, it
     * shows progress within an image when k is large (one image at k = 10^9 takes hours). 0 if not counted.
     */
    default long scoredSamples() {
        return 0;
    }

    /** Bernoulli means of the decoder (the task's target: 784 pixels, a completion's 392) for one code in {@link #latentLayout()}'s layout. */
    float[] decode(float[] code);

    /**
     * Bernoulli means for {@code rows} codes at once ({@code rows × codeLength} values in, {@code rows × target width}
     * out, row by row): one batched pass of the decoder, for callers that decode many codes (the explorer's flip
     * ranking). The default decodes them one by one.
     */
    default float[] decodeRows(float[] codes, int rows) {
        int c = latentLayout().codeLength();
        if (rows < 1 || codes == null || codes.length != rows * c) {
            throw new IllegalArgumentException("codes must hold " + rows + " rows of " + c + " values, had "
                    + (codes == null ? "none" : codes.length));
        }
        float[] out = null;
        for (int r = 0; r < rows; r++) {
            float[] means = decode(java.util.Arrays.copyOfRange(codes, r * c, (r + 1) * c));
            if (out == null) {
                out = new float[rows * means.length];
            }
            System.arraycopy(means, 0, out, r * means.length, means.length);
        }
        return out;
    }

    /** The most probable discrete code (and Gaussian means) of the posterior for one image. */
    float[] encodeMode(float[] image);

    /**
     * The first stochastic layer's posterior means for {@code rows} images, {@code rows × latentLayout().meanWidth()}
     * values: each discrete unit's class probabilities, each Gaussian unit's μ (see {@link LatentLayout#meanWidth()}).
     */
    double[] posteriorMeans(float[] batch, int rows);

    /** A code drawn from the prior. */
    float[] samplePrior(long seed);

    /**
     * For a task with a conditional prior (completion): {@code n} draws of the discrete graph given one input (the
     * task's input width, e.g. the 392 pixels of a top half), each code of the layer the decoder reads and its decoded
     * means (e.g. a bottom half's 392 pixel probabilities). Models without one throw UnsupportedOperationException.
     */
    default ConditionalSamples sampleGiven(float[] input, int n, long seed) {
        throw new UnsupportedOperationException(spec().describe() + " has no prior given an input");
    }

    /** Parameters, optimiser moments and step count: everything a checkpoint must keep. */
    ModelState state();

    /**
     * Replaces this model's parameters and optimiser state.
     *
     * @throws IllegalArgumentException when the state belongs to another spec or has other shapes
     */
    void load(ModelState state);
}

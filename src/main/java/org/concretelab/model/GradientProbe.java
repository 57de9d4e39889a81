package org.concretelab.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.concretelab.model.estimator.Estimators;
import org.concretelab.model.estimator.GradientEstimator;
import org.concretelab.model.nn.Mat;
import org.concretelab.model.nn.Param;
import org.concretelab.model.task.Tasks;

/**
 * A private copy of a model's parameters that draws one gradient estimator's estimates at the first stochastic
 * layer's discrete posterior parameters (the encoder's output logits), and discrete draws with their scores for a
 * reference, without ever changing the model it was taken from (see {@link VaeModels#gradientProbe}).
 *
 * <p>Gradients are of the <em>sum</em> of the images' objectives (each image's gradient at its own logits, so the
 * figures do not depend on how many images are used), signed as the objective's (ascent direction), laid out
 * image by image: {@code rows × width()} values. The objective is the estimator's own: the relaxed m-sample bound
 * at the probe's temperatures for a relaxed estimator, the discrete one otherwise.
 *
 * <p>Parameters the copy's estimator has and the model does not (e.g. NVIL's baseline network for a model trained
 * with the Concrete relaxation) start at zero: see {@link #estimatorStateZeroed()}. Not thread-safe: one thread
 * at a time (a probe is cheap to make, one per thread).
 */
public final class GradientProbe {
    private final ConcreteVae copy;
    private final String estimator;
    private final boolean relaxed;
    private final boolean zeroed;
    private final int stride;
    private final int width;
    private float[] lossGradient = new float[0];
    private float[] scores = new float[0];
    /** The estimator's parameters and the values every estimate starts from, once held (null before). */
    private List<Param> heldParams;
    private float[][] held;

    private GradientProbe(ConcreteVae copy, String estimator, boolean relaxed, boolean zeroed) {
        this.copy = copy;
        this.estimator = estimator;
        this.relaxed = relaxed;
        this.zeroed = zeroed;
        this.stride = copy.posteriorWidth();
        this.width = copy.discretePosteriorWidth();
    }

    /** A copy of {@code state}'s model drawing the named estimator's gradients with {@code samples} samples m. */
    static GradientProbe of(ModelState state, String estimator, int samples) {
        GradientEstimator e = Estimators.create(estimator);
        ModelSpec spec = state.spec().withEstimator(estimator, samples);
        ConcreteVae copy = new ConcreteVae(spec, Tasks.create(spec.task()), e, 0);
        // the copy's own state, with every array the source has put in (estimator arrays it lacks: zeros)
        Map<String, ModelState.NamedArray> merged = new LinkedHashMap<>();
        boolean zeroed = false;
        for (Map.Entry<String, ModelState.NamedArray> own : copy.state().arrays().entrySet()) {
            String name = own.getKey();
            if (name.endsWith("#adam")) {
                continue; // a probe takes no steps
            }
            ModelState.NamedArray source = state.arrays().get(name);
            if (source != null && Arrays.equals(source.shape(), own.getValue().shape())) {
                merged.put(name, source);
            } else if (source == null && name.startsWith("estimator")) {
                merged.put(name, new ModelState.NamedArray(own.getValue().shape(), new float[own.getValue().values().length]));
                zeroed = true;
            } else {
                throw new IllegalArgumentException("the model's array '" + name + "' "
                        + (source == null ? "is missing" : "has shape " + Arrays.toString(source.shape()))
                        + ": no " + estimator + " gradients can be drawn from it");
            }
        }
        copy.load(new ModelState(spec, state.step(), merged));
        return new GradientProbe(copy, estimator, e.relaxed(), zeroed);
    }

    /** The estimator's registered name. */
    public String estimator() {
        return estimator;
    }

    /** m, the samples per image the estimator's objective averages over. */
    public int samples() {
        return copy.spec().samples();
    }

    /** Whether the estimator differentiates the relaxed graph (biased for the discrete objective). */
    public boolean relaxed() {
        return relaxed;
    }

    /** Whether the estimator has trainable state of its own that the model did not have and that starts at zero. */
    public boolean estimatorStateZeroed() {
        return zeroed;
    }

    /** Coordinates per image: the first stochastic layer's discrete logits (Gaussian units' parameters are left out). */
    public int width() {
        return width;
    }

    /** λ1 and λ2 of the relaxation (the model's until set; the discrete graph ignores them). */
    public void setTemperatures(double posterior, double prior) {
        copy.setTemperatures(posterior, prior);
    }

    public double[] temperatures() {
        return copy.temperatures();
    }

    /** The temperature of the estimator's own that the λ sweep varies (REBAR's and RELAX's control variate's). */
    public void setEstimatorTemperature(double lambda) {
        copy.estimator().setTemperature(lambda);
    }

    /**
     * From now on every estimate starts from the estimator's own state as it is now: running statistics an estimator
     * keeps in its parameters (NVIL's centring and scale) are not carried from one estimate to the next, so the
     * estimates are independent draws (and do not depend on how they are spread over threads).
     */
    public void holdEstimatorState() {
        heldParams = new ArrayList<>();
        for (Param p : copy.parameters()) {
            if (p.name().startsWith("estimator")) {
                heldParams.add(p);
            }
        }
        held = new float[heldParams.size()][];
        for (int i = 0; i < held.length; i++) {
            Mat v = heldParams.get(i).value();
            held[i] = new float[v.rows() * v.cols()];
            v.store(held[i], 0);
        }
    }

    /**
     * One estimate of the gradient of Σ_images objective at the logits, {@code rows × width()} values; noise from
     * {@code noiseSeed}. Non-finite objectives give NaN values.
     */
    public double[] logitGradient(float[] batch, int rows, long noiseSeed) {
        int m = samples() * copy.estimator().passRows(); // rows per image (DisARM: each sample's antithetic pair)
        int n = rows * m * stride;
        if (lossGradient.length < n) {
            lossGradient = new float[n];
        }
        double[] g = new double[rows * width];
        if (held != null) {
            for (int i = 0; i < held.length; i++) {
                heldParams.get(i).value().load(held[i], 0);
            }
        }
        if (!copy.posteriorLossGradient(batch, rows, noiseSeed, lossGradient)) {
            Arrays.fill(g, Double.NaN);
            return g;
        }
        // the loss is −(1/rows) Σ_b objective_b, and an image's logits feed its m sample rows (× the pass's rows)
        for (int b = 0; b < rows; b++) {
            for (int j = 0; j < m; j++) {
                int from = (b * m + j) * stride;
                for (int i = 0; i < width; i++) {
                    g[b * width + i] -= rows * (double) lossGradient[from + i];
                }
            }
        }
        return g;
    }

    /**
     * {@code perImage} draws of the discrete graph for each image, with each draw's log-weight and its score
     * ∂ log q(z|x)/∂logits: the material of a score-function reference.
     */
    public DiscreteDraws discreteDraws(float[] batch, int rows, int perImage, long noiseSeed) {
        int n = rows * perImage;
        if (scores.length < n * stride) {
            scores = new float[n * stride];
        }
        double[] logw = new double[n];
        copy.discreteScores(batch, rows, perImage, noiseSeed, logw, scores);
        float[] s = new float[n * width];
        for (int r = 0; r < n; r++) {
            System.arraycopy(scores, r * stride, s, r * width, width);
        }
        return new DiscreteDraws(rows, perImage, width, logw, s);
    }

    /**
     * Draws of the discrete graph: draw j of image b has log-weight {@code logw[b·perImage + j]} and score
     * {@code scores[(b·perImage + j)·width + i]} at logit i.
     */
    public record DiscreteDraws(int rows, int perImage, int width, double[] logw, float[] scores) {
    }
}

package org.concretelab.model.estimator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.concretelab.model.nn.Param;
import org.concretelab.model.task.DensityEstimation;
import org.concretelab.model.task.Task;

/**
 * REBAR's estimator (Tucker et al. 2017), of which RELAX (Grathwohl et al. 2018) is this plus a learned term: for
 * E_q[f(b)], f = log w the discrete ELBO's log-weight, b = H(z), z = logits + noise, z̃ ~ p(z | b) from fresh noise, and
 * a control variate c (here c = η·f̃_λ, f̃_λ the model's relaxed log-weight at temperature λ, plus {@link #extraValue}),
 * the gradient at the posterior logits
 * <pre>  ĝ = [f(b) − c(z̃)] ∇ log q(b) + ∇ f(b) + ∇ c(z) − ∇ c(z̃)</pre>
 * — unbiased for any c, since E[∇c(z)] = ∇E[c(z)] = E[c(z̃)∇log q(b)] + E_b[∇E[c(z̃) | b]]. It reaches the encoder
 * through the logits ({@link ModelPasses#discreteBackward(float[])}'s extra); the decoder and prior get ∇f(b), as in
 * the paper (adding the control variate's zero-mean terms there would only add their variance).
 *
 * <p>A step: two relaxed passes of the control variate, at z and at z̃ (their gradients at the logits read with
 * {@link ModelPasses#posteriorBackward} and no parameter gradient), then the discrete pass and its backward. m = 1.
 *
 * <p>Trained to reduce the variance as the papers do, by the model's Adam on a proxy: V = mean over rows of |ĝ|², the
 * squared estimate at the logits (E|ĝ|² = Var + |∇|², the mean not depending on c). ĝ is linear in η: ∂V/∂η exactly.
 * ∂V/∂log λ is a central finite difference (step {@value #LOG_STEP} in log λ) of V recomputed with the same noise
 * (common random numbers: same z, z̃, b, f), every {@value #LAMBDA_EVERY}th step (4 more relaxed passes; λ's gradient
 * is 0 on the others). Measured on 200H~784V, batch 100, one thread: such a step takes 23 ms against 11.6, ≈ +10 % on
 * average. The control variate's prior temperature follows λ in the model's ratio λ2/λ1.
 *
 * <p>State: {@code estimator.NAME.controlVariate} [η, log λ] (trained) and {@code estimator.NAME.state} [set, clock]
 * (gradient always 0, so Adam leaves it: whether η and λ have been given their start, η = 1 and λ = {@value
 * #START_TEMPERATURE}, and the step count modulo {@value #LAMBDA_EVERY}), saved in checkpoints with the model.
 */
public abstract class ControlVariateEstimator implements DiscreteElboEstimator {
    /** Steps between two finite differences in log λ. */
    static final int LAMBDA_EVERY = 10;
    /** The finite difference's half step in log λ. */
    static final double LOG_STEP = 0.05;
    /** λ's start (the REBAR paper's 0.5). */
    static final double START_TEMPERATURE = 0.5;

    private Param controlVariate;
    private Param state;
    private double lastVariance = Double.NaN;
    /** The last step's f(b), c(z) and c(z̃) per row (c the whole control variate), for tests of its surrogate. */
    private double[][] lastParts = new double[3][0];
    private float[] gz = new float[0];
    private float[] gzt = new float[0];
    private float[] scores = new float[0];
    private float[] extra = new float[0];
    private float[][] probe = new float[4][0];
    private double[] cz = new double[0];
    private double[] czt = new double[0];
    private double[][] probeValues = new double[4][0];
    /** The extra term's value at z and z̃, its gradient at the logits through z, and through z̃ (Jᵀ∇). */
    double[] rz = new double[0];
    double[] rzt = new double[0];
    float[] gr = new float[0];
    float[] grt = new float[0];
    /** The step's estimate ĝ at the logits (ascent), rows × width, and ∇log q(b). */
    float[] estimate = new float[0];

    @Override
    public String refusal(EstimatorSetting s) {
        if (s.gaussianUnits() > 0) {
            return "the " + name() + " estimator needs discrete latents only (binary or categorical): a Gaussian unit has"
                    + " no discrete sample b to condition its relaxation on";
        }
        if (s.stochasticLayerCount() != 1) {
            return "the " + name() + " estimator needs one stochastic layer (e.g. 200H~784V), had "
                    + s.stochasticLayerCount() + ": z̃ | b is drawn for one layer of discrete units";
        }
        if (!DensityEstimation.NAME.equals(s.task())) {
            return "the " + name() + " estimator needs the " + DensityEstimation.NAME + " task (a posterior to differentiate)";
        }
        return null;
    }

    @Override
    public List<Param> createParameters(EstimatorSetting spec, Task task, UniformRandomProvider rng) {
        List<Param> params = new ArrayList<>();
        controlVariate = new Param(prefix() + "controlVariate", 1, 2);
        state = new Param(prefix() + "state", 1, 2); // zeros: the first step sets η and λ
        params.add(controlVariate);
        params.add(state);
        params.addAll(createExtra(spec, task, rng));
        return params;
    }

    @Override
    public Map<String, long[]> parameterShapes(EstimatorSetting spec, Task task) {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        shapes.put(prefix() + "controlVariate", new long[] {1, 2});
        shapes.put(prefix() + "state", new long[] {1, 2});
        shapes.putAll(extraShapes(spec, task));
        return shapes;
    }

    @Override
    public String zeroState() {
        return "η and λ take their start, η = 1 and λ = " + START_TEMPERATURE + ", at the first draw";
    }

    /** {@code estimator.NAME.}: where its parameters' names start. */
    String prefix() {
        return "estimator." + name() + ".";
    }

    /** RELAX's learned term's parameters (none for REBAR). */
    List<Param> createExtra(EstimatorSetting spec, Task task, UniformRandomProvider rng) {
        return List.of();
    }

    Map<String, long[]> extraShapes(EstimatorSetting spec, Task task) {
        return Map.of();
    }

    /**
     * After the control variate's pass at z ({@code conditional} false) or z̃: the learned term's value per row into
     * {@link #rz} / {@link #rzt} and its gradient at the logits into {@link #gr} / {@link #grt}. REBAR: none (zeros).
     */
    void extraValue(ModelPasses passes, int rows, boolean conditional) {
    }

    /** After the step's estimate ({@link #estimate}, with ∇log q(b) in {@code scores}): the learned term's training. */
    void trainExtra(ModelPasses passes, int rows, float[] scores) {
    }

    /** η, the relaxed log-weight's weight in the control variate. */
    public double eta() {
        return controlVariate.value().get(0, 0);
    }

    @Override
    public boolean sweepsTemperature() {
        return true;
    }

    /** Sets λ (η kept, or its start if unset): the λ sweep's REBAR and RELAX, unbiased at every temperature. */
    @Override
    public void setTemperature(double lambda) {
        if (!(lambda > 0) || !Double.isFinite(lambda)) {
            throw new IllegalArgumentException("a control variate's temperature must be a positive number, was " + lambda);
        }
        var cb = controlVariate.value().buffer();
        var sb = state.value().buffer();
        if (sb.get(0) == 0) {
            cb.put(0, 1f);
            sb.put(0, 1f);
        }
        cb.put(1, (float) Math.log(lambda));
    }

    /** λ, the control variate's posterior temperature. */
    public double temperature() {
        return Math.exp(controlVariate.value().get(0, 1));
    }

    /** The last completed step's f(b), c(z) and c(z̃) per row, c = η f̃_λ + the learned term (REBAR: none). */
    public double[][] lastParts() {
        return new double[][] {lastParts[0].clone(), lastParts[1].clone(), lastParts[2].clone()};
    }

    /** The variance proxy V (mean |ĝ|² at the logits) of the last completed step (NaN before one). */
    public double lastVariance() {
        return lastVariance;
    }

    @Override
    public double step(ModelPasses passes, int rows, int m) {
        if (m != 1) {
            throw new IllegalArgumentException(name() + " is a single-sample estimator here (m = 1), was m = " + m);
        }
        if (controlVariate == null) {
            throw new IllegalStateException(name() + "'s parameters do not exist: createParameters was not called");
        }
        var sb = state.value().buffer();
        var cb = controlVariate.value().buffer();
        if (sb.get(0) == 0) {
            cb.put(0, 1f);
            cb.put(1, (float) Math.log(START_TEMPERATURE));
            sb.put(0, 1f);
        }
        int width = passes.posteriorWidth();
        ensure(rows, width);
        double eta = cb.get(0);
        double logLambda = cb.get(1);
        double[] t = passes.temperatures();
        double ratio = t[1] / t[0];
        boolean probeLambda = (int) sb.get(1) % LAMBDA_EVERY == 0;
        if (probeLambda) {
            for (int side = 0; side < 2; side++) {
                double lambda = Math.exp(logLambda + (side == 0 ? LOG_STEP : -LOG_STEP));
                controlVariatePass(passes, rows, lambda, ratio, false, probeValues[2 * side], probe[2 * side]);
                controlVariatePass(passes, rows, lambda, ratio, true, probeValues[2 * side + 1], probe[2 * side + 1]);
            }
        }
        double lambda = Math.exp(logLambda);
        controlVariatePass(passes, rows, lambda, ratio, false, cz, gz);
        extraValue(passes, rows, false);
        controlVariatePass(passes, rows, lambda, ratio, true, czt, gzt);
        extraValue(passes, rows, true);
        double[] f = passes.discrete();
        double objective = 0;
        for (int r = 0; r < rows; r++) {
            objective += f[r];
        }
        objective /= rows;
        if (!Double.isFinite(objective)) {
            return objective;
        }
        passes.scores(scores);
        lastParts = new double[3][rows];
        for (int r = 0; r < rows; r++) {
            lastParts[0][r] = f[r];
            lastParts[1][r] = eta * cz[r] + rz[r];
            lastParts[2][r] = eta * czt[r] + rzt[r];
        }
        double[] gLogw = passes.gLogw();
        double[] scoreWeights = passes.scoreWeights();
        double variance = 0;
        double gEta = 0;
        for (int r = 0; r < rows; r++) {
            double weight = f[r] - eta * czt[r] - rzt[r]; // f(b) − c(z̃)
            gLogw[r] = -1.0 / rows; // the loss is −mean f(b): ∇f(b) for every parameter
            scoreWeights[r] = -weight / rows;
            for (int i = r * width; i < (r + 1) * width; i++) {
                double cv = eta * (gz[i] - gzt[i]) + gr[i] - grt[i]; // ∇c(z) − ∇c(z̃)
                double g = (weight - 1) * scores[i] + cv; // ∇f(b) = −∇log q(b) at the logits
                estimate[i] = (float) g;
                extra[i] = (float) (-cv / rows);
                variance += g * g;
                gEta += 2 * g * (-czt[r] * scores[i] + gz[i] - gzt[i]); // ∂ĝ/∂η
            }
        }
        double gLogLambda = 0;
        if (probeLambda) {
            double plus = variance(f, rows, width, eta, probeValues[1], probe[0], probe[1]);
            double minus = variance(f, rows, width, eta, probeValues[3], probe[2], probe[3]);
            gLogLambda = (plus - minus) / (2 * LOG_STEP);
        }
        passes.discreteBackward(extra);
        var gb = controlVariate.grad().buffer();
        gb.put(0, (float) (gEta / rows));
        gb.put(1, (float) gLogLambda);
        trainExtra(passes, rows, scores);
        sb.put(1, (float) (((int) sb.get(1) + 1) % LAMBDA_EVERY));
        lastVariance = variance / rows;
        return objective;
    }

    /** V at another λ: ĝ from the same f, b and learned term with that λ's relaxed values and gradients. */
    private double variance(double[] f, int rows, int width, double eta, double[] ctilde, float[] gAtZ, float[] gAtZt) {
        double v = 0;
        for (int r = 0; r < rows; r++) {
            double weight = f[r] - eta * ctilde[r] - rzt[r];
            for (int i = r * width; i < (r + 1) * width; i++) {
                double g = (weight - 1) * scores[i] + eta * (gAtZ[i] - gAtZt[i]) + gr[i] - grt[i];
                v += g * g;
            }
        }
        return v / rows;
    }

    /** The relaxed log-weight at λ on z (or z̃) into {@code values}, its gradient at the logits into {@code grad}. */
    private static void controlVariatePass(ModelPasses passes, int rows, double lambda, double ratio, boolean conditional,
                                           double[] values, float[] grad) {
        double[] c = passes.relaxedAt(lambda, lambda * ratio, conditional);
        System.arraycopy(c, 0, values, 0, rows);
        java.util.Arrays.fill(passes.gLogw(), 0, rows, 1.0);
        passes.posteriorBackward(null);
        passes.posteriorGradient(grad);
    }

    private void ensure(int rows, int width) {
        int n = rows * width;
        if (cz.length < rows) {
            cz = new double[rows];
            czt = new double[rows];
            rz = new double[rows];
            rzt = new double[rows];
            for (int k = 0; k < 4; k++) {
                probeValues[k] = new double[rows];
            }
        }
        if (gz.length < n) {
            gz = new float[n];
            gzt = new float[n];
            scores = new float[n];
            extra = new float[n];
            gr = new float[n];
            grt = new float[n];
            estimate = new float[n];
            for (int k = 0; k < 4; k++) {
                probe[k] = new float[n];
            }
        }
    }
}

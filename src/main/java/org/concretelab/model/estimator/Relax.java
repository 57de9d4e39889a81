package org.concretelab.model.estimator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.concretelab.model.nn.FastTanh;
import org.concretelab.model.nn.Gemm;
import org.concretelab.model.nn.Mat;
import org.concretelab.model.nn.Param;
import org.concretelab.model.task.Task;

/**
 * RELAX (Grathwohl, Choi, Wu, Roeder &amp; Duvenaud 2018, "Backpropagation through the Void"), for discrete latents: REBAR
 * ({@link ControlVariateEstimator}) with the control variate c(z) = η·f̃_λ(z) + r_ρ(z), r_ρ a network on the relaxed
 * sample z = logits + noise (the posterior's width → {@value #HIDDEN} tanh → 1; its last layer starts at zero, so RELAX
 * starts as REBAR). ∇_logits r(z) = ∂r/∂z; ∇_logits r(z̃) = Jᵀ ∂r/∂z̃ with J = ∂z̃/∂logits
 * ({@link ModelPasses#conditionalJacobian}).
 *
 * <p>ρ is trained with η and λ on the same variance proxy V = mean |ĝ|²: with u = ĝ held, ∂V/∂ρ = (2/rows) Σ [−(u·∇log
 * q(b)) ∂r(z̃)/∂ρ + ∂(u·∂r/∂z)/∂ρ at z − ∂((J u)·∂r/∂z)/∂ρ at z̃], the mixed second derivatives of a one-hidden-layer
 * network written out by hand ({@link #addGradient}). Parameters {@code estimator.relax.network.{0,1}.{W,b}}.
 */
public final class Relax extends ControlVariateEstimator {
    public static final String NAME = "relax";
    /** The network's tanh layer (the RELAX paper's discrete experiments: one hidden layer). */
    public static final int HIDDEN = 100;

    private Param w1;
    private Param b1;
    private Param w2;
    private Param b2;
    private Buffers at;
    private Buffers atTilde;

    @Override
    public double relativeSpeed() {
        // measured 13.8 ms a step against Concrete's 5.5 (0.40); the cost model already counts its network's weights
        // (with the cost model's rates of 2026-12-07: 0.41 gives the measured 2.51 ×)
        return 0.41;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String label() {
        return "RELAX (learned control variate, m = 1)";
    }

    @Override
    public String zeroState() {
        return super.zeroState() + "; a zero network, r ≡ 0: REBAR";
    }

    private String network() {
        return prefix() + "network.";
    }

    @Override
    List<Param> createExtra(EstimatorSetting spec, Task task, UniformRandomProvider rng) {
        int width = spec.posteriorWidth();
        w1 = new Param(network() + "0.W", width, HIDDEN);
        b1 = new Param(network() + "0.b", 1, HIDDEN);
        w2 = new Param(network() + "1.W", HIDDEN, 1); // zeros: r ≡ 0 at the start
        b2 = new Param(network() + "1.b", 1, 1);
        double limit = Math.sqrt(6.0 / (width + HIDDEN)); // Glorot uniform
        var wb = w1.value().buffer();
        for (int i = 0; i < w1.size(); i++) {
            wb.put(i, (float) ((2 * rng.nextDouble() - 1) * limit));
        }
        return List.of(w1, b1, w2, b2);
    }

    @Override
    Map<String, long[]> extraShapes(EstimatorSetting spec, Task task) {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        shapes.put(network() + "0.W", new long[] {spec.posteriorWidth(), HIDDEN});
        shapes.put(network() + "0.b", new long[] {1, HIDDEN});
        shapes.put(network() + "1.W", new long[] {HIDDEN, 1});
        shapes.put(network() + "1.b", new long[] {1, 1});
        return shapes;
    }

    /** r and ∂r/∂z at the pass's sample z = logits + noise; at z̃ carried to the logits by Jᵀ. */
    @Override
    void extraValue(ModelPasses passes, int rows, boolean conditional) {
        int width = passes.posteriorWidth();
        if (at == null || at.rows != rows || at.width != width) {
            at = new Buffers(rows, width);
            atTilde = new Buffers(rows, width);
        }
        Buffers b = conditional ? atTilde : at;
        passes.posterior(b.heap);
        passes.noise(b.heap2);
        for (int i = 0; i < rows * width; i++) {
            b.heap[i] += b.heap2[i];
        }
        b.x.load(b.heap, 0);
        // p = x W1 + b1, t = tanh p, r = t·w2 + b2
        fillRows(b.t, b1);
        Gemm.gemm(b.x, false, w1.value(), false, b.t, 1f, 1f);
        float[] t = b.tHeap;
        b.t.store(t, 0);
        FastTanh.apply(t, rows * HIDDEN);
        float[] v2 = new float[HIDDEN];
        w2.value().store(v2, 0);
        double bias = b2.value().get(0, 0);
        double[] r = conditional ? rzt : rz;
        float[] a = b.aHeap;
        for (int k = 0; k < rows; k++) {
            double sum = bias;
            for (int h = 0; h < HIDDEN; h++) {
                int i = k * HIDDEN + h;
                sum += v2[h] * t[i];
                a[i] = v2[h] * (1 - t[i] * t[i]); // ∂r/∂p
            }
            r[k] = sum;
        }
        b.t.load(t, 0);
        b.a.load(a, 0);
        Gemm.gemm(b.a, false, w1.value(), true, b.g, 1f, 0f); // ∂r/∂x = (∂r/∂p) W1ᵀ
        float[] g = conditional ? b.heap : gr;
        b.g.store(g, 0);
        if (conditional) {
            passes.conditionalJacobian(g, grt, true);
        }
    }

    @Override
    void trainExtra(ModelPasses passes, int rows, float[] scores) {
        int width = passes.posteriorWidth();
        for (Param p : List.of(w1, b1, w2, b2)) {
            p.grad().fill(0f);
        }
        // at z: weight 0, direction u; at z̃: weight −u·∇log q(b), direction −J u
        at.dir.load(estimate, 0);
        addGradient(at, null, rows);
        passes.conditionalJacobian(estimate, atTilde.heap, false);
        double[] weights = new double[rows];
        for (int k = 0; k < rows; k++) {
            double dot = 0;
            for (int i = k * width; i < (k + 1) * width; i++) {
                dot += estimate[i] * scores[i];
                atTilde.heap[i] = -atTilde.heap[i];
            }
            weights[k] = -dot;
        }
        atTilde.dir.load(atTilde.heap, 0);
        addGradient(atTilde, weights, rows);
    }

    /**
     * Adds (2/rows) Σ_rows ∂φ/∂ρ for φ = weight·r(x) + dir·∂r/∂x at b's inputs x (hidden t): with q = dir·W1 per unit,
     * ∂φ/∂w2_h = weight·t_h + (1 − t_h²) q_h, ∂φ/∂b2 = weight, and through p_h and q_h: δp = w2_h (1 − t_h²)(weight −
     * 2 t_h q_h), δq = w2_h (1 − t_h²), ∂φ/∂W1 = xᵀ δp + dirᵀ δq, ∂φ/∂b1 = Σ δp.
     */
    private void addGradient(Buffers b, double[] weights, int rows) {
        Gemm.gemm(b.dir, false, w1.value(), false, b.q, 1f, 0f);
        float[] q = b.aHeap;
        b.q.store(q, 0);
        float[] t = b.tHeap;
        float[] v2 = new float[HIDDEN];
        w2.value().store(v2, 0);
        float[] dp = new float[rows * HIDDEN];
        float[] dq = new float[rows * HIDDEN];
        double[] gw2 = new double[HIDDEN];
        double[] gb1 = new double[HIDDEN];
        double gb2 = 0;
        double scale = 2.0 / rows;
        for (int k = 0; k < rows; k++) {
            double weight = weights == null ? 0 : weights[k];
            gb2 += weight;
            for (int h = 0; h < HIDDEN; h++) {
                int i = k * HIDDEN + h;
                double th = t[i];
                double d = 1 - th * th;
                gw2[h] += weight * th + d * q[i];
                double p = v2[h] * d * (weight - 2 * th * q[i]);
                dp[i] = (float) (scale * p);
                dq[i] = (float) (scale * v2[h] * d);
                gb1[h] += p;
            }
        }
        b.dp.load(dp, 0);
        b.dq.load(dq, 0);
        Gemm.gemm(b.x, true, b.dp, false, w1.grad(), 1f, 1f);
        Gemm.gemm(b.dir, true, b.dq, false, w1.grad(), 1f, 1f);
        for (int h = 0; h < HIDDEN; h++) {
            b1.grad().set(0, h, (float) (b1.grad().get(0, h) + scale * gb1[h]));
            w2.grad().set(h, 0, (float) (w2.grad().get(h, 0) + scale * gw2[h]));
        }
        b2.grad().set(0, 0, (float) (b2.grad().get(0, 0) + scale * gb2));
    }

    private static void fillRows(Mat m, Param bias) {
        float[] row = new float[m.cols()];
        bias.value().store(row, 0);
        var mb = m.buffer();
        for (int r = 0; r < m.rows(); r++) {
            mb.put(r * m.cols(), row, 0, m.cols());
        }
    }

    /** The network's inputs, activations and gradients at one of the two samples, for one row count. */
    private static final class Buffers {
        final int rows;
        final int width;
        final Mat x;
        final Mat t;
        final Mat a;
        final Mat g;
        final Mat dir;
        final Mat q;
        final Mat dp;
        final Mat dq;
        final float[] heap;
        final float[] heap2;
        final float[] tHeap;
        final float[] aHeap;

        Buffers(int rows, int width) {
            this.rows = rows;
            this.width = width;
            x = new Mat(rows, width);
            t = new Mat(rows, HIDDEN);
            a = new Mat(rows, HIDDEN);
            g = new Mat(rows, width);
            dir = new Mat(rows, width);
            q = new Mat(rows, HIDDEN);
            dp = new Mat(rows, HIDDEN);
            dq = new Mat(rows, HIDDEN);
            heap = new float[rows * width];
            heap2 = new float[rows * width];
            tHeap = new float[rows * HIDDEN];
            aHeap = new float[rows * HIDDEN];
        }
    }
}

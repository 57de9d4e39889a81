package org.concretelab.gradients.toy;

import java.util.List;
import org.concretelab.distribution.LogSpace;

/**
 * REBAR's and RELAX's estimator on the toy: with z = θ + L, b = 1[z &gt; 0], z̃ ~ z | b (the conditional logistic
 * sample, from the draw's second uniform V) and a control variate c(z) = Σ w_k φ_k(z),
 * ĝ = [f(b) − c(z̃)]·∂log p(b)/∂θ + ∂c(z)/∂θ − ∂c(z̃)/∂θ, where ∂z̃/∂θ counts z̃'s dependence on θ through
 * the interval it is drawn from. Unbiased for any w: each C_k = φ_k(z̃)s(b) + ∂φ_k(z̃)/∂θ − ∂φ_k(z)/∂θ has mean 0,
 * and ĝ = f(b)s(b) − Σ w_k C_k.
 *
 * <p>The variance is quadratic in w, with exact coefficients G = E[C Cᵀ] and h = E[f(b)s(b) C]: given b, z and z̃
 * are independent draws of z | b, so every moment is a one-dimensional integral over a half-line of z, done here by
 * Simpson's rule. The variance-optimal weights solve G w = h (with some weights held fixed).
 */
final class ControlVariates {
    /** One basis function of the control variate, of z (its θ-derivative is slope·∂z/∂θ). */
    interface Basis {
        double value(ToyProblem toy, double z, double lambda);

        double slope(ToyProblem toy, double z, double lambda);
    }

    /** f(σ(z/λ)): the Concrete relaxation of f, REBAR's control variate. */
    static final Basis RELAXED_LOSS = new Basis() {
        @Override
        public double value(ToyProblem toy, double z, double lambda) {
            return toy.loss(LogSpace.sigmoid(z / lambda));
        }

        @Override
        public double slope(ToyProblem toy, double z, double lambda) {
            double x = LogSpace.sigmoid(z / lambda);
            return toy.lossDerivative(x) * ToyProblem.relaxedSlope(x, lambda);
        }
    };
    static final Basis ONE = power(0);
    static final Basis Z = power(1);
    static final Basis Z_SQUARED = power(2);

    /** Half-line cut-off beyond |θ|: the logistic density is below e⁻⁵⁰ there. */
    private static final double TAIL = 50;
    private static final int FINE_STEPS = 2000;
    private static final int COARSE_STEPS = 4000;

    private final List<Basis> basis;

    ControlVariates(List<Basis> basis) {
        this.basis = List.copyOf(basis);
    }

    private static Basis power(int k) {
        return new Basis() {
            @Override
            public double value(ToyProblem toy, double z, double lambda) {
                return k == 0 ? 1 : k == 1 ? z : z * z;
            }

            @Override
            public double slope(ToyProblem toy, double z, double lambda) {
                return k == 0 ? 0 : k == 1 ? 1 : 2 * z;
            }
        };
    }

    /** G = E[C Cᵀ], h = E[f(b)s(b) C] and E[(f(b)s(b))²] (the plain score function's second moment). */
    record Moments(double[][] g, double[] h, double plainSecondMoment) {
        /** The estimator's exact variance with weights {@code w}, given the exact gradient. */
        double variance(double[] w, double exact) {
            double v = plainSecondMoment - exact * exact;
            for (int j = 0; j < w.length; j++) {
                v -= 2 * w[j] * h[j];
                for (int k = 0; k < w.length; k++) {
                    v += w[j] * g[j][k] * w[k];
                }
            }
            return v;
        }
    }

    /** The exact moments at θ, λ. */
    Moments moments(ToyProblem toy, double theta, double lambda) {
        int m = basis.size();
        double[][] g = new double[m][m];
        double[] h = new double[m];
        double plain = 0;
        for (int b = 0; b <= 1; b++) {
            double pb = LogSpace.sigmoid(b == 1 ? theta : -theta);
            double signal = toy.loss(b) * toy.score(theta, b);
            double[] k1 = new double[m];
            double[] d1 = new double[m];
            double[][] kk = new double[m][m];
            double[][] dd = new double[m][m];
            double far = TAIL + Math.abs(theta);
            double near = Math.min(40 * lambda, far);
            integrate(toy, theta, lambda, b, 0, near, FINE_STEPS, k1, d1, kk, dd);
            integrate(toy, theta, lambda, b, near, far, COARSE_STEPS, k1, d1, kk, dd);
            for (int j = 0; j < m; j++) {
                h[j] += signal * (k1[j] - d1[j]);
                for (int k = 0; k < m; k++) {
                    g[j][k] += kk[j][k] + dd[j][k] - (k1[j] * d1[k] + d1[j] * k1[k]) / pb;
                }
            }
            plain += pb * signal * signal;
        }
        return new Moments(g, h, plain);
    }

    /** Adds ∫ K, ∫ D, ∫ K Kᵀ, ∫ D Dᵀ times the logistic density of z − θ over |z| in [from, to] on b's side of 0. */
    private void integrate(ToyProblem toy, double theta, double lambda, int b, double from, double to, int steps,
                           double[] k1, double[] d1, double[][] kk, double[][] dd) {
        if (to <= from) {
            return;
        }
        int m = basis.size();
        double step = (to - from) / steps;
        double[] k = new double[m];
        double[] d = new double[m];
        for (int i = 0; i <= steps; i++) {
            double z = (b == 1 ? 1 : -1) * (from + i * step);
            double l = z - theta;
            double e = Math.exp(-Math.abs(l));
            double w = (i == 0 || i == steps ? 1 : i % 2 == 1 ? 4 : 2) * step / 3 * e / ((1 + e) * (1 + e));
            terms(toy, theta, lambda, b, z, conditionalSlope(theta, b, z), k, d);
            for (int j = 0; j < m; j++) {
                k1[j] += w * k[j];
                d1[j] += w * d[j];
                for (int q = 0; q < m; q++) {
                    kk[j][q] += w * k[j] * k[q];
                    dd[j][q] += w * d[j] * d[q];
                }
            }
        }
    }

    /** K_k = φ_k(z̃)s(b) + φ_k′(z̃)·∂z̃/∂θ at z̃ and D_k = φ_k′(z)·∂z/∂θ (= φ_k′(z)) at z: C_k = K_k(z̃) − D_k(z). */
    private void terms(ToyProblem toy, double theta, double lambda, int b, double z, double zTheta, double[] k, double[] d) {
        double s = toy.score(theta, b);
        for (int j = 0; j < basis.size(); j++) {
            Basis f = basis.get(j);
            double slope = f.slope(toy, z, lambda);
            k[j] = f.value(toy, z, lambda) * s + slope * zTheta;
            d[j] = slope;
        }
    }

    /**
     * ∂z̃/∂θ at fixed V for z̃ ~ z | b: with ũ = σ(z̃ − θ), 1 − (1 − p)/ũ when b = 1 (ũ = 1 − p + pV) and
     * 1 − p/(1 − ũ) when b = 0 (ũ = (1 − p)V); 0 at z̃ = 0, where the interval's end stays.
     */
    static double conditionalSlope(double theta, int b, double zTilde) {
        return b == 1 ? 1 - LogSpace.sigmoid(-theta) / LogSpace.sigmoid(zTilde - theta)
                : 1 - LogSpace.sigmoid(theta) / LogSpace.sigmoid(theta - zTilde);
    }

    /** z̃ ~ z | b from the uniform {@code v}: θ + logit(ũ) with ũ uniform on b's interval of the uniform behind z. */
    static double conditionalSample(double theta, int b, double v) {
        double p = LogSpace.sigmoid(theta);
        double q = LogSpace.sigmoid(-theta);
        double u;
        double oneMinusU;
        if (b == 1) {
            u = q + p * v;
            oneMinusU = p * (1 - v);
        } else {
            u = q * v;
            oneMinusU = p + q * (1 - v);
        }
        return theta + Math.log(u) - Math.log(oneMinusU);
    }

    /** ĝ = f(b)s(b) − Σ w_k C_k per draw. */
    double[] estimates(ToyProblem toy, ToyDraws draws, double theta, double lambda, double[] w) {
        int m = basis.size();
        double[] kTilde = new double[m];
        double[] kIgnored = new double[m];
        double[] d = new double[m];
        double[] dIgnored = new double[m];
        double[] g = new double[draws.size()];
        for (int i = 0; i < g.length; i++) {
            double z = theta + draws.logistic()[i];
            int b = (int) toy.hard(theta, draws.logistic()[i]);
            double zTilde = conditionalSample(theta, b, draws.conditionalUniform()[i]);
            terms(toy, theta, lambda, b, zTilde, conditionalSlope(theta, b, zTilde), kTilde, dIgnored);
            terms(toy, theta, lambda, b, z, 1, kIgnored, d);
            double e = toy.loss(b) * toy.score(theta, b);
            for (int j = 0; j < m; j++) {
                e -= w[j] * (kTilde[j] - d[j]);
            }
            g[i] = e;
        }
        return g;
    }

    /** Solves a small symmetric positive system by Gaussian elimination with partial pivoting. */
    static double[] solve(double[][] a, double[] rhs) {
        int n = rhs.length;
        double[][] m = new double[n][n + 1];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], 0, m[i], 0, n);
            m[i][n] = rhs[i];
            m[i][i] += 1e-12 * Math.max(1, Math.abs(a[i][i])); // a whisker of ridge: a degenerate basis stays solvable
        }
        for (int c = 0; c < n; c++) {
            int pivot = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) {
                    pivot = r;
                }
            }
            double[] t = m[c];
            m[c] = m[pivot];
            m[pivot] = t;
            for (int r = c + 1; r < n; r++) {
                double f = m[r][c] / m[c][c];
                for (int k = c; k <= n; k++) {
                    m[r][k] -= f * m[c][k];
                }
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = m[r][n];
            for (int k = r + 1; k < n; k++) {
                s -= m[r][k] * x[k];
            }
            x[r] = s / m[r][r];
        }
        return x;
    }
}

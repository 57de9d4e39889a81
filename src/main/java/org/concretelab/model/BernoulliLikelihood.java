package org.concretelab.model;

import java.nio.FloatBuffer;
import org.concretelab.distribution.Bernoulli;
import org.concretelab.distribution.LogSpace;
import org.concretelab.model.nn.Mat;

/**
 * The decoder's Bernoulli pixels: log p(x|z) = Σ_i x_i o_i − softplus(o_i) for logits o, and its gradient
 * x − σ(o) (one e^−|o| shared by softplus and σ; the same formula as {@link Bernoulli#logProbability}).
 */
final class BernoulliLikelihood {

    private BernoulliLikelihood() {
    }

    /** logw[r] += log p(target_r | logits_r); when {@code keepResidual}, leaves x − σ(o) in {@code residual}. */
    static void add(Mat target, Mat logits, Mat residual, int rows, boolean keepResidual, double[] logw) {
        FloatBuffer xb = target.buffer();
        FloatBuffer ob = logits.buffer();
        FloatBuffer gb = residual.buffer();
        int width = logits.cols();
        for (int r = 0; r < rows; r++) {
            double s = 0;
            int base = r * width;
            for (int i = 0; i < width; i++) {
                float o = ob.get(base + i);
                float x = xb.get(base + i);
                double e = Math.exp(-Math.abs(o));
                s += x * o - LogSpace.softplus(o, e);
                if (keepResidual) {
                    gb.put(base + i, (float) (x - LogSpace.sigmoid(o, e)));
                }
            }
            logw[r] += s;
        }
    }

    /** ∂loss/∂o = ∂loss/∂logw · (x − σ(o)): scales the residual left by {@link #add} per row, in place. */
    static void gradient(Mat residual, int rows, double[] gLogw) {
        FloatBuffer gb = residual.buffer();
        int width = residual.cols();
        for (int r = 0; r < rows; r++) {
            float gw = (float) gLogw[r];
            int base = r * width;
            for (int i = 0; i < width; i++) {
                gb.put(base + i, gw * gb.get(base + i));
            }
        }
    }
}

package org.concretelab.metrics;

import org.concretelab.model.LatentLayout;
import org.concretelab.model.VaeModel;
import org.concretelab.model.task.Task;

/**
 * How many latent units the model uses (Burda et al. 2016's "active units", extended to discrete units): unit u
 * is active when its posterior mean moves with the data, A_u = Σ_k Var_x(E_q[1{z_u = k}]) &gt; {@value #THRESHOLD}
 * (a Gaussian unit: Var_x(μ_u(x))). A collapsed model — posterior equal to the prior for every image, the
 * latents ignored — has none; the count is how the trainer, {@code eval} and the app detect it.
 */
public final class ActiveUnits {
    /** Burda et al.'s threshold; a used unit of a trained model sits orders of magnitude above it. */
    public static final double THRESHOLD = 0.01;

    private final double[] activity;
    private final int discreteUnits;
    private final int active;
    private final int activeDiscrete;

    private ActiveUnits(double[] activity, int discreteUnits) {
        this.activity = activity;
        this.discreteUnits = discreteUnits;
        int n = 0;
        int d = 0;
        for (int u = 0; u < activity.length; u++) {
            if (activity[u] > THRESHOLD) {
                n++;
                d += u < discreteUnits ? 1 : 0;
            }
        }
        this.active = n;
        this.activeDiscrete = d;
    }

    /** The activity of the first stochastic layer's units over {@code count} images ({@code images[count × 784]}). */
    public static ActiveUnits of(VaeModel model, float[] images, int count) {
        if (count < 2) {
            throw new IllegalArgumentException("active units need at least 2 images, had " + count);
        }
        LatentLayout layout = model.latentLayout();
        int width = layout.meanWidth();
        double[] sum = new double[width];
        double[] sumSq = new double[width];
        int chunk = 500;
        for (int from = 0; from < count; from += chunk) {
            int rows = Math.min(chunk, count - from);
            float[] part = java.util.Arrays.copyOfRange(images, from * Task.IMAGE_PIXELS, (from + rows) * Task.IMAGE_PIXELS);
            double[] means = model.posteriorMeans(part, rows);
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < width; j++) {
                    double v = means[r * width + j];
                    sum[j] += v;
                    sumSq[j] += v * v;
                }
            }
        }
        double[] activity = new double[layout.units()];
        for (int j = 0; j < width; j++) {
            double mean = sum[j] / count;
            activity[layout.unitOfMean(j)] += Math.max(0, sumSq[j] / count - mean * mean);
        }
        return new ActiveUnits(activity, layout.discreteUnits());
    }

    /** Units whose activity exceeds the threshold. */
    public int active() {
        return active;
    }

    /** Active discrete units (a mixed model may use its Gaussian units and leave the discrete ones idle). */
    public int activeDiscrete() {
        return activeDiscrete;
    }

    /** All units of the layer (discrete and Gaussian). */
    public int units() {
        return activity.length;
    }

    /** A_u of every unit, discrete units first (a copy). */
    public double[] activity() {
        return activity.clone();
    }

    /** Whether the model ignores (nearly) all its latents: fewer than 1 in 20 units active. */
    public boolean collapsed() {
        return active * 20 < units();
    }

    @Override
    public String toString() {
        String split = discreteUnits == units() ? "" : " (discrete " + activeDiscrete + " of " + discreteUnits + ", Gaussian "
                + (active - activeDiscrete) + " of " + (units() - discreteUnits) + ")";
        return active + " of " + units() + " units active" + split;
    }
}

package org.concretelab.gradients.toy;

import java.util.ArrayList;
import java.util.List;

/**
 * A gradient race on the toy ({@link ToyProblem}): from one θ₀, plain gradient descent θ ← θ − rate·ĝ with each
 * estimator (ĝ the mean of its estimates from a few draws per step), and with the exact gradient as the pace-setter,
 * the same rate and number of steps for all. Step t gives every racer the same draws (from the seed and t), so the
 * racers differ by their estimators alone and a race is reproducible. The objective f(θ) = E[(b − t)²] falls towards
 * its infimum min(f(0), f(1)) as σ(θ) goes to 0 or 1; a biased estimator may settle elsewhere.
 *
 * <p>Not thread-safe: one thread advances it (in chunks, as the app does off the FX thread) and reads its figures.
 */
public final class GradientRace {
    /** The id of the racer that follows the exact gradient. */
    public static final String EXACT = "exact";

    /**
     * @param start        θ₀
     * @param lambda       the relaxed estimators' temperature
     * @param rate         the learning rate
     * @param steps        steps per racer
     * @param drawsPerStep estimates averaged per step (2 or more: the leave-one-out baseline needs another draw)
     * @param seed         the draws' seed
     */
    public record Settings(double start, double lambda, double rate, int steps, int drawsPerStep, long seed) {
        public Settings {
            if (!Double.isFinite(start)) {
                throw new IllegalArgumentException("the race's start θ₀ must be finite, was " + start);
            }
            if (!(lambda > 0) || !Double.isFinite(lambda)) {
                throw new IllegalArgumentException("the race's λ must be positive and finite, was " + lambda);
            }
            if (!(rate > 0) || !Double.isFinite(rate)) {
                throw new IllegalArgumentException("the race's learning rate must be positive and finite, was " + rate);
            }
            if (steps < 1) {
                throw new IllegalArgumentException("the race needs at least 1 step, was " + steps);
            }
            if (drawsPerStep < 2) {
                throw new IllegalArgumentException("the race needs at least 2 draws per step (a leave-one-out baseline), was "
                        + drawsPerStep);
            }
        }
    }

    private final ToyProblem toy;
    private final List<ToyEstimator> estimators;
    private final Settings settings;
    /** θ_t per racer (racer 0 exact, then the estimators in order), t = 0 … steps. */
    private final double[][] theta;
    /** Σ_t (ĝ_t − ∇f(θ_t))² per racer: the gradient noise it met along its own path. */
    private final double[] squaredNoise;
    private int done;

    public GradientRace(ToyProblem toy, List<ToyEstimator> estimators, Settings settings) {
        this.toy = toy;
        this.estimators = List.copyOf(estimators);
        this.settings = settings;
        theta = new double[this.estimators.size() + 1][settings.steps() + 1];
        squaredNoise = new double[theta.length];
        for (double[] path : theta) {
            path[0] = settings.start();
        }
    }

    /** Every racer advances by up to {@code steps} steps (fewer at the finish); returns the steps taken. */
    public int advance(int steps) {
        int target = Math.min(settings.steps(), done + Math.max(0, steps));
        int taken = target - done;
        for (; done < target; done++) {
            ToyDraws draws = ToyDraws.of(settings.drawsPerStep(), stepSeed(done));
            for (int r = 0; r < theta.length; r++) {
                double at = theta[r][done];
                double exact = toy.exactGradient(at);
                double g = r == 0 ? exact : mean(estimators.get(r - 1).estimates(toy, draws, at, settings.lambda()));
                squaredNoise[r] += (g - exact) * (g - exact);
                theta[r][done + 1] = at - settings.rate() * g;
            }
        }
        return taken;
    }

    public boolean finished() {
        return done == settings.steps();
    }

    /** Steps every racer has taken. */
    public int stepsDone() {
        return done;
    }

    public Settings settings() {
        return settings;
    }

    /** The exact racer and one per estimator. */
    public int racers() {
        return theta.length;
    }

    /** {@link #EXACT} or the estimator's id. */
    public String id(int racer) {
        return racer == 0 ? EXACT : estimators.get(racer - 1).id();
    }

    public String label(int racer) {
        return racer == 0 ? "Exact gradient" : estimators.get(racer - 1).label();
    }

    /** The racer's estimator (null for the exact racer). */
    public ToyEstimator estimator(int racer) {
        return racer == 0 ? null : estimators.get(racer - 1);
    }

    /** θ_0 … θ_{stepsDone}. */
    public double[] theta(int racer) {
        double[] t = new double[done + 1];
        System.arraycopy(theta[racer], 0, t, 0, t.length);
        return t;
    }

    /** The exact objective f(θ_t) along the racer's path, t = 0 … stepsDone. */
    public double[] loss(int racer) {
        double[] f = theta(racer);
        for (int t = 0; t < f.length; t++) {
            f[t] = toy.objective(f[t]);
        }
        return f;
    }

    /** The root mean square of ĝ_t − ∇f(θ_t) over the steps taken (0 for the exact racer; NaN before a step). */
    public double gradientNoise(int racer) {
        return done == 0 ? Double.NaN : Math.sqrt(squaredNoise[racer] / done);
    }

    /** The objective's infimum, min(f(0), f(1)), reached as σ(θ) goes to 0 or 1. */
    public double optimum() {
        return Math.min(toy.loss(0), toy.loss(1));
    }

    /** The racers' ids in order, the exact one first. */
    public List<String> ids() {
        List<String> ids = new ArrayList<>();
        for (int r = 0; r < racers(); r++) {
            ids.add(id(r));
        }
        return ids;
    }

    private static double mean(double[] g) {
        double s = 0;
        for (double v : g) {
            s += v;
        }
        return s / g.length;
    }

    /** Step t's draws, the same for every racer (SplitMix64's finaliser of the seed and t). */
    private long stepSeed(long t) {
        long z = settings.seed() * 0x9E3779B97F4A7C15L + t * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}

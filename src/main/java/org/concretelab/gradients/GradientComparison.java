package org.concretelab.gradients;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;
import org.concretelab.model.GradientProbe;
import org.concretelab.model.ModelSpec;
import org.concretelab.model.VaeModel;
import org.concretelab.model.VaeModels;
import org.concretelab.model.estimator.Estimators;
import org.concretelab.model.task.DensityEstimation;

/**
 * Compares every registered gradient estimator on a fixed minibatch: N estimates each of the gradient at the
 * encoder's output logits (first stochastic layer, discrete logits; each image's own objective) against a
 * score-function reference of the <em>discrete</em> objective with very many draws ({@link ReferenceGradient}).
 * Estimators that need m ≥ 2 (VIMCO) stand for the discrete m-sample bound L_m and are compared with its
 * reference; the others for the discrete ELBO (m = 1). Relaxed estimators (Concrete, straight-through) are drawn
 * at the model's λ1, λ2 and, with a sweep, at other temperatures: they estimate the relaxed objective's gradient,
 * a biased estimate of the discrete one's, which is what the comparison shows.
 *
 * <p>Works on one snapshot of the model's parameters, taken first ({@link VaeModels#restore}), and on private copies
 * of it ({@link VaeModels#gradientProbe}): a model being trained is held only for the snapshot. Runs on the calling
 * thread and {@code threads − 1} more; {@code cancelled} is polled between draws (a {@link CancellationException}
 * ends the run) and {@code progress} hears of every step (from any of the threads).
 */
public final class GradientComparison {
    /** Rows per model call for discrete draws: GEMM-sized, bounded memory. */
    private static final int CHUNK_ROWS = 1000;
    /** A call with the backward pass costs about this many forward rows per row. */
    private static final double BACKWARD_COST = 3;

    /** Progress reports: {@code fraction} of the work done, and what is being done. */
    @FunctionalInterface
    public interface Progress {
        void report(double fraction, String stage);

        Progress NONE = (f, s) -> { };
    }

    private final VaeModel model;
    private final float[] images;
    private final int rows;
    private final ComparisonSettings settings;
    private final Progress progress;
    private final BooleanSupplier cancelled;
    private double done;
    private double total;
    /** The current parallel part's first failure: the other threads stop at their next draw. */
    private volatile AtomicReference<Throwable> failed = new AtomicReference<>();

    private GradientComparison(VaeModel model, float[] images, int rows, ComparisonSettings settings, Progress progress,
                               BooleanSupplier cancelled) {
        this.model = model;
        this.images = images;
        this.rows = rows;
        this.settings = settings;
        this.progress = progress;
        this.cancelled = cancelled;
    }

    /** Runs the comparison on {@code rows} images ({@code images[rows × 784]}, binary pixels) of {@code model}. */
    public static ComparisonResult run(VaeModel model, float[] images, int rows, ComparisonSettings settings, Progress progress,
                                       BooleanSupplier cancelled) {
        if (rows < 1 || images == null || images.length < rows * 784) {
            throw new IllegalArgumentException("images must hold rows × 784 pixels for at least one image");
        }
        checkModel(model.spec());
        double[] temperatures = model.temperatures();
        VaeModel snapshot = VaeModels.restore(model.state()); // the model may be training: one consistent copy
        snapshot.setTemperatures(temperatures[0], temperatures[1]);
        return new GradientComparison(snapshot, images, rows, settings, progress, cancelled).run(model.spec().estimator());
    }

    /**
     * Refuses a model the comparison does not apply to: it differentiates at the encoder's output, so the model must
     * be a density-estimation model (q(z|x) read from the image); a task's model without that encoder is refused.
     */
    public static void checkModel(ModelSpec spec) {
        if (!DensityEstimation.NAME.equals(spec.task())) {
            throw new IllegalArgumentException("the gradient comparison takes density-estimation models (its gradients are"
                    + " at the encoder q(z|x)'s logits); " + spec.describe() + " is a '" + spec.task() + "' model");
        }
    }

    /** The m an estimator is compared at: 1, or the settings' m for one that needs several samples. */
    public static int samplesFor(String estimator, ComparisonSettings settings) {
        int least = Estimators.minimumSamples(estimator);
        return least > 1 ? Math.max(settings.multiSamples(), least) : 1;
    }

    /** Whether the named estimator differentiates the relaxed graph. */
    public static boolean relaxed(String estimator) {
        return Estimators.create(estimator).relaxed();
    }

    /** Whether the λ sweep follows the named estimator (the relaxed ones, and REBAR's and RELAX's control variate). */
    public static boolean swept(String estimator) {
        return Estimators.create(estimator).sweepsTemperature();
    }

    private ComparisonResult run(String trainedWith) {
        long start = System.nanoTime();
        List<String> names = Estimators.namesFor(model.spec()); // e.g. DisARM only on one layer of binary units
        Map<String, Integer> ms = new LinkedHashMap<>();
        List<String> sweptNames = new ArrayList<>();
        for (String name : names) {
            ms.put(name, samplesFor(name, settings));
            if (swept(name)) {
                sweptNames.add(name);
            }
        }
        List<Integer> distinct = ms.values().stream().distinct().sorted().toList();
        int group = distinct.stream().reduce(1, GradientComparison::lcm);
        int perBlock = Math.max(2 * group, Math.max(1, CHUNK_ROWS / rows) / group * group);
        int blocks = Math.max(2, (int) Math.ceil((double) settings.referenceDraws() / perBlock));
        double[] sweep = settings.sweep();
        int threads = settings.threads();
        total = (double) rows * blocks * perBlock;
        for (String name : names) {
            total += estimatorCost(ms.get(name), settings.draws() + (relaxed(name) ? 0 : threads * ComparisonSettings.WARMUP));
        }
        for (String name : sweptNames) {
            total += sweep.length * estimatorCost(ms.get(name), settings.draws() + (relaxed(name) ? 0 : threads * ComparisonSettings.WARMUP));
        }

        // the references: one stream of discrete draws serves every m (its blocks grouped m by m)
        report("reference: discrete draws");
        List<Map<Integer, ReferenceGradient.Accumulator>> parts = inParallel(threads, t -> {
            GradientProbe drawer = VaeModels.gradientProbe(model, names.get(0), ms.get(names.get(0)));
            Map<Integer, ReferenceGradient.Accumulator> acc = new LinkedHashMap<>();
            for (int m : distinct) {
                acc.put(m, new ReferenceGradient.Accumulator(m, rows, drawer.width()));
            }
            for (int k = t; k < blocks; k += threads) {
                checkCancelled();
                GradientProbe.DiscreteDraws d = drawer.discreteDraws(images, rows, perBlock, seed(2, k));
                for (ReferenceGradient.Accumulator a : acc.values()) {
                    a.add(d, seed(3, k));
                }
                advance((double) rows * perBlock, String.format(Locale.ROOT, "reference: %,d discrete draws per image",
                        (long) blocks * perBlock));
            }
            return acc;
        });
        Map<Integer, ReferenceGradient> references = new LinkedHashMap<>();
        for (int m : distinct) {
            ReferenceGradient.Accumulator a = parts.get(0).get(m);
            for (int t = 1; t < parts.size(); t++) {
                a.merge(parts.get(t).get(m));
            }
            references.put(m, a.result());
        }
        int width = references.get(distinct.get(0)).dimension() / rows;

        List<EstimatorResult> table = new ArrayList<>();
        int stream = 100;
        for (String name : names) {
            table.add(measure(name, ms.get(name), references.get(ms.get(name)), stream++, null, trainedWith));
        }
        List<EstimatorResult> swept = new ArrayList<>();
        for (String name : sweptNames) {
            for (double lambda : sweep) {
                swept.add(measure(name, ms.get(name), references.get(ms.get(name)), stream++, lambda, trainedWith));
            }
        }
        progress.report(1, "done");
        return new ComparisonResult(model.spec().describe(), rows, width, table, new ArrayList<>(references.values()), swept,
                (System.nanoTime() - start) / 1e9);
    }

    /**
     * N estimates of the named estimator with m samples against {@code reference}, at λ1 = {@code lambda} (λ2 keeping
     * the model's ratio) or, if null, at the model's temperatures; draw n's noise comes from stream {@code stream}.
     */
    private EstimatorResult measure(String name, int m, ReferenceGradient reference, int stream, Double lambda,
                                    String trainedWith) {
        double[] t = model.temperatures();
        double lambda1 = lambda == null ? t[0] : lambda;
        double lambda2 = lambda == null ? t[1] : lambda * t[1] / t[0];
        boolean relaxed = relaxed(name);
        String label = lambda != null ? String.format(Locale.ROOT, "%s at λ%s = %.3g", name, relaxed ? "1" : "", lambda1) : name;
        int threads = settings.threads();
        AtomicReference<Boolean> zeroed = new AtomicReference<>(false);
        List<CoordinateMoments> parts = inParallel(threads, w -> {
            GradientProbe probe = VaeModels.gradientProbe(model, name, m);
            probe.setTemperatures(lambda1, lambda2);
            if (lambda != null && !relaxed) {
                probe.setEstimatorTemperature(lambda); // a control variate's λ; the estimate stays unbiased
            }
            zeroed.set(probe.estimatorStateZeroed());
            if (!relaxed) {
                // an estimator's running statistics (a centring) settle before its estimates count, then stay as they
                // are: independent estimates; every thread's copy goes through the same warm-up draws
                for (int k = 0; k < ComparisonSettings.WARMUP; k++) {
                    checkCancelled();
                    probe.logitGradient(images, rows, seed(stream, -1 - k));
                    advance(estimatorCost(m, 1), label + ": warm-up");
                }
                probe.holdEstimatorState();
            }
            CoordinateMoments moments = new CoordinateMoments(reference.dimension());
            for (int n = w; n < settings.draws(); n += threads) {
                checkCancelled();
                double[] g = probe.logitGradient(images, rows, seed(stream, n));
                if (finite(g)) {
                    moments.add(g);
                }
                advance(estimatorCost(m, 1), String.format(Locale.ROOT, "%s: %d estimates", label, settings.draws()));
            }
            return moments;
        });
        CoordinateMoments moments = parts.get(0);
        for (int k = 1; k < parts.size(); k++) {
            moments.merge(parts.get(k));
        }
        String note = "";
        if (zeroed.get()) {
            note = "the model has no " + name + " parameters (trained with " + trainedWith + "): they start at zero ("
                    + Estimators.create(name).zeroState() + "), the estimator's running statistics warmed up over "
                    + ComparisonSettings.WARMUP + " draws, then held";
        }
        long failed = settings.draws() - moments.count();
        if (failed > 0) {
            note = (note.isEmpty() ? "" : note + "; ") + failed + " of " + settings.draws() + " draws were not finite, left out";
        }
        if (moments.count() < 2) {
            return new EstimatorResult(name, m, relaxed, lambda1, lambda2, moments.count(), Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN, Double.NaN, note);
        }
        double[] mean = moments.mean();
        double[] ref = reference.mean();
        double squaredError = 0;
        double dot = 0;
        double mm = 0;
        double rr = 0;
        for (int i = 0; i < mean.length; i++) {
            double d = mean[i] - ref[i];
            squaredError += d * d;
            dot += mean[i] * ref[i];
            mm += mean[i] * mean[i];
            rr += ref[i] * ref[i];
        }
        double variance = moments.meanVariance();
        double floor = variance / moments.count() + reference.meanSquaredStandardError();
        double cosine = mm > 0 && rr > 0 ? dot / Math.sqrt(mm * rr) : Double.NaN;
        // E|reference|² = |g|² + d·SE²: the signal's own squared length in the denominator
        double signal = rr - mean.length * reference.meanSquaredStandardError();
        double scale = signal > 0 ? dot / signal : Double.NaN;
        int d = mean.length;
        boolean rescaled = Estimators.create(name).rescalesGradient();
        double scaledError = Double.NaN;
        double scaledFloor = Double.NaN;
        if (rescaled && Double.isFinite(scale)) {
            // a deliberate scale is no bias: measure against s · reference; its noise is the estimates' and s times the
            // reference's, less the one direction fitting s took out of it
            scaledError = 0;
            for (int i = 0; i < d; i++) {
                double e = mean[i] - scale * ref[i];
                scaledError += e * e;
            }
            scaledError /= d;
            scaledFloor = (variance / moments.count() + scale * scale * reference.meanSquaredStandardError()) * (d - 1) / d;
        }
        return new EstimatorResult(name, m, relaxed, lambda1, lambda2, moments.count(), variance, squaredError / d,
                floor, cosine, scale, note, rescaled, scaledError, scaledFloor,
                reference.meanSquare() - reference.meanSquaredStandardError());
    }

    /** {@code work(t)} for t = 0 … threads − 1, t = 0 on this thread; the results in order; the first failure rethrown. */
    private <R> List<R> inParallel(int threads, IntFunction<R> work) {
        List<R> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            results.add(null);
        }
        AtomicReference<Throwable> failure = new AtomicReference<>();
        failed = failure;
        List<Thread> helpers = new ArrayList<>();
        for (int t = 1; t < threads; t++) {
            int id = t;
            Thread h = new Thread(() -> {
                try {
                    R r = work.apply(id);
                    synchronized (results) {
                        results.set(id, r);
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "gradients-" + t);
            h.setDaemon(true);
            helpers.add(h);
            h.start();
        }
        try {
            R r = work.apply(0);
            synchronized (results) {
                results.set(0, r);
            }
        } catch (RuntimeException | Error e) {
            failure.compareAndSet(null, e);
        }
        for (Thread h : helpers) {
            boolean interrupted = false;
            while (true) {
                try {
                    h.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // the helpers poll the same cancellation: they end soon
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        Throwable f = failure.get();
        if (f instanceof RuntimeException e) {
            throw e;
        }
        if (f instanceof Error e) {
            throw e;
        }
        if (f != null) {
            throw new IllegalStateException(f);
        }
        synchronized (results) {
            return new ArrayList<>(results);
        }
    }

    private double estimatorCost(int m, int draws) {
        return BACKWARD_COST * rows * m * draws;
    }

    private synchronized void advance(double work, String stage) {
        done += work;
        progress.report(Math.min(1, done / total), stage);
    }

    private synchronized void report(String stage) {
        progress.report(Math.min(1, done / total), stage);
    }

    /** Cancelled, or one of the threads failed: every thread stops at its next draw. */
    private void checkCancelled() {
        if (cancelled.getAsBoolean() || failed.get() != null) {
            throw new CancellationException("gradient comparison cancelled");
        }
    }

    private static boolean finite(double[] g) {
        for (double v : g) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    /** A seed per stream and draw from the settings' seed (SplitMix64's finaliser: distinct inputs, unrelated seeds). */
    private long seed(long stream, long draw) {
        long z = settings.seed() * 0x9E3779B97F4A7C15L + stream * 0xBF58476D1CE4E5B9L + draw * 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static int lcm(int a, int b) {
        int x = a;
        int y = b;
        while (y != 0) {
            int r = x % y;
            x = y;
            y = r;
        }
        return a / x * b;
    }
}

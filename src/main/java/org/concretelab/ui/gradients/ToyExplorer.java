package org.concretelab.ui.gradients;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import org.concretelab.distribution.LogSpace;
import org.concretelab.gradients.ComparisonReport;
import org.concretelab.gradients.Histogram;
import org.concretelab.gradients.toy.ToyEstimator;
import org.concretelab.gradients.toy.ToyEstimators;
import org.concretelab.gradients.toy.ToyProblem;

/**
 * The Gradients tab's toy, f(θ) = E[(z − t)²]: θ, λ and N, and per estimator a histogram of N estimates with the
 * exact gradient and the estimator's expectation, all histograms over one range with the same bin edges. Estimates are drawn in the background, the newest request only
 * (slider drags faster than that collapse); results come back on the {@code ui} executor.
 */
final class ToyExplorer {
    /** Histogram bins of the toy, over the range all its panels share (a narrow estimator still gets a few). */
    static final int BINS = 60;
    /** Share of estimates left off either end of a toy histogram's range (so that a few wild ones do not squash it). */
    static final double TAIL = 0.005;

    private final ToyProblem toy = new ToyProblem();
    private final Executor background;
    private final Executor ui;
    private final DoubleProperty theta = new SimpleDoubleProperty(0.5);
    private final DoubleProperty lambda = new SimpleDoubleProperty(2.0 / 3.0);
    private final IntegerProperty toyDraws = new SimpleIntegerProperty(2000);
    private final Map<ToyEstimator, ToyView> toyViews = new LinkedHashMap<>();
    private final ReadOnlyDoubleWrapper exactGradient = new ReadOnlyDoubleWrapper();
    private final ReadOnlyStringWrapper toySummary = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Long> toyVersion = new ReadOnlyObjectWrapper<>(0L);
    private final AtomicReference<ToyRequest> toyPending = new AtomicReference<>();
    private final AtomicBoolean toyScheduled = new AtomicBoolean();
    private long toySeed = 1;
    private final RaceExplorer race;


    private record ToyRequest(double theta, double lambda, int n, long seed) {
    }

    private record ToyOutcome(ToyEstimator estimator, Histogram histogram, double mean, double se, double sd, double expected,
                              String fitted) {
    }

    ToyExplorer(Executor background, Executor ui) {
        this.background = background;
        this.ui = ui;
        race = new RaceExplorer(toy, background, ui);
        for (ToyEstimator e : ToyEstimators.all()) {
            toyViews.put(e, new ToyView(e));
        }
        theta.addListener((o, a, b) -> requestToy());
        lambda.addListener((o, a, b) -> requestToy());
        toyDraws.addListener((o, a, b) -> requestToy());
        requestToy();
    }

    /** Draws N new estimates of every toy estimator (another seed). */
    void resampleToy() {
        toySeed++;
        requestToy();
    }

    private void requestToy() {
        toyPending.set(new ToyRequest(theta.get(), lambda.get(), Math.max(2, toyDraws.get()), toySeed));
        if (toyScheduled.compareAndSet(false, true)) {
            background.execute(this::drainToy);
        }
    }

    /** Computes the newest request only (slider drags faster than this collapse), then looks again. */
    private void drainToy() {
        try {
            ToyRequest r;
            while ((r = toyPending.getAndSet(null)) != null) {
                List<ToyOutcome> outcomes = new ArrayList<>();
                double exact = toy.exactGradient(r.theta());
                List<double[]> estimates = new ArrayList<>();
                double[] expectations = new double[ToyEstimators.all().size()];
                // one x range and one set of bin edges for every panel, so that the spreads compare at a glance: what
                // each estimator's own range (its tails cut) and its expectation need, all together
                double lo = exact;
                double hi = exact;
                for (ToyEstimator e : ToyEstimators.all()) {
                    double[] g = toy.estimates(e, r.theta(), r.lambda(), r.n(), r.seed());
                    double expected = toy.expectedEstimate(e, r.theta(), r.lambda());
                    double[] own = Histogram.range(g, TAIL, exact);
                    lo = Math.min(lo, Math.min(own[0], expected));
                    hi = Math.max(hi, Math.max(own[1], expected));
                    expectations[estimates.size()] = expected;
                    estimates.add(g);
                }
                for (int k = 0; k < estimates.size(); k++) {
                    ToyEstimator e = ToyEstimators.all().get(k);
                    double[] g = estimates.get(k);
                    double expected = expectations[k];
                    double mean = 0;
                    for (double v : g) {
                        mean += v;
                    }
                    mean /= g.length;
                    double ss = 0;
                    for (double v : g) {
                        ss += (v - mean) * (v - mean);
                    }
                    double sd = Math.sqrt(ss / (g.length - 1));
                    outcomes.add(new ToyOutcome(e, Histogram.of(g, BINS, lo, hi), mean, sd / Math.sqrt(g.length), sd,
                            expected, e.fitted(toy, r.theta(), r.lambda())));
                }
                ToyRequest shown = r;
                ui.execute(() -> showToy(shown, exact, outcomes));
            }
        } finally {
            toyScheduled.set(false);
        }
        if (toyPending.get() != null && toyScheduled.compareAndSet(false, true)) {
            background.execute(this::drainToy);
        }
    }

    private void showToy(ToyRequest r, double exact, List<ToyOutcome> outcomes) {
        exactGradient.set(exact);
        for (ToyOutcome o : outcomes) {
            ToyView v = toyViews.get(o.estimator());
            Histogram h = o.histogram();
            double[] x = new double[h.bins()];
            double[] y = new double[h.bins()];
            for (int i = 0; i < x.length; i++) {
                x[i] = h.center(i);
                y[i] = h.counts()[i];
            }
            v.mean = o.mean();
            v.range.set(new double[] {h.lo(), h.hi()});
            v.histogram.set(x, y);
            v.expected.set(o.expected());
            String outside = h.below() + h.above() > 0 ? String.format(Locale.ROOT, " · %d off chart", h.below() + h.above()) : "";
            String bias = !o.estimator().unbiased()
                    ? String.format(Locale.ROOT, " · E %.4f", o.expected()) : "";
            String fitted = o.fitted().isEmpty() ? "" : " · " + o.fitted();
            v.title.set(String.format(Locale.ROOT, "%s%s\nmean %.4f ± %.4f · sd %.3g%s%s%s", o.estimator().label(),
                    o.estimator().relaxed() ? String.format(Locale.ROOT, " (λ = %s)", ComparisonReport.number(r.lambda())) : "",
                    o.mean(), o.se(), o.sd(), bias, fitted, outside));
        }
        toySummary.set(String.format(Locale.ROOT, "f(θ) = E[(b − %s)²], b ~ Bernoulli(σ(θ)); θ = %.2f, σ(θ) = %.3f: exact df/dθ = %.5f",
                ComparisonReport.number(toy.target()), r.theta(), LogSpace.sigmoid(r.theta()), exact));
        toyVersion.set(toyVersion.get() + 1);
    }

    /** The gradient race, started from the current θ and λ with the toy's seed. */
    RaceExplorer race() {
        return race;
    }

    void startRace() {
        race.start(theta.get(), lambda.get(), toySeed);
    }

    DoubleProperty thetaProperty() {
        return theta;
    }

    DoubleProperty lambdaProperty() {
        return lambda;
    }

    IntegerProperty toyDrawsProperty() {
        return toyDraws;
    }

    List<ToyView> toyViews() {
        return List.copyOf(toyViews.values());
    }

    ReadOnlyDoubleProperty exactGradientProperty() {
        return exactGradient.getReadOnlyProperty();
    }

    ReadOnlyStringProperty toySummaryProperty() {
        return toySummary.getReadOnlyProperty();
    }

    ReadOnlyObjectProperty<Long> toyVersionProperty() {
        return toyVersion.getReadOnlyProperty();
    }
}

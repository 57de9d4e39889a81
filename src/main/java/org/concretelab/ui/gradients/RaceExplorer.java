package org.concretelab.ui.gradients;

import io.fair_acc.dataset.spi.DoubleDataSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.concretelab.gradients.ComparisonReport;
import org.concretelab.gradients.toy.GradientRace;
import org.concretelab.gradients.toy.ToyEstimators;
import org.concretelab.gradients.toy.ToyProblem;

/**
 * The toy's gradient race for the app: Start runs a {@link GradientRace} from the toy's θ and λ in the background, a
 * chunk of {@value #CHUNK} steps per task (so the toy's own updates interleave with it), and after each chunk appends
 * every racer's new losses f(θ_t) to its data set on the {@code ui} executor; Reset stops it and clears them. Its
 * properties and data sets are confined to the FX thread.
 */
final class RaceExplorer {
    /** Steps per background task between two updates of the chart. */
    static final int CHUNK = 10;
    static final int STEPS = 200;
    static final double RATE = 10;
    static final int DRAWS_PER_STEP = 2;
    /** Short names for the chart's key (the histograms' titles carry the long ones). */
    private static final Map<String, String> SHORT = Map.of(GradientRace.EXACT, "exact gradient", "score-function", "score function",
            "score-function-baseline", "SF, leave-one-out", "nvil-centring", "SF, running centring", "concrete", "Concrete",
            "straight-through", "straight-through", "disarm", "DisARM", "rebar", "REBAR", "relax", "RELAX");

    private final ToyProblem toy;
    private final Executor background;
    private final Executor ui;
    private final List<String> ids;
    private final List<String> names = new ArrayList<>();
    private final List<DoubleDataSet> series = new ArrayList<>();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final ReadOnlyIntegerWrapper stepsShown = new ReadOnlyIntegerWrapper();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    /** Final (or latest) θ and f − f* per racer, for the key. */
    private final List<ReadOnlyStringWrapper> standings = new ArrayList<>();
    /** Bumped by Start and Reset: a chunk of an older race drops its results and stops. */
    private long generation;

    RaceExplorer(ToyProblem toy, Executor background, Executor ui) {
        this.toy = toy;
        this.background = background;
        this.ui = ui;
        GradientRace probe = new GradientRace(toy, ToyEstimators.all(), settings(0, 1, 1));
        ids = probe.ids();
        for (int r = 0; r < probe.racers(); r++) {
            String name = SHORT.getOrDefault(ids.get(r), probe.label(r));
            names.add(name);
            FxDataSet d = new FxDataSet(name, STEPS + 1);
            d.addStyleClasses("race-series", "race-" + ids.get(r));
            series.add(d);
            standings.add(new ReadOnlyStringWrapper(name));
        }
    }

    private static GradientRace.Settings settings(double theta, double lambda, long seed) {
        return new GradientRace.Settings(theta, lambda, RATE, STEPS, DRAWS_PER_STEP, seed);
    }

    /** Starts a race from θ₀ at λ (a running one starts over). */
    void start(double theta, double lambda, long seed) {
        long race = nextGeneration();
        clear();
        running.set(true);
        GradientRace r = new GradientRace(toy, ToyEstimators.all(), settings(theta, lambda, seed));
        status.set(String.format(Locale.ROOT, "Racing from θ₀ = %.2f at λ = %s…", theta, ComparisonReport.number(lambda)));
        background.execute(() -> {
            if (isCurrent(race)) {
                chunk(r, race, 0);
            }
        });
    }

    /** Stops a race and clears the chart. */
    void reset() {
        nextGeneration();
        running.set(false);
        clear();
        status.set("");
    }

    private void clear() {
        for (DoubleDataSet d : series) {
            d.clearData();
        }
        for (int r = 0; r < standings.size(); r++) {
            standings.get(r).set(names.get(r));
        }
        stepsShown.set(0);
    }

    /** In the background: the next steps, then their losses to the FX thread, then the next chunk as a new task. */
    private void chunk(GradientRace race, long id, int published) {
        race.advance(CHUNK);
        int done = race.stepsDone();
        List<double[]> losses = new ArrayList<>();
        double[] theta = new double[race.racers()];
        for (int r = 0; r < race.racers(); r++) {
            double[] f = race.loss(r);
            double[] fresh = new double[done + 1 - published];
            System.arraycopy(f, published, fresh, 0, fresh.length);
            losses.add(fresh);
            double[] path = race.theta(r);
            theta[r] = path[path.length - 1];
        }
        boolean finished = race.finished();
        ui.execute(() -> show(id, published, losses, theta, race, finished));
        if (!finished) {
            background.execute(() -> {
                if (isCurrent(id)) {
                    chunk(race, id, done + 1);
                }
            });
        }
    }

    private synchronized long nextGeneration() {
        return ++generation;
    }

    /** Also read from the background: a stale race stops at its next chunk. */
    private synchronized boolean isCurrent(long id) {
        return id == generation;
    }

    private void show(long id, int from, List<double[]> losses, double[] theta, GradientRace race, boolean finished) {
        if (!isCurrent(id)) {
            return;
        }
        double optimum = race.optimum();
        int width = names.stream().mapToInt(String::length).max().orElse(1); // the key's figures in columns
        for (int r = 0; r < series.size(); r++) {
            double[] f = losses.get(r);
            for (int k = 0; k < f.length; k++) {
                series.get(r).add(from + k, f[k]);
            }
            standings.get(r).set(String.format(Locale.ROOT, "%-" + width + "s θ %6.2f  f − f* %.4f", names.get(r), theta[r],
                    f[f.length - 1] - optimum));
        }
        stepsShown.set(from + losses.get(0).length - 1);
        if (finished) {
            running.set(false);
            GradientRace.Settings s = race.settings();
            status.set(String.format(Locale.ROOT, "%d steps from θ₀ = %.2f at λ = %s, rate %s, %d draws per step: the unbiased"
                    + " racers head for f* = %.4f (σ(θ) → 0), each as noisily as its estimator; the relaxed ones hover where"
                    + " their relaxation is lowest.",
                    s.steps(), s.start(), ComparisonReport.number(s.lambda()), ComparisonReport.number(s.rate()), s.drawsPerStep(),
                    optimum));
        }
    }

    /** One series per racer (the exact gradient first, then the toy's estimators): step t against f(θ_t). */
    List<DoubleDataSet> series() {
        return series;
    }

    /** The racers' ids, in the series' order. */
    List<String> ids() {
        return ids;
    }

    /** Per racer its short name with its latest θ and f − f*. */
    List<ReadOnlyStringProperty> standings() {
        List<ReadOnlyStringProperty> l = new ArrayList<>();
        for (ReadOnlyStringWrapper w : standings) {
            l.add(w.getReadOnlyProperty());
        }
        return l;
    }

    /** The objective's infimum f*, marked on the chart. */
    double optimum() {
        return Math.min(toy.loss(0), toy.loss(1));
    }

    ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** The last step drawn (0 before a race). */
    ReadOnlyIntegerProperty stepsShownProperty() {
        return stepsShown.getReadOnlyProperty();
    }

    ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }
}

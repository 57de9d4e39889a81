package org.concretelab.ui.concrete;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import org.concretelab.distribution.Concrete;
import org.concretelab.explore.ConcreteCloud;
import org.concretelab.model.LatentKind;
import org.concretelab.model.PaperDefaults;

/**
 * The Concrete tab's state and what it computes, without controls: the dimension n, the temperature λ, the
 * class weights α (log10, as the sliders move them), the cloud of samples from fixed noise and its statistics.
 * The view binds its controls to these properties and redraws when {@link #revisionProperty()} moves.
 */
public final class ConcreteViewModel {
    public static final double LAMBDA_MIN = 0.05;
    public static final double LAMBDA_MAX = 10;
    public static final double ALPHA_MIN = 0.05;
    public static final double ALPHA_MAX = 20;
    public static final List<Integer> POINT_CHOICES = List.of(2_000, 5_000, 10_000);

    /** A temperature worth a button: its label, value and why it matters. */
    public record NotableTemperature(String label, double value, String why, boolean paper) {
    }

    private final IntegerProperty dimension = new SimpleIntegerProperty(3);
    private final DoubleProperty lambda = new SimpleDoubleProperty(1);
    private final IntegerProperty pointCount = new SimpleIntegerProperty(5_000);
    private final BooleanProperty densityShown = new SimpleBooleanProperty(true);
    private final List<DoubleProperty> logAlpha = new ArrayList<>();
    private final ReadOnlyDoubleWrapper meanVertexDistance = new ReadOnlyDoubleWrapper();
    private final ReadOnlyLongWrapper revision = new ReadOnlyLongWrapper();
    private ConcreteCloud cloud;
    private Concrete concrete;
    private long seed = 1;
    private boolean rebuilding;
    private double lastUpdateMillis;

    public ConcreteViewModel() {
        dimension.addListener((o, a, n) -> rebuild(n.intValue()));
        lambda.addListener((o, a, b) -> update());
        pointCount.addListener((o, a, b) -> {
            cloud.setCount(b.intValue());
            update();
        });
        densityShown.addListener((o, a, b) -> revision.set(revision.get() + 1));
        rebuild(dimension.get());
    }

    public IntegerProperty dimensionProperty() {
        return dimension;
    }

    public DoubleProperty lambdaProperty() {
        return lambda;
    }

    public IntegerProperty pointCountProperty() {
        return pointCount;
    }

    public BooleanProperty densityShownProperty() {
        return densityShown;
    }

    /** log10 α_k per class; replaced (new properties) when the dimension changes. */
    public List<DoubleProperty> logAlpha() {
        return logAlpha;
    }

    public ReadOnlyDoubleProperty meanVertexDistanceProperty() {
        return meanVertexDistance.getReadOnlyProperty();
    }

    /** Moves after every change the view must draw. */
    public ReadOnlyLongProperty revisionProperty() {
        return revision.getReadOnlyProperty();
    }

    /** Milliseconds the last recomputation of the cloud took. */
    public double lastUpdateMillis() {
        return lastUpdateMillis;
    }

    public ConcreteCloud cloud() {
        return cloud;
    }

    public Concrete concrete() {
        return concrete;
    }

    /** The temperatures the tab offers as buttons: the paper's λ1, λ2, the log-convexity bound, a cold and a hot one. */
    public List<NotableTemperature> notableTemperatures() {
        double bound = 1.0 / (dimension.get() - 1);
        return List.of(
                new NotableTemperature("½", PaperDefaults.lambdaPrior(LatentKind.BINARY),
                        "The paper's prior temperature λ2 for binary latents.", true),
                new NotableTemperature("⅔", PaperDefaults.lambdaPosterior(LatentKind.BINARY),
                        "The paper's posterior temperature λ1 for binary latents.", true),
                new NotableTemperature("1/(n−1) = " + format(bound), bound,
                        "At or below this temperature the density is log-convex.", false),
                new NotableTemperature("0.1", 0.1, "A cold temperature: nearly one-hot samples.", false),
                new NotableTemperature("5", 5, "A hot temperature: samples near the centre.", false));
    }

    /** The default weights: unequal, so that the argmax shares visibly follow α/Σα. */
    public static double defaultAlpha(int n, int k) {
        double[] defaults = {2, 0.5, 1, 1.5, 0.8};
        return n == 2 ? new double[] {2, 1}[k] : defaults[k];
    }

    public void resetAlpha() {
        rebuilding = true;
        int n = logAlpha.size();
        for (int k = 0; k < n; k++) {
            logAlpha.get(k).set(Math.log10(defaultAlpha(n, k)));
        }
        rebuilding = false;
        update();
    }

    /** Draws fresh Gumbel noise for every point. */
    public void resample() {
        seed++;
        cloud.resample(seed);
        update();
    }

    /** α from the sliders' log10 values. */
    public double[] alpha() {
        double[] a = new double[logAlpha.size()];
        for (int k = 0; k < a.length; k++) {
            a[k] = Math.pow(10, logAlpha.get(k).get());
        }
        return a;
    }

    /** Recomputes the cloud for the current λ and α (≈2 ms for 10,000 points, so on the caller's thread). */
    public void update() {
        if (rebuilding || cloud == null || logAlpha.size() != cloud.dimension()) {
            return;
        }
        long start = System.nanoTime();
        concrete = Concrete.of(alpha(), lambda.get());
        cloud.update(concrete);
        meanVertexDistance.set(cloud.meanVertexDistance());
        lastUpdateMillis = (System.nanoTime() - start) / 1e6;
        revision.set(revision.get() + 1);
    }

    private void rebuild(int n) {
        rebuilding = true;
        cloud = new ConcreteCloud(n, pointCount.get(), seed);
        logAlpha.clear();
        for (int k = 0; k < n; k++) {
            DoubleProperty p = new SimpleDoubleProperty(Math.log10(defaultAlpha(n, k)));
            p.addListener((o, a, b) -> update());
            logAlpha.add(p);
        }
        rebuilding = false;
        update();
    }

    /** λ and weights as the tab prints them: 2 significant decimals below 10, 3 below 1. */
    public static String format(double v) {
        return v >= 10 ? String.format(java.util.Locale.ROOT, "%.0f", v)
                : v >= 1 ? String.format(java.util.Locale.ROOT, "%.2f", v) : String.format(java.util.Locale.ROOT, "%.3f", v);
    }
}

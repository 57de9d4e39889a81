package org.concretelab.ui.latents;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import org.concretelab.explore.RelaxedPosterior;
import org.concretelab.explore.UnitPosterior;
import org.concretelab.model.VaeModel;

/**
 * λ linked to the model: relaxed samples of the shown digit's posterior at temperature λ beside hard ones from the same
 * noise, decoded in the background (one batch) whenever λ, the digit or the model changes while the view is shown; and
 * the selected unit's posterior at λ (its density, with the same samples' values). FX thread; the sampling, decoding and
 * density run on the Latents tab's background queue.
 */
public final class RelaxedViewModel {
    public static final double LAMBDA_MIN = 0.05;
    public static final double LAMBDA_MAX = 10;
    /** Samples drawn (each relaxed and hard). */
    public static final int SAMPLES = 8;

    private record Request(VaeModel model, float[] input, long seed, double lambda, int unit) {
    }

    /** A unit's posterior and the discrete units of the posterior it was drawn from. */
    private record UnitResult(UnitPosterior unit, int units, int mostUncertain) {
    }

    private final LatentsViewModel vm;
    private final DoubleProperty lambda = new SimpleDoubleProperty(2.0 / 3);
    private final BooleanProperty active = new SimpleBooleanProperty();
    private final ReadOnlyObjectWrapper<RelaxedPosterior.Samples> samples = new ReadOnlyObjectWrapper<>();
    private final IntegerProperty unit = new SimpleIntegerProperty(-1); // 0-based; -1: the most uncertain one
    private final ReadOnlyObjectWrapper<UnitPosterior> unitPosterior = new ReadOnlyObjectWrapper<>();
    private int mostUncertain = -1; // of the shown digit's posterior (-1 before one is drawn)
    private final ReadOnlyDoubleWrapper trainedLambda = new ReadOnlyDoubleWrapper(Double.NaN);
    private final AtomicReference<Request> pending = new AtomicReference<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private long seed = 1;
    // read and written on the background queue only (one task at a time): the posterior of the last request's digit
    private Request drawnFor;
    private RelaxedPosterior drawn;

    public RelaxedViewModel(LatentsViewModel latents) {
        this.vm = latents;
        lambda.addListener((o, a, b) -> request());
        unit.addListener((o, a, b) -> request());
        // another layout's unit 15 is another unit: start again from the most uncertain one (a snapshot keeps the choice)
        vm.layoutProperty().addListener((o, a, b) -> unit.set(-1));
        active.addListener((o, a, on) -> request());
        vm.inputProperty().addListener((o, a, b) -> request());
        vm.modelProperty().addListener((o, a, m) -> {
            trainedLambda.set(m == null ? Double.NaN : m.temperatures()[0]);
            request();
        });
    }

    /** New Gumbel noise: other samples of the same posterior. */
    public void resample() {
        seed++;
        request();
    }

    /** Samples the shown digit's posterior at the current λ, if shown; requests faster than they run collapse into one. */
    private void request() {
        VaeModel m = vm.modelProperty().get();
        float[] in = vm.inputProperty().get();
        if (m == null || in == null) {
            samples.set(null); // no digit: no posterior to sample
            unitPosterior.set(null);
            return;
        }
        if (!active.get()) {
            return;
        }
        pending.set(new Request(m, in, seed, lambda.get(), unit.get()));
        if (scheduled.compareAndSet(false, true)) {
            vm.work.run(() -> {
                scheduled.set(false);
                Request r = pending.getAndSet(null);
                if (r == null) {
                    return () -> { };
                }
                if (drawnFor == null || drawnFor.model() != r.model() || drawnFor.input() != r.input() || drawnFor.seed() != r.seed()) {
                    drawn = RelaxedPosterior.of(r.model(), r.input(), SAMPLES, r.seed());
                    drawnFor = r;
                }
                RelaxedPosterior.Samples s = drawn.decode(r.model(), r.lambda());
                int units = drawn.units();
                int most = units == 0 ? -1 : drawn.mostUncertainUnit();
                UnitResult u = new UnitResult(units == 0 ? null : drawn.unit(r.unit() < 0 ? most : Math.min(r.unit(), units - 1),
                        r.lambda()), units, most);
                return () -> {
                    if (vm.modelProperty().get() == r.model() && vm.inputProperty().get() == r.input()) {
                        samples.set(s); // else a newer request follows
                        mostUncertain = u.mostUncertain();
                        if (unit.get() >= u.units() && u.units() > 0) {
                            unit.set(u.units() - 1); // a model with fewer units: its last (a request follows)
                        }
                        unitPosterior.set(u.unit());
                    }
                };
            });
        }
    }

    /** The current model's discrete units (0 without a model). */
    public int units() {
        org.concretelab.model.LatentLayout l = vm.layoutProperty().get();
        return l == null ? 0 : l.discreteUnits();
    }

    /** Selects the unit the encoder is least sure of for the shown digit (its posterior is the most spread). */
    public void selectMostUncertain() {
        if (mostUncertain >= 0) {
            unit.set(mostUncertain);
        }
    }

    /**
     * The discrete unit whose posterior is drawn (0-based; kept below the model's number of units); −1, the start: the
     * shown digit's most uncertain unit.
     */
    public IntegerProperty unitProperty() {
        return unit;
    }

    /** The selected unit's posterior at λ (null before any, or with no digit shown). */
    public ReadOnlyObjectProperty<UnitPosterior> unitPosteriorProperty() {
        return unitPosterior.getReadOnlyProperty();
    }

    /** The temperature λ of the relaxed samples. */
    public DoubleProperty lambdaProperty() {
        return lambda;
    }

    /** True while the samples are on screen: they are only computed then. */
    public BooleanProperty activeProperty() {
        return active;
    }

    /** The latest samples (null before any, or with no digit shown). */
    public ReadOnlyObjectProperty<RelaxedPosterior.Samples> samplesProperty() {
        return samples.getReadOnlyProperty();
    }

    /** The model's posterior temperature λ1, the one it was trained at (NaN without a model). */
    public ReadOnlyDoubleProperty trainedLambdaProperty() {
        return trainedLambda.getReadOnlyProperty();
    }
}

package org.concretelab.ui.gradients;

import io.fair_acc.dataset.spi.DoubleDataSet;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.concretelab.gradients.EstimatorResult;

/**
 * The Gradients tab's comparison as chart data: variance, bias² and noise floor per estimator side by side, and the
 * relaxed estimators' across λ1. Fed on the FX thread.
 */
final class ComparisonCharts {
    /** Offset of the variance / bias² / floor points around an estimator's place on the chart's x axis. */
    static final double[] SERIES_OFFSETS = {-0.18, 0, 0.18};

    private final DoubleDataSet variance = new FxDataSet("variance");
    private final DoubleDataSet bias = new FxDataSet("bias² (noise removed)");
    private final DoubleDataSet floor = new FxDataSet("noise floor");
    /** Per relaxed estimator, its variance, its bias² and the noise floor across λ1 (3 sets each, in that order). */
    private final ObservableList<DoubleDataSet> sweepSets = FXCollections.observableArrayList();

    ComparisonCharts() {
        variance.addStyleClasses("gradients-variance");
        bias.addStyleClasses("gradients-bias");
        floor.addStyleClasses("gradients-floor");
    }

    void clear() {
        for (DoubleDataSet s : pointSets()) {
            s.clearData();
        }
        sweepSets.clear();
    }

    /**
     * Each estimator's variance, bias² (when above zero: the axis is logarithmic) and noise floor, side by side; NVIL's
     * against s · reference ({@link EstimatorResult#effectiveBiasSquared()}).
     */
    void fillPoints(List<EstimatorResult> list) {
        DoubleDataSet[] sets = {variance, bias, floor};
        for (DoubleDataSet s : sets) {
            s.clearData();
        }
        for (int i = 0; i < list.size(); i++) {
            EstimatorResult e = list.get(i);
            // an estimator scaled on purpose (NVIL): its bias² and floor against s · reference, as its variance is its own
            double[] values = {e.variance(), e.effectiveBiasSquared(), e.effectiveNoiseFloor()};
            for (int k = 0; k < sets.length; k++) {
                if (values[k] > 0 && Double.isFinite(values[k])) {
                    sets[k].add(i + SERIES_OFFSETS[k], values[k], e.estimator());
                }
            }
        }
    }

    void fillSweep(List<EstimatorResult> swept) {
        List<DoubleDataSet> sets = new ArrayList<>();
        List<String> order = new ArrayList<>();
        for (EstimatorResult e : swept) {
            if (!order.contains(e.estimator())) {
                order.add(e.estimator());
            }
        }
        for (String name : order) {
            DoubleDataSet v = new FxDataSet(name + " variance");
            DoubleDataSet b = new FxDataSet(name + " bias²");
            DoubleDataSet f = new FxDataSet(name + " noise floor");
            v.addStyleClasses("gradients-sweep-variance", "gradients-sweep-" + order.indexOf(name));
            b.addStyleClasses("gradients-sweep-bias", "gradients-sweep-" + order.indexOf(name));
            f.addStyleClasses("gradients-sweep-floor", "gradients-sweep-" + order.indexOf(name));
            for (EstimatorResult e : swept) {
                if (e.estimator().equals(name)) {
                    if (e.variance() > 0) {
                        v.add(e.lambdaPosterior(), e.variance());
                    }
                    if (e.biasSquared() > 0) {
                        b.add(e.lambdaPosterior(), e.biasSquared());
                    }
                    if (e.noiseFloor() > 0) {
                        f.add(e.lambdaPosterior(), e.noiseFloor());
                    }
                }
            }
            sets.add(v);
            sets.add(b);
            sets.add(f);
        }
        sweepSets.setAll(sets);
    }

    List<DoubleDataSet> pointSets() {
        return List.of(variance, bias, floor);
    }

    ObservableList<DoubleDataSet> sweepSets() {
        return sweepSets;
    }
}

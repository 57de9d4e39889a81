package org.concretelab.ui.gradients;

import io.fair_acc.dataset.spi.DoubleDataSet;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.concretelab.gradients.toy.ToyEstimator;

/** One toy estimator's figures: its histogram, its title, where the exact gradient and its expectation lie. */
public final class ToyView {
    private final ToyEstimator estimator;
    final DoubleDataSet histogram;
    final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper();
    final ReadOnlyDoubleWrapper expected = new ReadOnlyDoubleWrapper();
    final ReadOnlyObjectWrapper<double[]> range = new ReadOnlyObjectWrapper<>(new double[] {-1, 1});
    double mean;

    ToyView(ToyEstimator estimator) {
        this.estimator = estimator;
        this.histogram = new FxDataSet(estimator.label(), ToyExplorer.BINS);
    }

    public ToyEstimator estimator() {
        return estimator;
    }

    /** Bin centres and counts of the latest N estimates. */
    public DoubleDataSet histogram() {
        return histogram;
    }

    /** The estimator's name with the estimates' mean, its standard error and their spread. */
    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /** The estimator's exact expectation (the exact gradient itself for the unbiased ones). */
    public ReadOnlyDoubleProperty expectedProperty() {
        return expected.getReadOnlyProperty();
    }

    /** The histogram's x range, the same for every toy estimator: taking in every one's estimates and expectation. */
    public ReadOnlyObjectProperty<double[]> rangeProperty() {
        return range.getReadOnlyProperty();
    }

    /** The latest estimates' mean. */
    public double mean() {
        return mean;
    }
}

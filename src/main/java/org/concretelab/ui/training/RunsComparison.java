package org.concretelab.ui.training;

import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import io.fair_acc.chartfx.ui.geometry.Side;
import io.fair_acc.dataset.DataSet;
import java.util.ArrayList;
import java.util.List;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import org.concretelab.train.TrainingOptions;
import org.concretelab.ui.AppContext;

/**
 * The Training tab's "runs compared" parts wired to its charts: the compare bar above them (whose runs are drawn after the
 * current run's curves on both charts, with their legends beside the plots), the zoom to the current run's steps, and the
 * reconstructions strip that follows the tab's trainer. Kept apart from {@link TrainingPane}, which only places them.
 */
final class RunsComparison {
    private final TrainingViewModel model;
    private final XYChart stepChart;
    private final XYChart epochChart;
    private final CompareRunsViewModel compare;
    private final ReconstructionsViewModel reconstructions;
    private final CompareRunsBar bar;
    private final ReconstructionStrip strip;

    RunsComparison(AppContext context, TrainingViewModel model, TrainingViewModel.Feedback feedback, XYChart stepChart,
                   XYChart epochChart) {
        this.model = model;
        this.stepChart = stepChart;
        this.epochChart = epochChart;
        compare = new CompareRunsViewModel(context.background(), Platform::runLater, TrainingViewModel.RUNS, () -> feedback,
                () -> {
                    TrainingOptions o = model.shownRun();
                    return o == null ? null : RunLabels.label(o.spec());
                }, () -> {
                    TrainingOptions o = model.shownRun();
                    return o == null ? null : o.outputDir();
                });
        compare.overlays().addListener((ListChangeListener<CompareRunsViewModel.Overlay>) c -> showCompared());
        model.charts().stepTitleProperty().addListener((o, a, b) -> compare.refreshKey()); // a run started or loaded
        model.trainerProperty().addListener((o, a, b) -> compare.refreshKey());
        reconstructions = new ReconstructionsViewModel(context.background(), Platform::runLater,
                () -> context.data().join().test());
        reconstructions.trainerProperty().bind(model.trainerProperty());
        bar = new CompareRunsBar(compare);
        strip = new ReconstructionStrip(reconstructions);
    }

    /** The charts draw the current run's curves (solid), then each compared run's (dashed), in the order compared. */
    private void showCompared() {
        List<DataSet> steps = new ArrayList<>(List.of(model.charts().rawSeries().dataSet(), model.charts().smoothSeries().dataSet()));
        List<DataSet> epochs = new ArrayList<>(List.of(model.charts().validationSets()));
        for (CompareRunsViewModel.Overlay o : compare.overlays()) {
            steps.add(o.steps());
            epochs.add(o.validation());
        }
        stepChart.getRenderers().get(0).getDatasets().setAll(steps);
        epochChart.getRenderers().get(0).getDatasets().setAll(epochs);
        // the compared runs' long names: a legend beside the plot costs width, of which there is more than height
        boolean beside = !compare.overlays().isEmpty();
        for (XYChart c : List.of(stepChart, epochChart)) {
            c.getLegend().setSide(beside ? Side.RIGHT : Side.BOTTOM);
            c.getLegend().setVertical(beside);
        }
    }

    /**
     * With "steps of the current run only" on (and runs compared), both charts' step axes span the current run's steps,
     * following it as it trains; otherwise they range over every curve. Called with each flush of the curves.
     */
    void keepZoom() {
        int n = model.charts().plottedSteps();
        boolean zoom = compare.zoomToCurrentProperty().get() && !compare.overlays().isEmpty() && n > 0;
        for (XYChart c : List.of(stepChart, epochChart)) {
            DefaultNumericAxis x = (DefaultNumericAxis) c.getXAxis();
            if (zoom) {
                double from = model.charts().rawSeries().x(0);
                double to = Math.max(from + 1, model.charts().rawSeries().x(n - 1));
                x.setAutoRanging(false);
                if (x.getMin() != from || x.getMax() != to) {
                    x.set(from, to);
                }
            } else if (!x.isAutoRanging()) {
                x.setAutoRanging(true);
            }
        }
    }

    /** The row above the charts: Compare runs…, the zoom, the compared runs' chips and the key. */
    CompareRunsBar bar() {
        return bar;
    }

    /** The reconstructions strip, for under the bound chart. */
    ReconstructionStrip strip() {
        return strip;
    }

    CompareRunsViewModel compare() {
        return compare;
    }

    ReconstructionsViewModel reconstructions() {
        return reconstructions;
    }
}

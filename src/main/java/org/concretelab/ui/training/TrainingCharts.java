package org.concretelab.ui.training;

import io.fair_acc.dataset.spi.DoubleDataSet;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.concretelab.model.ModelSpec;
import org.concretelab.model.estimator.Estimators;
import org.concretelab.model.task.Tasks;
import org.concretelab.train.RunLog;
import org.concretelab.train.TrainingEvent;
import org.concretelab.train.TrainingOptions;

/**
 * The Training tab's two charts as data: the objective of every step (thinned for drawing), the validation scores of
 * every epoch and the charts' titles, which say what the shown run optimises and how it is validated. Fed on the FX
 * thread, from a live run's events or a run's logs; exported as the run log's CSV columns.
 */
final class TrainingCharts {
    /** Points drawn per curve: enough for a crisp line, few enough to redraw in a few ms. */
    private static final int SHOWN_POINTS = 6000;

    /** The estimator's training objective of every step (training.csv's objective column, named after it). */
    private final ThinnedSeries raw = new ThinnedSeries("training objective (minibatch)", SHOWN_POINTS);
    private final ThinnedSeries smooth = new ThinnedSeries("running mean", SHOWN_POINTS);
    private final DoubleDataSet validationRelaxed = new DoubleDataSet("validation relaxed ELBO", 256);
    private final DoubleDataSet validationDiscrete = new DoubleDataSet("validation discrete ELBO", 256);
    private final DoubleDataSet validationLogLikelihood = new DoubleDataSet("validation log p(x) = −NLL", 256);
    private final List<TrainingEvent.Epoch> epochRows = new ArrayList<>();
    private final ReadOnlyStringWrapper validationTitle = new ReadOnlyStringWrapper();
    /** The step chart's title: the objective the shown run's estimator optimises. */
    private final ReadOnlyStringWrapper stepTitle = new ReadOnlyStringWrapper();
    /** That objective's name in the progress line, e.g. "relaxed bound" or "discrete ELBO". */
    private String objective = "objective";
    /** That objective's training.csv column, the curve's column in an export. */
    private String objectiveColumn = RunLog.STEP_COLUMNS.get(RunLog.OBJECTIVE_COLUMN);
    private String validationBase = "";
    /** The shown run's options (null if unknown), for the count of latent units beside the active ones. */
    private final Supplier<TrainingOptions> shownRun;

    TrainingCharts(Supplier<TrainingOptions> shownRun) {
        this.shownRun = shownRun;
    }

    /** Steps {@code x} with their objective {@code y} and its running mean {@code mean}. */
    void addSteps(double[] x, double[] y, double[] mean) {
        raw.add(x, y);
        smooth.add(x, mean);
    }

    /** One validated epoch, live or read back from a run's log. */
    void addEpoch(TrainingEvent.Epoch ep) {
        validationRelaxed.add(ep.step(), ep.validationRelaxedElbo());
        validationDiscrete.add(ep.step(), ep.validationDiscreteElbo());
        validationLogLikelihood.add(ep.step(), -ep.validationNll());
        epochRows.add(ep);
        showActiveUnits(ep);
    }

    /** Plots a run's CSV logs (e.g. those beside a loaded checkpoint) instead of what was shown. */
    void show(RunLog.History logs) {
        clear();
        raw.add(logs.steps(), logs.objective());
        smooth.add(logs.steps(), logs.runningMean());
        logs.epochs().forEach(this::addEpoch);
    }

    /** The last epoch shown, or null. */
    TrainingEvent.Epoch lastEpoch() {
        return epochRows.isEmpty() ? null : epochRows.get(epochRows.size() - 1);
    }

    void clear() {
        raw.clear();
        smooth.clear();
        validationRelaxed.clearData();
        validationDiscrete.clearData();
        validationLogLikelihood.clearData();
        epochRows.clear();
    }

    /** Writes every step (not only the drawn ones) and the epochs' rows in the run log's own columns. */
    void writeCsv(Writer w) throws IOException {
        w.write("step," + objectiveColumn + ",running_mean\n");
        for (int i = 0; i < raw.size(); i++) {
            w.write(String.format(Locale.ROOT, "%.0f,%.4f,%.4f%n", raw.x(i), raw.y(i), smooth.y(i)));
        }
        w.write("\n" + RunLog.EPOCHS_HEADER + "\n");
        for (TrainingEvent.Epoch e : epochRows) {
            w.write(RunLog.epochRow(e));
        }
    }

    /** The validation chart's title says how the run scores its epochs (a loaded run may differ from the form's). */
    void describeValidation(int images, int samples) {
        // two short lines: one line of it all was cut ("…200 of…") by a chart in a 1366 px window
        validationBase = String.format(Locale.ROOT, "Validation per epoch (discrete graph)\n%,d images, k = %d",
                images == 0 ? 10_000 : images, samples);
        validationTitle.set(validationBase);
    }

    /**
     * The step chart's title and the progress line name the objective {@code spec}'s estimator trains (the relaxed
     * bound, VIMCO's discrete bound, NVIL's discrete ELBO…); {@code null}: a run of unknown estimator.
     */
    void describeObjective(ModelSpec spec) {
        objective = spec == null ? "objective" : Estimators.objectiveName(spec);
        objectiveColumn = spec == null ? RunLog.STEP_COLUMNS.get(RunLog.OBJECTIVE_COLUMN) : Estimators.objectiveColumn(spec);
        String name = spec == null ? "training objective" : objective;
        boolean completion = spec != null && Tasks.create(spec.task()).conditionalPrior();
        stepTitle.set(Character.toUpperCase(name.charAt(0)) + name.substring(1) + (completion ? " of log p(bottom | top)" : "")
                + " per step (training minibatches)");
        if (completion && !validationBase.contains("bottom half")) { // its ELBOs and NLL are those of the bottom half
            validationBase = validationBase.replaceFirst("\n", ": bottom half | top\n");
            validationTitle.set(validationBase);
        }
    }

    /** As {@link #describeObjective(ModelSpec)} for logs read without their checkpoint, from their column's name. */
    void describeObjective(String column) {
        describeObjective((ModelSpec) null);
        String name = Estimators.objectiveOfColumn(column);
        if (name != null) {
            objective = name;
            stepTitle.set(Character.toUpperCase(name.charAt(0)) + name.substring(1) + " per step (training minibatches)");
        }
        objectiveColumn = column;
    }

    /** The title with the last epoch's active latent units, so that a collapse is seen where the scores are. */
    private void showActiveUnits(TrainingEvent.Epoch ep) {
        if (Double.isNaN(ep.activeUnits())) {
            return;
        }
        TrainingOptions o = shownRun.get();
        String of = o == null ? "" : " of " + o.spec().latentLayout().units();
        validationTitle.set(String.format(Locale.ROOT, "%s · active latent units: %d%s", validationBase,
                (int) ep.activeUnits(), of));
    }

    /** The objective's name, e.g. "relaxed bound". */
    String objective() {
        return objective;
    }

    ThinnedSeries rawSeries() {
        return raw;
    }

    ThinnedSeries smoothSeries() {
        return smooth;
    }

    DoubleDataSet[] validationSets() {
        return new DoubleDataSet[] {validationRelaxed, validationDiscrete, validationLogLikelihood};
    }

    /** Steps plotted (all kept) and drawn (thinned). */
    int plottedSteps() {
        return raw.size();
    }

    int drawnSteps() {
        return raw.shownSize();
    }

    ReadOnlyStringProperty validationTitleProperty() {
        return validationTitle.getReadOnlyProperty();
    }

    ReadOnlyStringProperty stepTitleProperty() {
        return stepTitle.getReadOnlyProperty();
    }
}

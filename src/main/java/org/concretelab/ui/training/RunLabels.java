package org.concretelab.ui.training;

import java.util.Locale;
import java.util.OptionalDouble;
import org.concretelab.model.ModelSpec;
import org.concretelab.model.PaperResults;
import org.concretelab.model.estimator.Estimators;
import org.concretelab.model.task.DensityEstimation;
import org.concretelab.model.task.Tasks;

/**
 * Short words for a run's configuration, for the charts' legend and the end-of-run sentence: a label such as
 * "200H~784V binary · NVIL · m=1" and where the run stands against the paper's figure for its configuration.
 */
final class RunLabels {
    private RunLabels() {
    }

    /**
     * E.g. "200H~784V binary · NVIL · m=1", "240H~784V 4-ary corners (120 units) · Concrete · m=5": short enough for a
     * legend beside a chart (the rest of a run's options, e.g. EMA centring, is in {@link ModelSpec#describe()}).
     */
    static String label(ModelSpec s) {
        long h = s.latentKind().architectureWidth(s.discreteUnits(), s.classes());
        String layers = Tasks.create(s.task()).architectureLabel(s.architecture(), h);
        String mixed = s.gaussianUnits() > 0 ? " +" + s.gaussianUnits() + " Gaussian" : "";
        String task = DensityEstimation.NAME.equals(s.task()) ? "" : " (" + s.task() + ")";
        return layers + " " + s.latentKind().codeLabel(s.discreteUnits(), s.classes()) + mixed + " · " + estimator(s.estimator())
                + " · m=" + s.samples() + task;
    }

    /** The estimator's short name: the first word of its label ("NVIL", "Concrete", "DisARM"), else its own name. */
    static String estimator(String name) {
        if (!Estimators.known(name)) {
            return name;
        }
        String label = Estimators.create(name).label();
        int space = label.indexOf(' ');
        return space < 0 ? label : label.substring(0, space);
    }

    /**
     * The paper's test NLL for {@code spec} with the k and training behind it, or that the paper has no figure for this
     * configuration; a clause to follow the run's own NLL.
     */
    static String paperFigure(ModelSpec spec) {
        OptionalDouble paper = spec == null ? OptionalDouble.empty() : PaperResults.testNll(spec);
        if (paper.isEmpty()) {
            return "no paper figure: the paper did not train " + (spec == null ? "this configuration" : label(spec));
        }
        return String.format(Locale.ROOT, "the paper's test NLL for %s: %.1f nats (k = %,d, after 10⁷ steps of 64 images)",
                label(spec), paper.getAsDouble(), PaperResults.samples(spec));
    }
}

package org.concretelab.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.concretelab.model.InvalidSettingException;
import org.concretelab.model.ModelSpec;

/**
 * Which settings a resumed run may change: the one rule for {@code train --resume} and the app's Continue.
 * Settings are named by their ModelSpec/TrainingOptions component (as {@link InvalidSettingException#field()}
 * names them); each face maps them to its own option names or labels.
 */
public final class ResumePolicy {
    /**
     * Settings a resumed run keeps from its checkpoint: they define the model, the data order or the noise (the
     * temperature annealing and KL warm-up are schedules of the objective the run optimised), in the order faces
     * list them.
     */
    public static final List<String> FIXED = List.of("task", "architecture", "latentKind", "discreteUnits", "classes",
            "gaussianUnits", "hiddenUnits", "lambdaPosterior", "lambdaPrior", "samples", "estimator", "batchSize", "seed",
            "trainLimit", "binarization", "finalTemperatureFactor", "klWarmupSteps", "centring", "protocol", "dataset");

    /**
     * Settings a resumed run may take anew: its length, the learning rate and its decay (Adam's moments carry over
     * any rate) and the per-epoch validation (it only measures).
     */
    public static final List<String> CHANGEABLE = List.of("epochs", "learningRate", "finalLearningRate", "validationLimit",
            "validationSamples");

    private ResumePolicy() {
    }

    /** Whether {@code setting} stays the checkpoint's; an unknown name is an error (a new setting must be classified here). */
    public static boolean fixed(String setting) {
        if (FIXED.contains(setting)) {
            return true;
        }
        if (CHANGEABLE.contains(setting)) {
            return false;
        }
        throw new IllegalArgumentException("no resume rule for the setting '" + setting + "'");
    }

    /** The settings among {@code changed} a resumed run cannot take, in {@link #FIXED}'s order. */
    public static List<String> refused(Collection<String> changed) {
        changed.forEach(ResumePolicy::fixed); // every name known
        return FIXED.stream().filter(changed::contains).toList();
    }

    /** The settings (of {@link #FIXED} and {@link #CHANGEABLE}) in which {@code a} and {@code b} differ. */
    public static Set<String> differences(TrainingOptions a, TrainingOptions b) {
        List<Object> x = values(a);
        List<Object> y = values(b);
        List<String> names = names();
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < names.size(); i++) {
            if (!Objects.equals(x.get(i), y.get(i))) {
                out.add(names.get(i));
            }
        }
        return out;
    }

    /**
     * The checkpoint's options {@code stored} with the {@code changed} settings taken from {@code requested},
     * writing to {@code dir}; everything else stays the checkpoint's.
     *
     * @throws IllegalArgumentException if a changed setting is fixed
     * @throws InvalidSettingException if the learning rate would rise by its decay (a typo, not a schedule)
     */
    public static TrainingOptions resumed(TrainingOptions stored, TrainingOptions requested, Collection<String> changed, Path dir) {
        List<String> refused = refused(changed);
        if (!refused.isEmpty()) {
            throw new IllegalArgumentException("a resumed run keeps its " + String.join(", ", refused));
        }
        ModelSpec spec = changed.contains("learningRate") ? stored.spec().withLearningRate(requested.spec().learningRate())
                : stored.spec();
        TrainingOptions o = new TrainingOptions(spec, stored.batchSize(),
                changed.contains("epochs") ? requested.epochs() : stored.epochs(), stored.seed(), stored.binarization(),
                stored.trainLimit(),
                changed.contains("validationLimit") ? requested.validationLimit() : stored.validationLimit(),
                changed.contains("validationSamples") ? requested.validationSamples() : stored.validationSamples(), dir,
                changed.contains("finalLearningRate") ? requested.finalLearningRate() : stored.finalLearningRate(),
                stored.finalTemperatureFactor(), stored.klWarmupSteps(), stored.protocol(), stored.dataset());
        if (o.finalLearningRate() > o.spec().learningRate()) {
            boolean rate = changed.contains("learningRate") && !changed.contains("finalLearningRate");
            throw new InvalidSettingException(rate ? "learningRate" : "finalLearningRate", String.format(Locale.ROOT,
                    "the run's learning rate %.3g would rise to %.3g by its decay: give a learning rate above the final one,"
                            + " or a final one below it (0 keeps the rate constant)", o.spec().learningRate(),
                    o.finalLearningRate()));
        }
        return o;
    }

    private static List<String> names() {
        List<String> n = new ArrayList<>(FIXED);
        n.addAll(CHANGEABLE);
        return n;
    }

    /** The values of {@link #names()}, in that order. */
    private static List<Object> values(TrainingOptions o) {
        ModelSpec s = o.spec();
        return java.util.Arrays.asList(s.task(), s.architecture(), s.latentKind(), s.discreteUnits(), s.classes(),
                s.gaussianUnits(), s.hiddenUnits(), s.lambdaPosterior(), s.lambdaPrior(), s.samples(), s.estimator(),
                o.batchSize(), o.seed(), o.trainLimit(), o.binarization(), o.finalTemperatureFactor(), o.klWarmupSteps(),
                s.centring(), o.protocol(), o.dataset(), o.epochs(), s.learningRate(), o.finalLearningRate(), o.validationLimit(), o.validationSamples());
    }
}

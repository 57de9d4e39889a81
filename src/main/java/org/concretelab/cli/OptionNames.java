package org.concretelab.cli;

import java.util.Map;
import org.concretelab.model.InvalidSettingException;

/** Puts the CLI option's name in front of validation messages about a ModelSpec/TrainingOptions field. */
final class OptionNames {
    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("discreteUnits", "--units"), Map.entry("classes", "--classes"),
            Map.entry("gaussianUnits", "--gaussian"), Map.entry("hiddenUnits", "--hidden"),
            Map.entry("lambdaPosterior", "--lambda1"), Map.entry("lambdaPrior", "--lambda2"),
            Map.entry("samples", "-m/--samples"), Map.entry("learningRate", "--lr"),
            Map.entry("estimator", "--estimator"), Map.entry("task", "--task"),
            Map.entry("batchSize", "--batch"), Map.entry("epochs", "--epochs"),
            Map.entry("trainLimit", "--train-limit"), Map.entry("validationLimit", "--val-limit"),
            Map.entry("validationSamples", "--val-samples"), Map.entry("finalLearningRate", "--lr-final"),
            Map.entry("finalTemperatureFactor", "--anneal"), Map.entry("klWarmupSteps", "--kl-warmup"),
            Map.entry("centring", "--ema-centring"), Map.entry("protocol", "--protocol"));

    private OptionNames() {
    }

    /** The option of the field {@code e} concerns, in front of its message: "--lambda1: lambdaPosterior must be ...". */
    static String withOption(IllegalArgumentException e) {
        String message = e.getMessage() == null ? "invalid option value" : e.getMessage();
        String option = e instanceof InvalidSettingException s ? NAMES.get(s.field()) : null;
        return option == null ? message : option + ": " + message;
    }
}

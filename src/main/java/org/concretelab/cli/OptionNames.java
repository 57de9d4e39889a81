package org.concretelab.cli;

import java.util.Map;

/** Puts the CLI option's name in front of validation messages that name a ModelSpec/TrainingOptions field. */
final class OptionNames {
    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("discreteUnits", "--units"), Map.entry("classes", "--classes"),
            Map.entry("gaussianUnits", "--gaussian"), Map.entry("hiddenUnits", "--hidden"),
            Map.entry("lambdaPosterior", "--lambda1"), Map.entry("lambdaPrior", "--lambda2"),
            Map.entry("samples", "-m/--samples"), Map.entry("learningRate", "--lr"),
            Map.entry("batchSize", "--batch"), Map.entry("epochs", "--epochs"),
            Map.entry("trainLimit", "--train-limit"), Map.entry("validationLimit", "--val-limit"),
            Map.entry("validationSamples", "--val-samples"), Map.entry("finalLearningRate", "--lr-final"),
            Map.entry("finalTemperatureFactor", "--anneal"));

    private OptionNames() {
    }

    /** "lambdaPosterior must be positive..." becomes "--lambda1: lambdaPosterior must be positive...". */
    static String withOption(String message) {
        if (message == null) {
            return "invalid option value";
        }
        int space = message.indexOf(' ');
        String first = space < 0 ? message : message.substring(0, space);
        String option = NAMES.get(first);
        return option == null ? message : option + ": " + message;
    }
}

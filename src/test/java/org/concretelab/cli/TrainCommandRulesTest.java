package org.concretelab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.concretelab.data.Binarization;
import org.concretelab.model.Architecture;
import org.concretelab.model.LatentKind;
import org.concretelab.model.ModelSpec;
import org.concretelab.model.task.Completion;
import org.concretelab.model.task.DensityEstimation;
import org.concretelab.train.LatentChoice;
import org.concretelab.train.ModelDefaults;
import org.concretelab.train.ResumePolicy;
import org.concretelab.train.TrainingOptions;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code train} applies the one resume rule ({@link ResumePolicy}) and the one defaults resolver ({@link ModelDefaults});
 * {@code ui.training.ResumeRulesFormTest} holds the app's form to the same two.
 */
class TrainCommandRulesTest {
    private static final ModelSpec SPEC = new ModelSpec(Architecture.NONLINEAR_ONE, LatentKind.BINARY, 16, 2, 0, 32, 2.0 / 3, 0.5,
            1, 1e-3);
    private static final TrainingOptions STORED = new TrainingOptions(SPEC, 20, 3, 7, Binarization.DYNAMIC, 200, 40, 5, null,
            1e-4, 0.5, 10);

    private static TrainCommand parsed(String... args) {
        TrainCommand c = new TrainCommand();
        new CommandLine(c).parseArgs(args);
        return c;
    }

    @Test
    void everyOptionIsASettingWithAResumeRuleOrSteersTheCommand() {
        Set<String> options = new HashSet<>();
        for (OptionSpec o : new CommandLine(new TrainCommand()).getCommandSpec().options()) {
            options.add(o.longestName());
        }
        options.removeAll(TrainCommand.NOT_SETTINGS);
        options.removeAll(List.of("--help", "--version"));
        assertEquals(options, TrainCommand.SETTINGS.keySet());
        TrainCommand.SETTINGS.values().forEach(ResumePolicy::fixed); // each one classified (else it throws)
    }

    @Test
    void aResumeRefusesExactlyThePolicysFixedSettingsAndAppliesTheOthers() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("--epochs", "9");
        values.put("--lr", "5e-4");
        values.put("--lr-final", "2e-5");
        values.put("--val-limit", "7");
        values.put("--val-samples", "3");
        for (String option : TrainCommand.SETTINGS.keySet()) {
            boolean fixed = ResumePolicy.fixed(TrainCommand.SETTINGS.get(option));
            assertEquals(fixed, !TrainCommand.refusedOnResume(List.of(option)).isEmpty(), option);
            assertEquals(fixed, !values.containsKey(option), option + ": a changeable option has a value to try here");
        }
        TrainCommand c = parsed("--resume", "x.ckpt", "--epochs", "9", "--lr", "5e-4", "--lr-final", "2e-5", "--val-limit", "7",
                "--val-samples", "3");
        TrainingOptions r = c.resumedOptions(STORED, Path.of("out"), 9);
        assertEquals(new TrainingOptions(SPEC.withLearningRate(5e-4), 20, 9, 7, Binarization.DYNAMIC, 200, 7, 3, Path.of("out"),
                2e-5, 0.5, 10), r);
        assertEquals(STORED.withOutput(Path.of("out"), 9), parsed("--resume", "x.ckpt").resumedOptions(STORED, Path.of("out"), 9),
                "nothing given: the checkpoint's own");
    }

    @Test
    void theDefaultsOfANewRunAreTheResolvers() {
        for (String task : List.of(DensityEstimation.NAME, Completion.NAME)) {
            for (LatentKind kind : LatentKind.values()) {
                for (int k : kind == LatentKind.BINARY ? new int[] {2} : new int[] {2, 4, 8}) {
                    String latent = kind.name().toLowerCase();
                    TrainCommand c = kind == LatentKind.BINARY ? parsed("--task", task, "--latent", latent)
                            : parsed("--task", task, "--latent", latent, "-K", Integer.toString(k));
                    TrainingOptions o = c.options(null);
                    ModelDefaults d = ModelDefaults.of(task, kind, k);
                    String what = task + " " + latent + " K=" + k;
                    assertEquals(d.architecture(), o.spec().architecture(), what);
                    assertEquals(d.units(), o.spec().discreteUnits(), what);
                    assertEquals(d.hidden(), o.spec().hiddenUnits(), what);
                    assertEquals(d.classes(), o.spec().classes(), what);
                    assertEquals(d.lambdaPosterior(), o.spec().lambdaPosterior(), what);
                    assertEquals(d.lambdaPrior(), o.spec().lambdaPrior(), what);
                    assertEquals(d.klWarmupSteps(), o.klWarmupSteps(), what);
                }
            }
        }
        assertTrue(ModelDefaults.of(Completion.NAME, LatentKind.CATEGORICAL, 4).klWarmupSteps() == 0, "no KL term to warm up");
    }

    @Test
    void everyRegisteredLatentKindIsOfferedByItsName() {
        for (LatentChoice c : LatentChoice.ALL) {
            assertEquals(c.kind(), parsed("--latent", c.name()).options(null).spec().latentKind(), c.name());
            boolean refused;
            try {
                parsed("--latent", c.name(), "-K", "4").options(null);
                refused = false;
            } catch (IllegalArgumentException e) {
                refused = true;
            }
            assertEquals(!c.classesApply(), refused, c.name() + ": -K is a setting of this kind, or refused");
        }
    }
}

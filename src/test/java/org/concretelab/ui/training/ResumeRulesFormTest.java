package org.concretelab.ui.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.concretelab.model.Architecture;
import org.concretelab.model.LatentKind;
import org.concretelab.model.task.Completion;
import org.concretelab.model.task.DensityEstimation;
import org.concretelab.train.LatentChoice;
import org.concretelab.train.ModelDefaults;
import org.concretelab.train.ResumePolicy;
import org.concretelab.train.TrainingOptions;
import org.junit.jupiter.api.Test;

/**
 * The app's form applies the one resume rule ({@link ResumePolicy}) and follows the one defaults resolver
 * ({@link ModelDefaults}), as {@code cli.TrainCommandRulesTest} holds {@code train} to them.
 */
class ResumeRulesFormTest {

    /** One edit of each field of the form, by the setting it sets. */
    private static Map<String, Consumer<TrainingFormViewModel>> edits() {
        Map<String, Consumer<TrainingFormViewModel>> m = new LinkedHashMap<>();
        m.put("task", vm -> vm.taskProperty().set(Completion.NAME));
        m.put("architecture", vm -> vm.architectureProperty().set(Architecture.NONLINEAR_TWO));
        m.put("latentKind", vm -> vm.latentProperty().set(LatentKind.CORNERS));
        m.put("discreteUnits", vm -> vm.unitsProperty().set("50"));
        m.put("classes", vm -> vm.classesProperty().set("8"));
        m.put("gaussianUnits", vm -> vm.gaussianProperty().set("5"));
        m.put("hiddenUnits", vm -> vm.hiddenProperty().set("50"));
        m.put("lambdaPosterior", vm -> vm.lambda1Property().set("0.5"));
        m.put("lambdaPrior", vm -> vm.lambda2Property().set("0.4"));
        m.put("samples", vm -> vm.samplesProperty().set("2"));
        m.put("estimator", vm -> vm.estimatorProperty().set("straight-through"));
        m.put("learningRate", vm -> vm.learningRateProperty().set("0.0005"));
        m.put("batchSize", vm -> vm.batchProperty().set("50"));
        m.put("epochs", vm -> vm.epochsProperty().set("9"));
        m.put(TrainingFormViewModel.SEED, vm -> vm.seedProperty().set("3"));
        m.put("trainLimit", vm -> vm.trainLimitProperty().set("100"));
        m.put("klWarmupSteps", vm -> vm.klWarmupProperty().set("10"));
        m.put("centring", vm -> vm.centringProperty().set(true));
        m.put("protocol", vm -> vm.protocolProperty().set(org.concretelab.train.Protocol.PAPER));
        return m;
    }

    @Test
    void continueRefusesExactlyThePolicysFixedSettingsAndAppliesTheOthers() {
        Map<String, Consumer<TrainingFormViewModel>> edits = edits();
        assertEquals(TrainingFormViewModel.LABELS.keySet(), edits.keySet(), "every field of the form is tried");
        for (Map.Entry<String, Consumer<TrainingFormViewModel>> e : edits.entrySet()) {
            TrainingFormViewModel vm = new TrainingFormViewModel();
            vm.latentProperty().set(LatentKind.CATEGORICAL); // K applies
            TrainingOptions shown = vm.options();
            e.getValue().accept(vm);
            TrainingOptions edited = vm.options();
            assertNotNull(edited, e.getKey() + ": " + vm.problemProperty().get());
            List<String> refused = ResumeEdits.fixedChanges(shown, edited);
            String label = TrainingFormViewModel.LABELS.get(e.getKey());
            if (ResumePolicy.fixed(e.getKey())) {
                assertTrue(refused.contains(label), e.getKey() + " is kept on resume, but Continue took " + refused);
            } else {
                assertEquals(List.of(), refused, e.getKey());
                TrainingOptions r = ResumeEdits.resumed(shown, shown, edited, Path.of("out"));
                assertEquals(Set.of(e.getKey()), ResumePolicy.differences(shown, r), e.getKey() + " is applied, and only it");
            }
        }
    }

    @Test
    void continueRefusesARateItsDecayWouldRaise() {
        TrainingFormViewModel vm = new TrainingFormViewModel();
        TrainingOptions shown = vm.options();
        TrainingOptions stored = new TrainingOptions(shown.spec(), shown.batchSize(), shown.epochs(), shown.seed(),
                shown.binarization(), shown.trainLimit(), shown.validationLimit(), shown.validationSamples(), null, 1e-4, 0,
                shown.klWarmupSteps()); // the loaded run decays its rate to 1e-4
        vm.learningRateProperty().set("0.00005");
        IllegalArgumentException x = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ResumeEdits.resumed(stored, shown, vm.options(), Path.of("out")));
        assertTrue(x.getMessage().contains("would rise"), x.getMessage());
    }

    @Test
    void theFieldsFollowTheResolversDefaults() {
        TrainingFormViewModel vm = new TrainingFormViewModel();
        for (String task : List.of(Completion.NAME, DensityEstimation.NAME)) {
            for (LatentKind kind : List.of(LatentKind.CORNERS, LatentKind.CATEGORICAL, LatentKind.BINARY)) {
                for (int k : new int[] {8, 2, 4}) {
                    vm.taskProperty().set(task);
                    vm.latentProperty().set(kind);
                    vm.classesProperty().set(Integer.toString(k));
                    TrainingOptions o = vm.options();
                    String what = task + " " + kind + " K=" + k;
                    assertNotNull(o, what + ": " + vm.problemProperty().get());
                    ModelDefaults d = ModelDefaults.of(task, kind, k);
                    assertEquals(d.architecture(), o.spec().architecture(), what);
                    assertEquals(d.units(), o.spec().discreteUnits(), what);
                    assertEquals(d.hidden(), o.spec().hiddenUnits(), what);
                    assertEquals(d.lambdaPosterior(), o.spec().lambdaPosterior(), 1e-6, what);
                    assertEquals(d.lambdaPrior(), o.spec().lambdaPrior(), 1e-6, what);
                    assertEquals(d.klWarmupSteps(), o.klWarmupSteps(), what);
                }
            }
        }
    }

    @Test
    void theFormOffersEveryRegisteredLatentKindAsRegistered() {
        TrainingFormViewModel vm = new TrainingFormViewModel();
        for (LatentChoice c : LatentChoice.ALL) {
            vm.latentProperty().set(c.kind());
            assertEquals(c.classesApply(), vm.classesApplyProperty().get(), c.name());
            assertEquals(c.label(), TrainingForm.describe(c.kind()));
        }
    }
}

package org.concretelab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.concretelab.data.Binarization;
import org.concretelab.model.Architecture;
import org.concretelab.model.InvalidSettingException;
import org.concretelab.model.LatentKind;
import org.concretelab.model.ModelSpec;
import org.junit.jupiter.api.Test;

/** The one resume rule: what a resumed run keeps, what it may take anew. */
class ResumePolicyTest {
    private static final ModelSpec SPEC = new ModelSpec(Architecture.NONLINEAR_ONE, LatentKind.BINARY, 16, 2, 0, 32, 2.0 / 3, 0.5,
            1, 1e-3);
    private static final TrainingOptions STORED = new TrainingOptions(SPEC, 20, 3, 7, Binarization.DYNAMIC, 200, 40, 5, null,
            1e-4, 0.5, 10);
    /** Every setting of STORED changed. */
    private static final TrainingOptions OTHER = new TrainingOptions(new ModelSpec(Architecture.NONLINEAR_TWO,
            LatentKind.CATEGORICAL, 8, 4, 3, 16, 1, 0.6, 5, 2e-3, "straight-through", "density", org.concretelab.model.Centring.INFERENCE), 50, 9, 3, Binarization.FIXED, 100, 7, 3,
            null, 5e-5, 0.7, 20, Protocol.PAPER, org.concretelab.data.Datasets.FASHION_MNIST);

    @Test
    void everySettingOfARunIsClassifiedOnce() {
        Set<String> all = new HashSet<>(ResumePolicy.FIXED);
        all.addAll(ResumePolicy.CHANGEABLE);
        assertEquals(ResumePolicy.FIXED.size() + ResumePolicy.CHANGEABLE.size(), all.size(), "no setting in both lists");
        Set<String> components = new HashSet<>();
        Arrays.stream(TrainingOptions.class.getRecordComponents()).forEach(c -> components.add(c.getName()));
        Arrays.stream(ModelSpec.class.getRecordComponents()).forEach(c -> components.add(c.getName()));
        components.removeAll(List.of("spec", "outputDir")); // the model as a whole; where the run writes (each face's own)
        assertEquals(components, all, "a new setting needs a resume rule");
        Set<String> compared = new HashSet<>(all);
        compared.remove("task"); // another task needs another architecture: checked on its own
        assertEquals(compared, ResumePolicy.differences(STORED, OTHER), "each setting is compared");
        assertEquals(Set.of("task"), ResumePolicy.differences(STORED, new TrainingOptions(new ModelSpec(SPEC.architecture(),
                SPEC.latentKind(), 16, 2, 0, 32, 2.0 / 3, 0.5, 1, 1e-3, SPEC.estimator(), "completion"), 20, 3, 7,
                Binarization.DYNAMIC, 200, 40, 5, null, 1e-4, 0.5, 10)).stream().filter(n -> n.equals("task")).collect(
                java.util.stream.Collectors.toSet()));
        assertThrows(IllegalArgumentException.class, () -> ResumePolicy.fixed("nonsense"));
    }

    @Test
    void aResumedRunTakesOnlyTheChangeableSettingsAsked() {
        TrainingOptions r = ResumePolicy.resumed(STORED, OTHER, Set.copyOf(ResumePolicy.CHANGEABLE), Path.of("out"));
        assertEquals(9, r.epochs());
        assertEquals(2e-3, r.spec().learningRate());
        assertEquals(5e-5, r.finalLearningRate());
        assertEquals(7, r.validationLimit());
        assertEquals(3, r.validationSamples());
        assertEquals(Path.of("out"), r.outputDir());
        assertEquals(Set.copyOf(ResumePolicy.CHANGEABLE), ResumePolicy.differences(STORED, r), "the rest is the checkpoint's");

        TrainingOptions kept = ResumePolicy.resumed(STORED, OTHER, Set.of("validationSamples"), null);
        assertEquals(Set.of("validationSamples"), ResumePolicy.differences(STORED, kept), "what was not asked stays");
    }

    @Test
    void aFixedSettingOrARisingDecayIsRefused() {
        assertEquals(List.of("latentKind", "seed"), ResumePolicy.refused(Set.of("seed", "epochs", "latentKind")));
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class,
                () -> ResumePolicy.resumed(STORED, OTHER, Set.of("seed"), null));
        assertTrue(x.getMessage().contains("keeps its seed"), x.getMessage());
        // a rate of 5e-5 below the run's final 1e-4: its "decay" would raise it
        TrainingOptions slow = new TrainingOptions(SPEC.withLearningRate(5e-5), 20, 3, 7, Binarization.DYNAMIC, 200, 40, 5, null, 0);
        InvalidSettingException rising = assertThrows(InvalidSettingException.class,
                () -> ResumePolicy.resumed(STORED, slow, Set.of("learningRate"), null));
        assertEquals("learningRate", rising.field());
        assertTrue(rising.getMessage().contains("would rise"), rising.getMessage());
    }
}

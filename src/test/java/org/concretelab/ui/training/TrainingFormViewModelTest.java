package org.concretelab.ui.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.concretelab.data.MnistSplits;
import org.concretelab.model.Architecture;
import org.concretelab.model.LatentKind;
import org.concretelab.model.ModelSpec;
import org.concretelab.model.PaperDefaults;
import org.concretelab.model.estimator.StraightThrough;
import org.concretelab.train.TrainingOptions;
import org.junit.jupiter.api.Test;

/** The form's state and validation, without a stage. */
class TrainingFormViewModelTest {
    private final TrainingFormViewModel vm = new TrainingFormViewModel();

    @Test
    void startsValidWithThePapersDefaults() {
        TrainingOptions o = vm.options();
        assertNotNull(o, vm.problemProperty().get());
        ModelSpec s = o.spec();
        assertEquals(PaperDefaults.UNITS, s.discreteUnits());
        assertEquals(PaperDefaults.HIDDEN, s.hiddenUnits());
        assertEquals(PaperDefaults.lambdaPosterior(LatentKind.BINARY), s.lambdaPosterior(), 1e-6);
        assertEquals(PaperDefaults.lambdaPrior(LatentKind.BINARY), s.lambdaPrior(), 1e-6);
        assertEquals(PaperDefaults.ESTIMATOR, s.estimator());
        assertEquals(PaperDefaults.BATCH, o.batchSize());
        assertEquals(0, o.trainLimit(), "empty means all");
        assertEquals(PaperDefaults.VALIDATION_IMAGES, o.validationLimit());
        assertEquals(PaperDefaults.VALIDATION_SAMPLES, o.validationSamples());
        assertTrue(vm.messageProperty().get().startsWith("Ready: "));
        assertEquals("", vm.invalidFieldProperty().get());
    }

    @Test
    void theCompletionTaskTakesThePapersStructuredPredictionModelAndNoKlWarmup() {
        vm.taskProperty().set("completion");
        TrainingOptions o = vm.options();
        assertNotNull(o, vm.problemProperty().get());
        assertEquals("392V~240H~240H~392V binary m=1 (completion)", o.spec().describe());
        assertEquals(240, o.spec().hiddenUnits());
        assertEquals(0, o.klWarmupSteps());
        assertFalse(vm.klWarmupAppliesProperty().get());
        vm.klWarmupProperty().set("100");
        assertEquals("klWarmupSteps", vm.invalidFieldProperty().get());
        vm.klWarmupProperty().set("0");
        vm.gaussianProperty().set("5");
        assertEquals("gaussianUnits", vm.invalidFieldProperty().get());
        vm.gaussianProperty().set("0");
        vm.unitsProperty().set("100"); // edited: stays when the task changes back
        vm.taskProperty().set("density");
        assertEquals("100H~784V binary m=1", vm.options().spec().describe(), "the architecture and width follow the task");
        assertEquals(100, vm.options().spec().hiddenUnits(), "as wide as the 100 units, as train --units 100 is");
        // remembered between launches
        vm.taskProperty().set("completion");
        TrainingFormViewModel again = new TrainingFormViewModel();
        again.restore(vm.values());
        assertEquals(vm.options().spec(), again.options().spec());
    }

    @Test
    void classesApplyOnlyToCategoricalLatentsAndHiddenOnlyToNonlinearModels() {
        assertFalse(vm.classesApplyProperty().get());
        vm.classesProperty().set("junk"); // ignored while it does not apply
        assertNotNull(vm.options());
        assertEquals(2, vm.options().spec().classes());
        vm.latentProperty().set(LatentKind.CATEGORICAL);
        assertTrue(vm.classesApplyProperty().get());
        assertNull(vm.options());
        assertEquals("classes", vm.invalidFieldProperty().get());
        vm.classesProperty().set("10");
        assertEquals(10, vm.options().spec().classes());

        assertTrue(vm.hiddenAppliesProperty().get());
        vm.hiddenProperty().set("300");
        assertEquals(300, vm.options().spec().hiddenUnits());
        vm.hiddenProperty().set("0");
        assertEquals("hiddenUnits", vm.invalidFieldProperty().get());
        assertTrue(vm.problemProperty().get().startsWith("Hidden units must be at least 1"), vm.problemProperty().get());
        vm.architectureProperty().set(Architecture.LINEAR_ONE);
        assertFalse(vm.hiddenAppliesProperty().get());
        assertNotNull(vm.options(), "a linear model has no tanh layers to check");
    }

    @Test
    void temperaturesFollowTheLatentKindUnlessEdited() {
        vm.latentProperty().set(LatentKind.CATEGORICAL);
        assertEquals(PaperDefaults.lambdaPosterior(LatentKind.CATEGORICAL), vm.options().spec().lambdaPosterior(), 1e-6);
        assertEquals(PaperDefaults.lambdaPrior(LatentKind.CATEGORICAL), vm.options().spec().lambdaPrior(), 1e-6);
        vm.lambda2Property().set("0.3");
        vm.latentProperty().set(LatentKind.BINARY);
        assertEquals(PaperDefaults.lambdaPosterior(LatentKind.BINARY), vm.options().spec().lambdaPosterior(), 1e-6);
        assertEquals("0.3", vm.lambda2Property().get(), "the user's λ2 stays");
    }

    @Test
    void theKlWarmUpFollowsTheLatentKindUnlessEditedAndIsValidated() {
        assertEquals(0, vm.options().klWarmupSteps(), "binary latents: the paper's protocol, no warm-up");
        vm.latentProperty().set(LatentKind.CATEGORICAL);
        assertEquals(PaperDefaults.CATEGORICAL_KL_WARMUP, vm.options().klWarmupSteps());
        vm.latentProperty().set(LatentKind.CORNERS);
        assertEquals(PaperDefaults.CATEGORICAL_KL_WARMUP, vm.options().klWarmupSteps());
        vm.klWarmupProperty().set("400");
        vm.latentProperty().set(LatentKind.BINARY);
        assertEquals(400, vm.options().klWarmupSteps(), "the user's warm-up stays");
        vm.klWarmupProperty().set("-5");
        assertNull(vm.options());
        assertTrue(vm.problemProperty().get().startsWith("KL warm-up"), vm.problemProperty().get());
    }

    @Test
    void problemsNameTheirFieldInTheFormsWords() {
        vm.lambda1Property().set("-1");
        assertNull(vm.options());
        assertEquals("lambdaPosterior", vm.invalidFieldProperty().get());
        assertTrue(vm.problemProperty().get().startsWith("λ1 must be positive"), vm.problemProperty().get());
        vm.lambda1Property().set("1");
        vm.seedProperty().set("one");
        assertEquals(TrainingFormViewModel.SEED, vm.invalidFieldProperty().get());
        vm.seedProperty().set("7");
        vm.trainLimitProperty().set("60000");
        assertEquals("trainLimit", vm.invalidFieldProperty().get());
        assertTrue(vm.problemProperty().get().startsWith("Train images must be at most 50,000"), vm.problemProperty().get());
        vm.trainLimitProperty().set("0");
        assertEquals(0, vm.options().trainLimit(), "0 means all, too");
        vm.trainLimitProperty().set("300");
        vm.batchProperty().set("400");
        assertEquals("batchSize", vm.invalidFieldProperty().get());
        assertTrue(vm.problemProperty().get().startsWith("Batch size (400) must not exceed the 300"), vm.problemProperty().get());
    }

    @Test
    void theEstimatorIsAChoiceOfTheRegisteredOnes() {
        vm.estimatorProperty().set(StraightThrough.NAME);
        assertEquals(StraightThrough.NAME, vm.options().spec().estimator());
        vm.estimatorProperty().set("nvil");
        assertEquals("nvil", vm.options().spec().estimator());
    }

    /** NVIL is a single-sample estimator: m > 1 marks Samples m and says what to use instead. */
    @Test
    void nvilWithSeveralSamplesIsAFormErrorOnSamples() {
        vm.estimatorProperty().set("nvil");
        vm.samplesProperty().set("5");
        assertNull(vm.options());
        assertEquals("samples", vm.invalidFieldProperty().get());
        String problem = vm.problemProperty().get();
        assertTrue(problem.startsWith("Samples m must be 1 for the nvil estimator, was 5; use vimco for m > 1"), problem);
        vm.estimatorProperty().set("vimco");
        assertEquals(5, vm.options().spec().samples());
        vm.samplesProperty().set("1");
        assertEquals("samples", vm.invalidFieldProperty().get(), "VIMCO needs m ≥ 2");
        assertTrue(vm.problemProperty().get().startsWith("Samples m must be at least 2"), vm.problemProperty().get());
    }

    @Test
    void aContinuedRunMustGoBeyondTheEpochsTrained() {
        vm.trainedEpochsProperty().set(5);
        vm.epochsProperty().set("5");
        assertEquals("epochs", vm.invalidFieldProperty().get());
        assertTrue(vm.problemProperty().get().startsWith("Epochs must be more than the 5"), vm.problemProperty().get());
    }

    @Test
    void showFillsTheFieldsFromOptions() {
        ModelSpec spec = new ModelSpec(Architecture.LINEAR_TWO, LatentKind.CATEGORICAL, 40, 8, 3, 50, 0.9, 0.4, 5, 3e-4,
                StraightThrough.NAME);
        TrainingOptions o = new TrainingOptions(spec, 20, 7, 9L, org.concretelab.data.Binarization.DYNAMIC, MnistSplits.TRAIN,
                1000, 100, null, 0);
        vm.show(o);
        assertEquals(spec, vm.options().spec(), vm.problemProperty().get());
        assertEquals("", vm.trainLimitProperty().get(), "all of the split is shown as all");
        assertEquals(9L, vm.options().seed());
    }

    @Test
    void valuesRoundTripAndJunkIsSkipped() {
        vm.latentProperty().set(LatentKind.CATEGORICAL);
        vm.classesProperty().set("10");
        vm.hiddenProperty().set("120");
        vm.estimatorProperty().set(StraightThrough.NAME);
        Map<String, String> stored = vm.values();
        TrainingFormViewModel next = new TrainingFormViewModel();
        next.restore(stored);
        assertEquals(vm.options(), next.options());

        Map<String, String> junk = new HashMap<>(stored);
        junk.put("architecture", "NONLINEAR_SEVEN");
        junk.put("latentKind", "");
        junk.put("estimator", "reinforce");
        junk.put("discreteUnits", "x".repeat(500));
        TrainingFormViewModel other = new TrainingFormViewModel();
        other.restore(junk);
        assertEquals(Architecture.NONLINEAR_ONE, other.architectureProperty().get());
        assertEquals(LatentKind.BINARY, other.latentProperty().get());
        assertEquals(PaperDefaults.ESTIMATOR, other.estimatorProperty().get());
        assertEquals(Integer.toString(PaperDefaults.UNITS), other.unitsProperty().get());
    }

    @Test
    void cornerLatentsTakeAPowerOfTwoKAndThePapersTemperaturesForIt() {
        vm.latentProperty().set(LatentKind.CORNERS);
        assertTrue(vm.classesApplyProperty().get());
        ModelSpec four = vm.options().spec();
        assertEquals(LatentKind.CORNERS, four.latentKind());
        assertEquals(4, four.classes());
        assertEquals(1.0, four.lambdaPosterior(), 1e-6);
        assertEquals(2.0 / 3, four.lambdaPrior(), 1e-6);
        assertEquals("Ready: 400H~784V 4-ary corners (200 units) m=1.", vm.messageProperty().get());
        vm.classesProperty().set("");
        vm.classesProperty().set("8");
        assertEquals(2.0 / 3, vm.options().spec().lambdaPosterior(), 1e-6, "λ1 follows K");
        assertEquals(0.4, vm.options().spec().lambdaPrior(), 1e-6, "λ2 follows K");
        vm.classesProperty().set("6");
        assertNull(vm.options());
        assertEquals("classes", vm.invalidFieldProperty().get());
        assertTrue(vm.problemProperty().get().startsWith("Classes K must be a power of two for corner latents"),
                vm.problemProperty().get());
        assertTrue(vm.problemProperty().get().contains("(2, 4, 8, …), was 6"), vm.problemProperty().get());
        vm.classesProperty().set("8");
        vm.lambda2Property().set("0.3");
        vm.classesProperty().set("2");
        assertEquals(2.0 / 3, vm.options().spec().lambdaPosterior(), 1e-6);
        assertEquals(0.3, vm.options().spec().lambdaPrior(), 1e-6, "the user's λ2 stays");
        vm.classesProperty().set("4");
        assertEquals(1.0, vm.options().spec().lambdaPosterior(), 1e-6);
        vm.latentProperty().set(LatentKind.CATEGORICAL);
        assertEquals(PaperDefaults.lambdaPosterior(LatentKind.CATEGORICAL, 4), vm.options().spec().lambdaPosterior(), 1e-6);
        vm.classesProperty().set("6");
        assertEquals(6, vm.options().spec().classes(), "one-hot codes take any K");
        vm.latentProperty().set(LatentKind.BINARY);
        assertEquals(PaperDefaults.lambdaPosterior(LatentKind.BINARY, 2), vm.options().spec().lambdaPosterior(), 1e-6);
        assertEquals(0.3, vm.options().spec().lambdaPrior(), 1e-6);
    }

    @Test
    void aCornerRunIsShownAndRemembered() {
        ModelSpec spec = new ModelSpec(Architecture.NONLINEAR_TWO, LatentKind.CORNERS, 80, 8, 0, 200, 0.6, 0.4, 1, 1e-3);
        TrainingOptions o = new TrainingOptions(spec, 100, 7, 9L, org.concretelab.data.Binarization.DYNAMIC, 0,
                1000, 100, null, 0);
        vm.show(o);
        assertEquals(spec, vm.options().spec(), vm.problemProperty().get());
        assertEquals("8", vm.classesProperty().get());
        TrainingFormViewModel next = new TrainingFormViewModel();
        next.restore(vm.values());
        assertEquals(LatentKind.CORNERS, next.latentProperty().get());
        assertEquals(vm.options(), next.options());
    }

    /** A model of builds before 2026-12-07 12:50 UTC shown in the form keeps its own centring until the box is switched off. */
    @Test
    void aLoadedModelKeepsTheCentringItWasTrainedWith() {
        org.concretelab.model.ModelSpec old = org.concretelab.model.ModelSpec.defaults()
                .withCentring(org.concretelab.model.Centring.EVERY_READER);
        vm.show(new TrainingOptions(old, 100, 5, 1, org.concretelab.data.Binarization.DYNAMIC, 0, 0, 1, null, 0, 0, 0,
                org.concretelab.train.Protocol.PROJECT));
        assertEquals(org.concretelab.model.Centring.EVERY_READER, vm.options().spec().centring(), "continued as trained");
        assertEquals(org.concretelab.model.Centring.INFERENCE, vm.forNewModel().spec().centring(), "a new model: the paper's");
        vm.show(new TrainingOptions(old, 100, 5, 1, org.concretelab.data.Binarization.DYNAMIC, 0, 0, 1, null, 0, 0, 0,
                org.concretelab.train.Protocol.PROJECT));
        assertEquals(org.concretelab.model.Centring.EVERY_READER, vm.options().spec().centring(), "shown again: its own");
        vm.show(new TrainingOptions(old.withCentring(true), 100, 5, 1, org.concretelab.data.Binarization.DYNAMIC, 0, 0, 1,
                null, 0, 0, 0, org.concretelab.train.Protocol.PROJECT));
        assertEquals(org.concretelab.model.Centring.INFERENCE, vm.options().spec().centring(), "the same fields, the paper's centring");
        vm.show(new TrainingOptions(old, 100, 5, 1, org.concretelab.data.Binarization.DYNAMIC, 0, 0, 1, null, 0, 0, 0,
                org.concretelab.train.Protocol.PROJECT));
        vm.centringProperty().set(false);
        vm.centringProperty().set(true);
        assertEquals(org.concretelab.model.Centring.INFERENCE, vm.options().spec().centring(), "switched on anew: the paper's");
    }

    @Test
    void theProtocolSetsTheRateBatchAndCentringUntilTheyAreEdited() {
        assertEquals(org.concretelab.train.Protocol.PROJECT, vm.options().protocol());
        assertFalse(vm.options().spec().centring().on());
        vm.protocolProperty().set(org.concretelab.train.Protocol.PAPER);
        TrainingOptions o = vm.options();
        assertNotNull(o, vm.problemProperty().get());
        assertEquals(org.concretelab.train.Protocol.PAPER, o.protocol());
        assertEquals(1e-4, o.spec().learningRate(), 1e-12, "non-linear density: 1e-4");
        assertEquals(64, o.batchSize());
        assertTrue(o.spec().centring().on());
        vm.architectureProperty().set(org.concretelab.model.Architecture.LINEAR_TWO);
        assertEquals(3e-4, vm.options().spec().learningRate(), 1e-12, "linear: 3e-4");
        vm.taskProperty().set("completion");
        assertNotNull(vm.options(), vm.problemProperty().get());
        assertFalse(vm.options().spec().centring().on(), "completion has no inference network to centre");
        assertEquals(3e-4, vm.options().spec().learningRate(), 1e-12);
        vm.taskProperty().set("density");
        vm.architectureProperty().set(org.concretelab.model.Architecture.NONLINEAR_ONE);
        assertTrue(vm.options().spec().centring().on());
        vm.learningRateProperty().set("0.002"); // edited: the protocol no longer moves it
        vm.protocolProperty().set(org.concretelab.train.Protocol.PROJECT);
        assertEquals(0.002, vm.options().spec().learningRate(), 1e-12);
        assertEquals(100, vm.options().batchSize());
        assertFalse(vm.options().spec().centring().on());
        vm.centringProperty().set(true);
        vm.taskProperty().set("completion");
        vm.centringProperty().set(true);
        assertEquals("centring", vm.invalidFieldProperty().get(), "centring a completion model is refused, naming the field");
    }

    @Test
    void theHiddenWidthFollowsTheStochasticLayersWidthAsTheCommandLines() {
        vm.unitsProperty().set("240");
        assertEquals(240, vm.options().spec().hiddenUnits(), "240H~784V binary: 240 wide");
        vm.unitsProperty().set("200");
        assertEquals(200, vm.options().spec().hiddenUnits());
        vm.latentProperty().set(LatentKind.CORNERS);
        vm.classesProperty().set("4");
        vm.unitsProperty().set("120");
        assertEquals(240, vm.options().spec().hiddenUnits(), "120 4-ary units: 240H");
        vm.hiddenProperty().set("300"); // edited: stays
        vm.unitsProperty().set("80");
        assertEquals(300, vm.options().spec().hiddenUnits());
    }

    @Test
    void theDemoPresetIsTheDefaultModelOnATenthOfTheEpochsAndImagesUntilAFieldChanges() {
        vm.latentProperty().set(LatentKind.CATEGORICAL);
        vm.samplesProperty().set("5");
        vm.trainLimitProperty().set("500");
        assertFalse(vm.demoProperty().get());
        vm.showDemo();
        TrainingOptions o = vm.options();
        assertNotNull(o, vm.problemProperty().get());
        assertEquals(new TrainingFormViewModel().options().spec(), o.spec(), "the default model, whatever the form held");
        assertEquals(DemoRun.EPOCHS, o.epochs());
        assertEquals(DemoRun.TRAIN_IMAGES, o.trainLimit());
        assertEquals(PaperDefaults.BATCH, o.batchSize());
        assertEquals(PaperDefaults.VALIDATION_IMAGES, o.validationLimit());
        assertTrue(vm.demoProperty().get());
        vm.seedProperty().set("2");
        assertFalse(vm.demoProperty().get(), "another seed is another run");
        vm.seedProperty().set("x");
        assertFalse(vm.demoProperty().get(), "an invalid form is no preset");
        vm.seedProperty().set("1");
        assertTrue(vm.demoProperty().get());
    }
}

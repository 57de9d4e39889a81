package org.concretelab;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The layers, kept by a test as JabRef does: only the UI touches JavaFX; the math never sees the UI. */
@AnalyzeClasses(packages = "org.concretelab", importOptions = ImportOption.DoNotIncludeTests.class)
class LayerRulesTest {

    @ArchTest
    static final ArchRule onlyTheUiUsesJavaFx = noClasses()
            .that().resideOutsideOfPackage("org.concretelab.ui..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..", "io.fair_acc..")
            .because("the math, model, trainer and CLI must run headless and be testable without a display");

    @ArchTest
    static final ArchRule nothingBelowTheUiDependsOnIt = noClasses()
            .that().resideInAnyPackage("org.concretelab.distribution..", "org.concretelab.model..", "org.concretelab.explore..",
                    "org.concretelab.gradients..", "org.concretelab.train..", "org.concretelab.data..", "org.concretelab.cli..",
                    "org.concretelab.platform..", "org.concretelab.reference..")
            .should().dependOnClassesThat().resideInAPackage("org.concretelab.ui..")
            .because("the UI sits on top of the other layers, never beneath them");

    @ArchTest
    static final ArchRule distributionsStandAlone = noClasses()
            .that().resideInAPackage("org.concretelab.distribution..")
            .should().dependOnClassesThat().resideInAnyPackage("org.concretelab.model..",
                    "org.concretelab.train..", "org.concretelab.cli..", "org.concretelab.data..")
            .because("the distribution family is the math core everything else builds on");

    @ArchTest
    static final ArchRule theModelDependsOnNothingAboveIt = noClasses()
            .that().resideInAnyPackage("org.concretelab.model..")
            .should().dependOnClassesThat().resideInAnyPackage("org.concretelab.train..", "org.concretelab.metrics..",
                    "org.concretelab.cli..", "org.concretelab.data..", "org.concretelab.platform..")
            .because("the model is the core the trainer, metrics, CLI and app use; it reads images as plain float rows");

    @ArchTest
    static final ArchRule metricsSeeOnlyTheModel = noClasses()
            .that().resideInAnyPackage("org.concretelab.metrics..")
            .should().dependOnClassesThat().resideInAnyPackage("org.concretelab.train..", "org.concretelab.cli..",
                    "org.concretelab.data..")
            .because("a metric scores a model; the trainer and eval both use it");

    @ArchTest
    static final ArchRule dataStandsAlone = noClasses()
            .that().resideInAnyPackage("org.concretelab.data..")
            .should().dependOnClassesThat().resideInAnyPackage("org.concretelab.model..", "org.concretelab.train..",
                    "org.concretelab.metrics..", "org.concretelab.cli..")
            .because("MNIST loading knows nothing of models or training");

    @ArchTest
    static final ArchRule theTrainerKnowsNoFrontEnd = noClasses()
            .that().resideInAnyPackage("org.concretelab.train..")
            .should().dependOnClassesThat().resideInAnyPackage("org.concretelab.cli..")
            .because("the CLI and the app drive the trainer through its public API, never the other way round");

    @ArchTest
    static final ArchRule cliAndAppAreSeparate = noClasses()
            .that().resideInAnyPackage("org.concretelab.cli..")
            .should().dependOnClassesThat().resideInAnyPackage("org.concretelab.ui..")
            .because("the command line runs without a display; the app reuses the layers below, not the CLI");

    @ArchTest
    static final ArchRule exploringSeesOnlyTheModel = noClasses()
            .that().resideInAnyPackage("org.concretelab.explore..")
            .should().dependOnClassesThat().resideInAnyPackage("org.concretelab.train..", "org.concretelab.cli..",
                    "org.concretelab.ui..", "org.concretelab.data..", "org.concretelab.metrics..",
                    "org.concretelab.platform..")
            .because("flipping, sensitivity and interpolation are computations over a VaeModel; views show them");

    @ArchTest
    static final ArchRule onlyTheAppExplores = noClasses()
            .that().resideInAnyPackage("org.concretelab.distribution..", "org.concretelab.model..",
                    "org.concretelab.train..", "org.concretelab.data..", "org.concretelab.metrics..")
            .should().dependOnClassesThat().resideInAPackage("org.concretelab.explore..")
            .because("the explore computations sit above the model, beside the trainer");

    @ArchTest
    static final ArchRule gradientStudiesSeeOnlyTheModelAndTheMath = noClasses()
            .that().resideInAnyPackage("org.concretelab.gradients..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..", "io.fair_acc..",
                    "org.concretelab.ui..", "org.concretelab.train..", "org.concretelab.cli..", "org.concretelab.data..",
                    "org.concretelab.metrics..", "org.concretelab.platform..", "org.concretelab.explore..")
            .because("the gradient comparison and the toy problem are computations over a VaeModel and the distributions:"
                    + " the Gradients tab and the gradients command show them, headless tests check them");

    @ArchTest
    static final ArchRule onlyFrontEndsStudyGradients = noClasses()
            .that().resideInAnyPackage("org.concretelab.distribution..", "org.concretelab.model..",
                    "org.concretelab.train..", "org.concretelab.data..", "org.concretelab.metrics..",
                    "org.concretelab.explore..")
            .should().dependOnClassesThat().resideInAPackage("org.concretelab.gradients..")
            .because("gradient studies sit above the model, beside the trainer and the explore computations");

    @ArchTest
    static final ArchRule viewModelsKnowNoControls = noClasses()
            .that().haveSimpleNameEndingWith("ViewModel")
            .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "org.controlsfx..", "io.fair_acc.chartfx..")
            .because("a view model holds observable state and commands (chart-fx data sets are observable data, like an "
                    + "ObservableList); its view builds the controls and charts and binds to it");

    @ArchTest
    static final ArchRule nothingReliesOnTheReference = noClasses()
            .that().resideInAnyPackage("org.concretelab.model..", "org.concretelab.metrics..", "org.concretelab.distribution..",
                    "org.concretelab.train..", "org.concretelab.data..", "org.concretelab.explore..", "org.concretelab.ui..",
                    "org.concretelab.platform..")
            .should().dependOnClassesThat().resideInAPackage("org.concretelab.reference..")
            .because("the DL4J reference row is a comparison point beside the project's models: their code, scores and "
                    + "trainer never rely on it, and only the CLI runs it");

    @ArchTest
    static final ArchRule theReferenceReadsDataOnly = noClasses()
            .that().resideInAPackage("org.concretelab.reference..")
            .should().dependOnClassesThat().resideInAnyPackage("org.concretelab.model..", "org.concretelab.metrics..",
                    "org.concretelab.explore..", "org.concretelab.cli..", "org.concretelab.ui..")
            .because("the reference is DL4J's model on the project's data protocol (splits, binarization, the evaluation "
                    + "seed), not a variant of the project's own model or scores");

    @ArchTest
    static final ArchRule onlyTheReferenceUsesDl4jNetworks = noClasses()
            .that().resideOutsideOfPackage("org.concretelab.reference..")
            .should().dependOnClassesThat().resideInAPackage("org.deeplearning4j..")
            .because("the project's own models are hand-written on ND4J; DeepLearning4J's layers serve the reference row only");

    @ArchTest
    static final ArchRule modelInternalsStayInside = noClasses()
            .that().resideOutsideOfPackage("org.concretelab.model..")
            .should().dependOnClassesThat().resideInAnyPackage("org.concretelab.model.latent..", "org.concretelab.model.nn..",
                    "org.concretelab.model.optim..")
            .because("latent families, layers and the optimiser are the model's internals: others use VaeModel");

    @ArchTest
    static final ArchRule sweepsRunJobsWithoutTheFrontEnds = noClasses()
            .that().resideInAPackage("org.concretelab.sweep..")
            .should().dependOnClassesThat().resideInAnyPackage("org.concretelab.cli..", "org.concretelab.ui..", "javafx..",
                    "org.concretelab.gradients..", "org.concretelab.explore..")
            .because("a sweep's jobs run train in child JVMs and score with the trainer's Evaluation: an engine on a "
                    + "cluster executor must not need the command line's or the app's classes");

    @ArchTest
    static final ArchRule sparkStaysOutOfTheApp = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.spark..", "scala..")
            .because("Apache Spark is the Spark build's (spark/, concrete-explorer-spark.jar), found through "
                    + "SweepEngineProvider: the app's class path and download stay without it");

    @ArchTest
    static final ArchRule onlyFrontEndsRunSweeps = noClasses()
            .that().resideInAnyPackage("org.concretelab.distribution..", "org.concretelab.model..", "org.concretelab.train..",
                    "org.concretelab.data..", "org.concretelab.metrics..", "org.concretelab.gradients..")
            .should().dependOnClassesThat().resideInAPackage("org.concretelab.sweep..")
            .because("a sweep sits above training, as a front end's work");

    /** The model's packages as slices: the model's own package is one (its classes sit at the root), each subpackage one. */
    static final SliceAssignment MODEL_PACKAGES = new SliceAssignment() {
        private static final String ROOT = "org.concretelab.model";

        @Override
        public SliceIdentifier getIdentifierOf(JavaClass c) {
            String p = c.getPackageName();
            if (p.equals(ROOT)) {
                return SliceIdentifier.of("model");
            }
            if (p.startsWith(ROOT + ".")) {
                String rest = p.substring(ROOT.length() + 1);
                int dot = rest.indexOf('.');
                return SliceIdentifier.of("model." + (dot < 0 ? rest : rest.substring(0, dot)));
            }
            return SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
            return "org.concretelab.model and each of its subpackages";
        }
    };

    @ArchTest
    static final ArchRule theModelsPackagesAreFreeOfCycles = slices().assignedFrom(MODEL_PACKAGES).should().beFreeOfCycles()
            .because("the model's parts build on each other in one direction (nn, vector, task, latent, estimator below the "
                    + "model's own package), so a new package starts constrained and a part can be read without the whole");

    @ArchTest
    static final ArchRule theTopLevelPackagesAreFreeOfCycles = slices().matching("org.concretelab.(*)..").should()
            .beFreeOfCycles()
            .because("the layers above depend on those below, never back");
}

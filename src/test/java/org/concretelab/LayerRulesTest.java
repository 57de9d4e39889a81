package org.concretelab;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

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
            .that().resideInAnyPackage("org.concretelab.distribution..", "org.concretelab.model..",
                    "org.concretelab.train..", "org.concretelab.data..", "org.concretelab.cli..",
                    "org.concretelab.platform..")
            .should().dependOnClassesThat().resideInAPackage("org.concretelab.ui..")
            .because("the UI sits on top of the other layers, never beneath them");

    @ArchTest
    static final ArchRule distributionsStandAlone = noClasses()
            .that().resideInAPackage("org.concretelab.distribution..")
            .should().dependOnClassesThat().resideInAnyPackage("org.concretelab.model..",
                    "org.concretelab.train..", "org.concretelab.cli..", "org.concretelab.data..")
            .because("the distribution family is the math core everything else builds on");
}

package org.concretelab.spark;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The Spark build's layer: Spark stays in org.concretelab.spark, which drives the sweep and never the app. */
@AnalyzeClasses(packages = "org.concretelab", importOptions = ImportOption.DoNotIncludeTests.class)
class SparkLayerRulesTest {
    @ArchTest
    static final ArchRule onlyTheSparkPackageUsesSpark = noClasses()
            .that().resideOutsideOfPackage("org.concretelab.spark..")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.spark..", "scala..")
            .because("the program runs without Spark (the app's jar has none); this package plugs it in as a SweepEngine");

    @ArchTest
    static final ArchRule sparkDrivesSweepsNotTheApp = noClasses()
            .that().resideInAPackage("org.concretelab.spark..")
            .should().dependOnClassesThat().resideInAnyPackage("org.concretelab.ui..", "javafx..",
                    "org.concretelab.model..", "org.concretelab.train..", "org.concretelab.gradients..",
                    "org.concretelab.explore..", "org.concretelab.reference..")
            .because("an engine hands jobs to JobRunner (sweep) and nothing else: what a job does stays the sweep's");
}

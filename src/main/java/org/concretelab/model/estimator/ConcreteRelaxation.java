package org.concretelab.model.estimator;

/** The paper's estimator: reparameterised Concrete samples, the relaxed m-sample bound differentiated pathwise. */
public final class ConcreteRelaxation implements GradientEstimator {
    public static final String NAME = "concrete";

    @Override
    public String label() {
        return "Concrete relaxation";
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String objectiveName() {
        return "relaxed bound";
    }

    @Override
    public String objectiveColumn() {
        return "relaxed_elbo";
    }

    @Override
    public boolean relaxed() {
        return true;
    }

    @Override
    public double step(ModelPasses passes, int rows, int m) {
        return ExampleSignal.mean(passes.relaxedStep(false, MultiSampleBound::signal));
    }
}

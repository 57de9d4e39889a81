package org.concretelab.model.estimator;

/**
 * ARM (Yin &amp; Zhou 2019, "ARM: Augment-REINFORCE-Merge Gradient for Stochastic Binary Networks"), DisARM's parent:
 * from one uniform u per unit and its antithetic 1 − u (the model's logistic noise L = logit u and −L), b = 1[u &gt;
 * σ(−α)] and b̃ = 1[u &lt; σ(α)], the gradient of E_q[f(b)] at the logits
 * <pre>  ĝ_i = (f(b) − f(b̃)) · (u_i − ½)</pre>
 * Unbiased; DisARM is its expectation given (b, b̃), so never noisier — the comparison the Gradients tab draws. The same
 * pair of discrete passes, objective and model settings as {@link DisArm}.
 */
public final class Arm extends DisArm {
    public static final String NAME = "arm";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String label() {
        return "ARM (antithetic pairs, binary, m = 1)";
    }

    @Override
    protected double logitGradient(double difference, float b, float bTilde, float logit, float noise) {
        return difference * (sigmoid(noise) - 0.5); // u_i = σ(L_i), b's own uniform
    }

    @Override
    protected boolean readsNoise() {
        return true;
    }
}

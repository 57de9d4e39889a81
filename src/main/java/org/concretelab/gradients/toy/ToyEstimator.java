package org.concretelab.gradients;

/** The gradient estimators of the toy problem ({@link ToyProblem}), in the order the app shows them. */
public enum ToyEstimator {
    /** f(z)·∂ log p(z)/∂θ: unbiased, no variance reduction. */
    SCORE_FUNCTION("Score function (REINFORCE)", false),
    /** (f(z) − b)·∂ log p(z)/∂θ with b the mean f of the other N − 1 draws: unbiased (b does not depend on z). */
    SCORE_FUNCTION_BASELINE("Score function, leave-one-out baseline", false),
    /** (f(z) − c)·∂ log p(z)/∂θ with c a running mean of f over the earlier draws (NVIL's centring, decay 0.9, from 0). */
    NVIL_CENTRING("Score function, running centring (NVIL-style)", false),
    /** f′(X)·∂X/∂θ at the relaxed X = σ((θ + L)/λ): the gradient of E f(X), biased for E f(z). */
    CONCRETE("Concrete relaxation (f at relaxed X)", true),
    /** f′(z)·∂X/∂θ: f at the hard z = 1[θ + L &gt; 0], the derivative of the relaxed X. */
    STRAIGHT_THROUGH("Straight-through", true);

    private final String label;
    private final boolean relaxed;

    ToyEstimator(String label, boolean relaxed) {
        this.label = label;
        this.relaxed = relaxed;
    }

    public String label() {
        return label;
    }

    /** Whether it uses the temperature λ (and is then biased). */
    public boolean relaxed() {
        return relaxed;
    }
}

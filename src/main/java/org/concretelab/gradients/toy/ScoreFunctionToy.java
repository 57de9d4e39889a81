package org.concretelab.gradients.toy;

/** f(b)·∂ log p(b)/∂θ: unbiased, no variance reduction. */
final class ScoreFunctionToy implements ToyEstimator {
    @Override
    public String id() {
        return "score-function";
    }

    @Override
    public String label() {
        return "Score function (REINFORCE)";
    }

    @Override
    public boolean relaxed() {
        return false;
    }

    @Override
    public boolean unbiased() {
        return true;
    }

    @Override
    public double[] estimates(ToyProblem toy, ToyDraws draws, double theta, double lambda) {
        double[] g = new double[draws.size()];
        for (int i = 0; i < g.length; i++) {
            double b = toy.hard(theta, draws.logistic()[i]);
            g[i] = toy.loss(b) * toy.score(theta, b);
        }
        return g;
    }
}

package org.concretelab.gradients.toy;

/** f(b)·∂ log p(b)/∂θ: unbiased, no variance reduction. */
final class ScoreFunctionToy extends NamedToy {
    ScoreFunctionToy() {
        super("score-function", "Score function (REINFORCE)", false, true);
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

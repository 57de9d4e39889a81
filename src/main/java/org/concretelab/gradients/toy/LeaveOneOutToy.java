package org.concretelab.gradients.toy;

/** (f(b) − c)·∂ log p(b)/∂θ with c the mean f of the other N − 1 draws: unbiased (c does not depend on b). */
final class LeaveOneOutToy implements ToyEstimator {
    @Override
    public String id() {
        return "score-function-baseline";
    }

    @Override
    public String label() {
        return "Score function, leave-one-out baseline";
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
        int n = draws.size();
        double[] losses = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            losses[i] = toy.loss(toy.hard(theta, draws.logistic()[i]));
            sum += losses[i];
        }
        double[] g = new double[n];
        for (int i = 0; i < n; i++) {
            double baseline = n > 1 ? (sum - losses[i]) / (n - 1) : 0;
            g[i] = (losses[i] - baseline) * toy.score(theta, toy.hard(theta, draws.logistic()[i]));
        }
        return g;
    }
}

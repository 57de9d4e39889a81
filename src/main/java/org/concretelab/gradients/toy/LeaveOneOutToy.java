package org.concretelab.gradients.toy;

/** (f(b) − c)·∂ log p(b)/∂θ with c the mean f of the other N − 1 draws: unbiased (c does not depend on b). */
final class LeaveOneOutToy extends NamedToy {
    LeaveOneOutToy() {
        super("score-function-baseline", "Score function, leave-one-out baseline", false, true);
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

package org.concretelab.gradients.toy;

import org.concretelab.distribution.LogSpace;

/**
 * DisARM (Dong, Mnih &amp; Tucker 2020) on one Bernoulli: b from L and its antithetic twin b̃ from −L (the uniform
 * 1 − u), ĝ = ½(f(b) − f(b̃))·(−1)^b̃·1[b ≠ b̃]·σ(|θ|). Unbiased; zero whenever the pair agrees.
 */
final class DisarmToy extends NamedToy {
    DisarmToy() {
        super("disarm", "DisARM (antithetic pair)", false, true);
    }

    @Override
    public double[] estimates(ToyProblem toy, ToyDraws draws, double theta, double lambda) {
        double weight = LogSpace.sigmoid(Math.abs(theta));
        double[] g = new double[draws.size()];
        for (int i = 0; i < g.length; i++) {
            double b = toy.hard(theta, draws.logistic()[i]);
            double twin = toy.hard(theta, -draws.logistic()[i]);
            g[i] = b == twin ? 0 : 0.5 * (toy.loss(b) - toy.loss(twin)) * (twin == 1 ? -1 : 1) * weight;
        }
        return g;
    }
}

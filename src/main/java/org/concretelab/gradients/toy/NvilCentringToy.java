package org.concretelab.gradients.toy;

/** (f(b) − c)·∂ log p(b)/∂θ with c a running mean of f over the earlier draws (NVIL's centring, decay 0.9, from 0). */
final class NvilCentringToy extends NamedToy {
    NvilCentringToy() {
        super("nvil-centring", "Score function, running centring (NVIL-style)", false, true);
    }

    /** NVIL's running-centring decay. */
    static final double DECAY = 0.9;

    @Override
    public double[] estimates(ToyProblem toy, ToyDraws draws, double theta, double lambda) {
        double[] g = new double[draws.size()];
        double c = 0;
        for (int i = 0; i < g.length; i++) {
            double b = toy.hard(theta, draws.logistic()[i]);
            double f = toy.loss(b);
            g[i] = (f - c) * toy.score(theta, b);
            c = DECAY * c + (1 - DECAY) * f;
        }
        return g;
    }
}

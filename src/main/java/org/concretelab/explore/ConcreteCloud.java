package org.concretelab.explore;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.concretelab.distribution.Concrete;
import org.concretelab.distribution.Noise;
import org.concretelab.distribution.Vertices;

/**
 * A cloud of Concrete samples drawn from fixed Gumbel noise: changing λ or α re-maps the same noise, so
 * each point slides smoothly instead of jumping. Also the statistics shown beside the plot. Plain Java
 * (no JavaFX): the pane calls it on the FX thread because it takes ~2 ms for 10,000 points.
 */
public final class ConcreteCloud {
    public static final int MAX_POINTS = 10_000;

    private final int n;
    private final double[][] gumbel;
    private final double[][] points;
    private int count;
    private long seed;
    private double meanVertexDistance;
    private double meanSampleEntropy;
    private double meanEntropy;
    private final double[] argmaxShares;
    private final double[] meanSample;

    public ConcreteCloud(int n, int count, long seed) {
        this.n = n;
        this.gumbel = new double[MAX_POINTS][n];
        this.points = new double[MAX_POINTS][n];
        this.argmaxShares = new double[n];
        this.meanSample = new double[n];
        setCount(count);
        resample(seed);
    }

    public int dimension() {
        return n;
    }

    public int count() {
        return count;
    }

    public void setCount(int count) {
        if (count < 1 || count > MAX_POINTS) {
            throw new IllegalArgumentException("points must be between 1 and " + MAX_POINTS + ", was " + count);
        }
        this.count = count;
    }

    public long seed() {
        return seed;
    }

    /** Draws new Gumbel noise for every point. */
    public void resample(long newSeed) {
        this.seed = newSeed;
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(newSeed);
        for (double[] g : gumbel) {
            Noise.gumbel(rng, g);
        }
    }

    /** Maps the fixed noise through Concrete(α, λ) and updates the statistics. */
    public void update(Concrete concrete) {
        if (concrete.dimension() != n) {
            throw new IllegalArgumentException("the cloud has " + n + " classes, the distribution " + concrete.dimension());
        }
        java.util.Arrays.fill(argmaxShares, 0);
        java.util.Arrays.fill(meanSample, 0);
        double distance = 0;
        double entropy = 0;
        for (int i = 0; i < count; i++) {
            double[] x = concrete.sampleFromGumbel(gumbel[i], points[i]);
            distance += Vertices.nearestVertexDistance(x);
            entropy += Vertices.entropy(x);
            argmaxShares[Vertices.argmax(x)]++;
            for (int k = 0; k < n; k++) {
                meanSample[k] += x[k];
            }
        }
        for (int k = 0; k < n; k++) {
            argmaxShares[k] /= count;
            meanSample[k] /= count;
        }
        meanVertexDistance = distance / count;
        meanEntropy = entropy / count;
        meanSampleEntropy = Vertices.entropy(meanSample);
    }

    /** Point {@code i} (a live array: do not modify). */
    public double[] point(int i) {
        return points[i];
    }

    public double meanVertexDistance() {
        return meanVertexDistance;
    }

    /**
     * Mean over the points of each point's entropy (nats): falls to 0 as λ → 0, since every sample goes to a vertex.
     */
    public double meanEntropy() {
        return meanEntropy;
    }

    /** Entropy (nats) of the mean sample: tends to the entropy of α/Σα as λ → 0, not to 0 (the mean of vertices). */
    public double meanSampleEntropy() {
        return meanSampleEntropy;
    }

    /** Share of points whose largest coordinate is k. */
    public double[] argmaxShares() {
        return argmaxShares.clone();
    }
}

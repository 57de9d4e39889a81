package org.concretelab.explore;

import java.util.SplittableRandom;
import org.concretelab.model.LatentLayout;
import org.concretelab.model.VaeModel;

/** Codes and images drawn at random, reproducibly from a seed. */
public final class CodeSampler {
    private CodeSampler() {
    }

    /** A code from the model's prior. */
    public static LatentCode prior(VaeModel model, long seed) {
        return LatentCode.of(model.latentLayout(), model.samplePrior(seed));
    }

    /** Every discrete unit uniformly over its values, every Gaussian unit standard normal. */
    public static LatentCode uniform(LatentLayout layout, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        LatentCode c = LatentCode.cleared(layout);
        for (int u = 0; u < layout.discreteUnits(); u++) {
            c = c.withClass(u, r.nextInt(layout.classes()));
        }
        for (int g = 0; g < layout.gaussianUnits(); g++) {
            c = c.withGaussian(g, (float) r.nextGaussian());
        }
        return c;
    }

    /** One binary image drawn from Bernoulli means, seeded by the means so that one image always shows the same draw. */
    public static float[] binaryImage(float[] means) {
        SplittableRandom r = new SplittableRandom(java.util.Arrays.hashCode(means));
        float[] binary = new float[means.length];
        for (int i = 0; i < means.length; i++) {
            binary[i] = r.nextDouble() < means[i] ? 1f : 0f;
        }
        return binary;
    }
}

package org.concretelab.model;

import java.util.Arrays;

/**
 * Draws of a conditional model given one input (see {@link VaeModel#sampleGiven}): the discrete codes of the
 * stochastic layer the decoder reads, {@code count × codeLength} values row by row, and each code's decoded Bernoulli
 * means, {@code count × targetWidth}.
 */
public record ConditionalSamples(int count, int codeLength, float[] codes, int targetWidth, float[] means) {

    public ConditionalSamples {
        if (codes.length != count * codeLength || means.length != count * targetWidth) {
            throw new IllegalArgumentException("expected " + count + " codes of " + codeLength + " and " + count
                    + " means of " + targetWidth + " values, had " + codes.length + " and " + means.length);
        }
    }

    /** Draw {@code i}'s code (a copy). */
    public float[] code(int i) {
        return Arrays.copyOfRange(codes, i * codeLength, (i + 1) * codeLength);
    }

    /** Draw {@code i}'s decoded Bernoulli means (a copy). */
    public float[] means(int i) {
        return Arrays.copyOfRange(means, i * targetWidth, (i + 1) * targetWidth);
    }

    /** The mean over the draws of their Bernoulli means: the model's estimate of E[target | input]. */
    public float[] meanOfMeans() {
        double[] sum = new double[targetWidth];
        for (int i = 0; i < count; i++) {
            for (int j = 0; j < targetWidth; j++) {
                sum[j] += means[i * targetWidth + j];
            }
        }
        float[] out = new float[targetWidth];
        for (int j = 0; j < targetWidth; j++) {
            out[j] = (float) (sum[j] / count);
        }
        return out;
    }
}

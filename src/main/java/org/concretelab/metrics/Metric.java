package org.concretelab.metrics;

import org.concretelab.model.VaeModel;

/**
 * A score of a model on a block of binarized images, in nats per image. Validation after each epoch, the
 * {@code eval} command, the run log's columns and the app's charts all come from the registered list in
 * {@link Metrics}: a new metric is one class implementing this, added there.
 */
public interface Metric {

    /** Short key used in CSV columns ({@code val_<key>}) and in event maps, e.g. {@code nll}. */
    String key();

    /** Human label for charts and printed results, e.g. {@code NLL}. */
    String label();

    /** Whether higher is better (bounds) or lower (negative log-likelihoods). */
    boolean higherIsBetter();

    /** The mean score of {@code rows} images ({@code images[rows × 784]}) with noise from {@code noiseSeed}; {@code k} importance samples where it applies. */
    double score(VaeModel model, float[] images, int rows, long noiseSeed, int k);
}

package org.concretelab.gradients;

import java.util.List;

/**
 * A finished comparison.
 *
 * @param model       the model's description
 * @param images      images in the fixed minibatch
 * @param width       logits per image (the dimension is images × width)
 * @param estimators  one row per registered estimator, at the model's temperatures
 * @param references  the reference gradient of each discrete objective used (ELBO, L_m)
 * @param sweep       the relaxed estimators across the temperature sweep (empty without one)
 * @param seconds     how long it took
 */
public record ComparisonResult(String model, int images, int width, List<EstimatorResult> estimators,
                               List<ReferenceGradient> references, List<EstimatorResult> sweep, double seconds) {

    public ComparisonResult {
        estimators = List.copyOf(estimators);
        references = List.copyOf(references);
        sweep = List.copyOf(sweep);
    }

    /** The reference of the objective with m samples. */
    public ReferenceGradient reference(int m) {
        return references.stream().filter(r -> r.samples() == m).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no reference for m = " + m));
    }
}

package org.concretelab.ui.gradients;

import java.util.Objects;
import org.concretelab.data.Dataset;

/**
 * Binarized test images (784 values each, as eval binarizes them) and the dataset they are from: a comparison runs only
 * on the images of its model's dataset.
 */
public record TestImages(Dataset dataset, float[] binarized) {
    public TestImages {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(binarized, "binarized");
    }
}

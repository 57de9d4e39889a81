/**
 * The reference row of issue 14: a VAE with continuous (Gaussian, reparameterised) latents built from
 * DeepLearning4J's own {@code VariationalAutoencoder} layer, trained and scored on this project's data protocol.
 *
 * <p>Nothing here is used by the project's own model, metrics or trainer (an ArchUnit rule keeps it so); it only
 * reads MNIST through {@code org.concretelab.data}. DL4J's network is trained with {@code MultiLayerNetwork.pretrainLayer}
 * over {@link org.concretelab.reference.BinarizedBatches}, saved with {@code ModelSerializer}, and scored by
 * {@link org.concretelab.reference.GaussianVaeScorer}: an importance-sampled NLL computed from the layer's own
 * parameters, because the layer's {@code reconstructionLogProbability} is not a likelihood estimate (see there).
 */
package org.concretelab.reference;

package org.concretelab.reference;

import java.util.Arrays;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.variational.BernoulliReconstructionDistribution;
import org.deeplearning4j.nn.layers.variational.VariationalAutoencoder;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;

/**
 * The reference network: one DL4J {@code VariationalAutoencoder} layer with Gaussian latents (q(z|x) = N(μ, σ²),
 * prior N(0, I)), Bernoulli pixels (sigmoid), encoder and decoder of two tanh layers each — the widths of the paper's
 * "~" networks (200H~784V: 784-200-200 → latents → 200-200-784). Trained by Adam on the negative ELBO with one
 * reparameterised sample per image.
 */
public final class GaussianVaeNetwork {
    public static final int PIXELS = 784;
    public static final int DEFAULT_LATENTS = 200;
    public static final int DEFAULT_HIDDEN = 200;

    private GaussianVaeNetwork() {
    }

    /** A new, initialised network; {@code seed} draws its weights (Xavier). */
    public static MultiLayerNetwork build(int latents, int hidden, double learningRate, long seed) {
        if (latents < 1) {
            throw new IllegalArgumentException("latents must be at least 1, was " + latents);
        }
        if (hidden < 1) {
            throw new IllegalArgumentException("hidden must be at least 1, was " + hidden);
        }
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be a positive number, was " + learningRate);
        }
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(new Adam(learningRate))
                .weightInit(WeightInit.XAVIER)
                .list()
                .layer(new org.deeplearning4j.nn.conf.layers.variational.VariationalAutoencoder.Builder()
                        .nIn(PIXELS).nOut(latents)
                        .encoderLayerSizes(hidden, hidden)
                        .decoderLayerSizes(hidden, hidden)
                        .activation(Activation.TANH)
                        .pzxActivationFunction(Activation.IDENTITY)
                        .reconstructionDistribution(new BernoulliReconstructionDistribution(Activation.SIGMOID))
                        .numSamples(1)
                        .build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /**
     * The VAE layer of {@code net}; an {@link IllegalArgumentException} saying why when {@code net} is not a
     * network of this shape (one VAE layer on 784 pixels, Bernoulli pixels through a sigmoid, identity μ and log σ²).
     */
    public static VariationalAutoencoder vaeLayer(MultiLayerNetwork net) {
        if (net.getnLayers() != 1 || !(net.getLayer(0) instanceof VariationalAutoencoder layer)) {
            throw new IllegalArgumentException("it is not a single DeepLearning4J VariationalAutoencoder layer");
        }
        var conf = (org.deeplearning4j.nn.conf.layers.variational.VariationalAutoencoder) layer.conf().getLayer();
        if (conf.getNIn() != PIXELS) {
            throw new IllegalArgumentException("its VAE reads " + conf.getNIn() + " inputs, not MNIST's " + PIXELS + " pixels");
        }
        if (!(conf.getOutputDistribution() instanceof BernoulliReconstructionDistribution b)
                || !(b.getActivationFn() instanceof ActivationSigmoid)) {
            throw new IllegalArgumentException("its reconstruction distribution is " + conf.getOutputDistribution()
                    + ", not Bernoulli with a sigmoid");
        }
        if (!(conf.getPzxActivationFn() instanceof ActivationIdentity)) {
            throw new IllegalArgumentException("its q(z|x) parameters pass through " + conf.getPzxActivationFn()
                    + ", not the identity");
        }
        return layer;
    }

    /** e.g. {@code Gaussian VAE 784-200-200-(200 Gaussian)-200-200-784 tanh, Bernoulli pixels (DL4J)}. */
    public static String describe(MultiLayerNetwork net) {
        VariationalAutoencoder layer = vaeLayer(net);
        var conf = (org.deeplearning4j.nn.conf.layers.variational.VariationalAutoencoder) layer.conf().getLayer();
        String enc = join(conf.getEncoderLayerSizes());
        String dec = join(conf.getDecoderLayerSizes());
        return String.format("Gaussian VAE %d-%s-(%d Gaussian)-%s-%d %s, Bernoulli pixels (DL4J VariationalAutoencoder, %,d parameters)",
                conf.getNIn(), enc, conf.getNOut(), dec, PIXELS, conf.getActivationFn(), net.numParams());
    }

    /** Gaussian latent units of the network's VAE layer. */
    public static int latents(MultiLayerNetwork net) {
        var conf = (org.deeplearning4j.nn.conf.layers.variational.VariationalAutoencoder) vaeLayer(net).conf().getLayer();
        return (int) conf.getNOut();
    }

    private static String join(int[] sizes) {
        return String.join("-", Arrays.stream(sizes).mapToObj(Integer::toString).toList());
    }
}

package org.concretelab.reference;

import static org.deeplearning4j.nn.params.VariationalAutoencoderParamInitializer.BIAS_KEY_SUFFIX;
import static org.deeplearning4j.nn.params.VariationalAutoencoderParamInitializer.PXZ_B;
import static org.deeplearning4j.nn.params.VariationalAutoencoderParamInitializer.PXZ_W;
import static org.deeplearning4j.nn.params.VariationalAutoencoderParamInitializer.PZX_LOGSTD2_B;
import static org.deeplearning4j.nn.params.VariationalAutoencoderParamInitializer.PZX_LOGSTD2_W;
import static org.deeplearning4j.nn.params.VariationalAutoencoderParamInitializer.PZX_MEAN_B;
import static org.deeplearning4j.nn.params.VariationalAutoencoderParamInitializer.PZX_MEAN_W;
import static org.deeplearning4j.nn.params.VariationalAutoencoderParamInitializer.WEIGHT_KEY_SUFFIX;

import java.util.Arrays;
import java.util.Map;
import java.util.function.IntConsumer;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.deeplearning4j.nn.layers.variational.VariationalAutoencoder;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Scores a {@link GaussianVaeNetwork} on binary images.
 *
 * <p><b>NLL</b>: −log p(x) estimated by importance sampling with the encoder as proposal, as for the project's own
 * models: log p(x) ≈ log (1/k) Σ_j p(x|z_j) p(z_j) / q(z_j|x), z_j ~ q(z|x) = N(μ(x), σ²(x)), p(z) = N(0, I). It is
 * computed here from the layer's own parameters, because DL4J 1.0.0-M2.1's
 * {@code VariationalAutoencoder.reconstructionLogProbability(x, k)} is something else: the mean over k posterior
 * samples of log p(x|z_j) (An &amp; Cho's "reconstruction probability") — no prior, no posterior density, a mean of logs
 * instead of the log of a mean. Its negative is the reconstruction term of the negative ELBO, which leaves out the KL
 * term and is no bound on −log p(x); {@link #layerReconstructionNll} reports it, labelled as what it is.
 *
 * <p>The pixel likelihood is the exact log σ(±a) = −softplus(∓a) of the logits a (DL4J's Bernoulli distribution takes
 * log σ(a) and replaces an infinite log by 0, which forgives a confidently wrong pixel). The Gaussian noise is drawn
 * in Java, seeded per chunk of {@value #CHUNK} images from (seed, index of the chunk's first image), so an image's
 * score depends neither on ND4J's global generator nor on how many images are scored after it.
 */
public final class GaussianVaeScorer {
    /** Images per encoder pass; noise is seeded per chunk. */
    public static final int CHUNK = 100;
    /** (image, sample) rows per decoder pass: bounds the memory of a pass to a few 10,000 × 784 float arrays. */
    static final int MAX_ROWS = 10_000;

    /** Mean over the images of −log p̂(x) and of the ELBO estimate (the mean of the k log-weights). */
    public record Scores(double nll, double elbo, int images, int samples) {
    }

    private final VariationalAutoencoder layer;
    private final IActivation activation;
    private final INDArray[] encoderW;
    private final INDArray[] encoderB;
    private final INDArray[] decoderW;
    private final INDArray[] decoderB;
    private final INDArray meanW;
    private final INDArray meanB;
    private final INDArray logVarW;
    private final INDArray logVarB;
    private final INDArray pixelW;
    private final INDArray pixelB;
    private final int latents;

    public GaussianVaeScorer(MultiLayerNetwork net) {
        this.layer = GaussianVaeNetwork.vaeLayer(net);
        var conf = (org.deeplearning4j.nn.conf.layers.variational.VariationalAutoencoder) layer.conf().getLayer();
        this.activation = conf.getActivationFn();
        Map<String, INDArray> p = layer.paramTable();
        int e = conf.getEncoderLayerSizes().length;
        int d = conf.getDecoderLayerSizes().length;
        encoderW = new INDArray[e];
        encoderB = new INDArray[e];
        for (int i = 0; i < e; i++) {
            encoderW[i] = p.get("e" + i + WEIGHT_KEY_SUFFIX);
            encoderB[i] = p.get("e" + i + BIAS_KEY_SUFFIX);
        }
        decoderW = new INDArray[d];
        decoderB = new INDArray[d];
        for (int i = 0; i < d; i++) {
            decoderW[i] = p.get("d" + i + WEIGHT_KEY_SUFFIX);
            decoderB[i] = p.get("d" + i + BIAS_KEY_SUFFIX);
        }
        meanW = p.get(PZX_MEAN_W);
        meanB = p.get(PZX_MEAN_B);
        logVarW = p.get(PZX_LOGSTD2_W);
        logVarB = p.get(PZX_LOGSTD2_B);
        pixelW = p.get(PXZ_W);
        pixelB = p.get(PXZ_B);
        latents = (int) conf.getNOut();
    }

    /**
     * The importance-sampled NLL and the ELBO of the first {@code rows} images of {@code images} ({@code rows × 784}
     * values 0 or 1), with {@code k} samples each; {@code progress} hears the number of images done.
     */
    public Scores score(float[] images, int rows, int k, long seed, IntConsumer progress) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, was " + k);
        }
        if (rows < 1 || images.length < rows * GaussianVaeNetwork.PIXELS) {
            throw new IllegalArgumentException("need 1.." + images.length / GaussianVaeNetwork.PIXELS + " images, asked " + rows);
        }
        double nllSum = 0;
        double elboSum = 0;
        for (int from = 0; from < rows; from += CHUNK) {
            int n = Math.min(CHUNK, rows - from);
            double[][] perImage = chunk(images, from, n, k, seed);
            for (int i = 0; i < n; i++) {
                nllSum -= perImage[0][i];
                elboSum += perImage[1][i];
            }
            if (progress != null) {
                progress.accept(from + n);
            }
        }
        return new Scores(nllSum / rows, elboSum / rows, rows, k);
    }

    /** log p̂(x) (row 0) and the ELBO estimate (row 1) of images from..from+n. */
    double[][] chunk(float[] images, int from, int n, int k, long seed) {
        int pixels = GaussianVaeNetwork.PIXELS;
        INDArray x = Nd4j.create(Arrays.copyOfRange(images, from * pixels, (from + n) * pixels), new long[] {n, pixels}, 'c');
        INDArray h = x;
        for (int i = 0; i < encoderW.length; i++) {
            INDArray next = activation.getActivation(h.mmul(encoderW[i]).addiRowVector(encoderB[i]), false);
            if (h != x) {
                release(h);
            }
            h = next;
        }
        INDArray mu = h.mmul(meanW).addiRowVector(meanB);
        INDArray logVar = h.mmul(logVarW).addiRowVector(logVarB);
        release(h);
        INDArray sigma = Transforms.exp(logVar.mul(0.5), false);
        double[] halfLogVar = logVar.sum(1).muli(0.5).toDoubleVector();
        // log σ(a) = −softplus(−a) for a pixel that is 1, log(1 − σ(a)) = −softplus(a) for one that is 0:
        // −softplus(u) with u = (1 − 2x)·a
        INDArray flip = x.mul(-2).addi(1);

        int perBlock = Math.max(1, Math.min(k, MAX_ROWS / n));
        INDArray muT = Nd4j.tile(mu, perBlock, 1);
        INDArray sigmaT = Nd4j.tile(sigma, perBlock, 1);
        INDArray flipT = Nd4j.tile(flip, perBlock, 1);
        ZigguratSampler.NormalizedGaussian normal = ZigguratSampler.NormalizedGaussian.of(rng(seed, from));
        float[] noise = new float[perBlock * n * latents];

        double[] max = new double[n];
        double[] sumExp = new double[n];
        double[] meanLogW = new double[n];
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
        for (int done = 0; done < k; done += perBlock) {
            int s = Math.min(perBlock, k - done);
            int rows = s * n;
            for (int i = 0; i < rows * latents; i++) {
                noise[i] = (float) normal.sample();
            }
            INDArray eps = Nd4j.create(rows * latents == noise.length ? noise : Arrays.copyOf(noise, rows * latents),
                    new long[] {rows, latents}, 'c');
            INDArray z = eps.mul(part(sigmaT, rows, s, perBlock)).addi(part(muT, rows, s, perBlock));
            double[] epsSq = sumOfSquares(eps);
            double[] zSq = sumOfSquares(z);
            INDArray a = z;
            for (int i = 0; i < decoderW.length; i++) {
                INDArray next = activation.getActivation(a.mmul(decoderW[i]).addiRowVector(decoderB[i]), false);
                release(a);
                a = next;
            }
            INDArray u = a.mmul(pixelW).addiRowVector(pixelB).muli(part(flipT, rows, s, perBlock));
            release(a, eps);
            // softplus(u) = max(u, 0) + log(1 + e^−|u|), exact for any u in float
            INDArray tail = Transforms.log1p(Transforms.exp(Transforms.abs(u, true).negi(), false), false);
            INDArray rowSums = Transforms.relu(u, false).addi(tail).sum(1);
            double[] logPx = rowSums.negi().toDoubleVector();
            release(u, tail, rowSums);
            for (int r = 0; r < rows; r++) {
                int i = r % n; // rows are sample-major: sample j of image i is row j·n + i
                double logW = logPx[r] - 0.5 * zSq[r] + 0.5 * epsSq[r] + halfLogVar[i];
                if (logW > max[i]) {
                    sumExp[i] = sumExp[i] * Math.exp(max[i] - logW) + 1;
                    max[i] = logW;
                } else {
                    sumExp[i] += Math.exp(logW - max[i]);
                }
                meanLogW[i] += logW / k;
            }
        }
        release(x, mu, logVar, sigma, flip, muT, sigmaT, flipT);
        double[] logPxHat = new double[n];
        for (int i = 0; i < n; i++) {
            logPxHat[i] = max[i] + Math.log(sumExp[i]) - Math.log(k);
        }
        return new double[][] {logPxHat, meanLogW};
    }

    /**
     * −(1/rows) Σ_x DL4J's {@code reconstructionLogProbability(x, k)}: the mean over k samples z ~ q(z|x) of
     * −log p(x|z), i.e. the reconstruction term of the negative ELBO — <b>not</b> an NLL (see the class comment). Its
     * noise comes from ND4J's global generator, seeded here with {@code seed}.
     */
    public double layerReconstructionNll(float[] images, int rows, int k, long seed, IntConsumer progress) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, was " + k);
        }
        Nd4j.getRandom().setSeed(seed);
        int pixels = GaussianVaeNetwork.PIXELS;
        double sum = 0;
        for (int from = 0; from < rows; from += CHUNK) {
            int n = Math.min(CHUNK, rows - from);
            INDArray x = Nd4j.create(Arrays.copyOfRange(images, from * pixels, (from + n) * pixels), new long[] {n, pixels}, 'c');
            double[] logProb = layer.reconstructionLogProbability(x, k).toDoubleVector();
            for (double v : logProb) {
                sum -= v;
            }
            if (progress != null) {
                progress.accept(from + n);
            }
        }
        return sum / rows;
    }

    private static double[] sumOfSquares(INDArray a) {
        INDArray squares = a.mul(a);
        INDArray sums = squares.sum(1);
        double[] out = sums.toDoubleVector();
        release(squares, sums);
        return out;
    }

    /**
     * Frees the native memory of temporaries at once: ND4J frees an array's buffer only when the garbage collector
     * finds its small Java object, so without this a k = 1000 evaluation grew to 5 GB resident.
     */
    private static void release(INDArray... arrays) {
        for (INDArray a : arrays) {
            if (a != null && a.closeable() && !a.wasClosed()) {
                a.close();
            }
        }
    }

    /** The first {@code rows} rows of a tiled array (the last block of samples may be shorter). */
    private static INDArray part(INDArray tiled, int rows, int s, int perBlock) {
        return s == perBlock ? tiled : tiled.get(NDArrayIndex.interval(0, rows), NDArrayIndex.all());
    }

    private static UniformRandomProvider rng(long seed, long firstImage) {
        long s = mix(seed ^ mix(0x5DEECE66DL * (firstImage + 1)));
        return RandomSource.XO_RO_SHI_RO_128_PP.create(new long[] {s, mix(s ^ 0x9E3779B97F4A7C15L)});
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}

package org.concretelab.sweep;

import java.util.Map;
import org.concretelab.model.ModelSpec;
import org.concretelab.model.ParameterShapes;
import org.concretelab.model.estimator.Estimators;

/**
 * Approximate seconds of one core per training image and per scored sample of any model, scaled from the rates the
 * default 200H~784V binary model's jobs had in the Table 1 sweep on the 2-core development machine (2026-12-07): one
 * thread a job, two jobs side by side, each epoch validated and checkpointed as {@code train} does — training at batch
 * 100, m = 1 at {@value #TRAIN_M1} images/s, m = 5 at {@value #TRAIN_M5}; scoring at {@value #EVAL_IMAGES_K1000}
 * images/s with k = 1000 samples each. ({@code bench --threads 1} in two processes at once gave 19,900, 5,460 and 140;
 * alone, m = 1 ran at 21,700. The rates before, 38,696, 13,364 and 156 from one bench process, made that sweep's jobs 2–4
 * × longer than estimated.) Against the sweep's other jobs: 200H–200H–784V within 0.8–1.2 × (its VIMCO scoring 1.4 ×),
 * 200H–784V overestimated (its jobs took 0.5–0.8 × the estimate: the model's weights say less than its speed).
 *
 * <p>A training image costs c·(E + m·(P + K)) seconds: the first encoder (E weights) runs once per image, the rest
 * of the model (P weights) once per sample, and K is the per-sample work that does not grow with the weights (the
 * 784 pixels' likelihood, sampling). The two training rates fix c and K; a scored sample costs P + K in proportion
 * to the scoring rate. Relative estimator costs come from the same measurements (NVIL's baseline network: 0.89).
 */
public final class CostModel {
    static final double TRAIN_M1 = 14_100;
    static final double TRAIN_M5 = 3_260;
    static final double EVAL_IMAGES_K1000 = 105;
    /** A job's start: the training JVM and native libraries, MNIST read and checked (seconds). */
    static final double JOB_START = 5;

    private static final ModelSpec REFERENCE = ModelSpec.defaults();
    private static final double PER_SAMPLE_REF = (1 / TRAIN_M5 - 1 / TRAIN_M1) / 4; // seconds per image per sample
    private static final double ONCE_REF = 1 / TRAIN_M1 - PER_SAMPLE_REF;
    /** Seconds per weight per image. */
    private static final double C = ONCE_REF / once(REFERENCE);
    /** Per-sample work beyond the weights, in weight-equivalents. */
    private static final double K = PER_SAMPLE_REF / C - perSample(REFERENCE);
    private static final double SCORE_REF = 1 / (EVAL_IMAGES_K1000 * 1000);

    private CostModel() {
    }

    /** Seconds of one core to train one image (forward and backward, m samples) of {@code spec}. */
    static double trainSecondsPerImage(ModelSpec spec) {
        return C * (once(spec) + spec.samples() * (perSample(spec) + K)) / relativeSpeed(spec.estimator());
    }

    /** Seconds of one core to score one importance sample of one image (validation, test NLL). */
    public static double scoreSecondsPerSample(ModelSpec spec) {
        return SCORE_REF * (perSample(spec) + K) / (perSample(REFERENCE) + K);
    }

    /** Throughput relative to the Concrete relaxation at the same m, as the estimator measured it of itself. */
    private static double relativeSpeed(String estimator) {
        return Estimators.create(estimator).relativeSpeed();
    }

    /** Weights used once per image: the first encoder (or the input's prior network) and an estimator's own. */
    private static double once(ModelSpec spec) {
        return weights(spec, true);
    }

    private static double perSample(ModelSpec spec) {
        return weights(spec, false);
    }

    private static double weights(ModelSpec spec, boolean once) {
        Map<String, long[]> shapes = ParameterShapes.of(spec);
        String first = shapes.keySet().iterator().next(); // encoder1 (density) or the top prior (completion)
        String firstNetwork = first.substring(0, first.indexOf('.') + 1);
        double n = 0;
        for (Map.Entry<String, long[]> e : shapes.entrySet()) {
            String name = e.getKey();
            boolean model = name.startsWith("encoder") || name.startsWith("prior") || name.startsWith("decoder");
            boolean isOnce = name.startsWith(firstNetwork) || !model;
            if (isOnce == once) {
                n += (double) e.getValue()[0] * e.getValue()[1];
            }
        }
        return n;
    }
}

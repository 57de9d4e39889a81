package org.concretelab.cli;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.concretelab.data.Binarization;
import org.concretelab.data.ImageSet;
import org.concretelab.data.MinibatchIterator;
import org.concretelab.data.MnistSplits;
import org.concretelab.model.ModelSpec;
import org.concretelab.model.VaeModel;
import org.concretelab.model.VaeModels;
import org.concretelab.model.MatrixProducts;
import org.concretelab.model.MatrixProducts.Product;

/**
 * {@code bench --gemm}: the GEMM bound of a model's training step and of its importance-sampled evaluation, and the
 * fraction of it the step reaches. The products one step (one image's k samples) makes are recorded as the model makes
 * them ({@link MatrixProducts#of}), each shape is then timed alone on one thread with {@code cblas_sgemm} (an sgemm
 * micro-benchmark of exactly those shapes), and their sum is the time the step could not go below if everything but
 * the matrix products were free. Everything runs on one thread: the bound of n cores is n times it.
 */
final class GemmBench {
    private GemmBench() {
    }

    static int run(ModelSpec spec, MnistSplits data, int batch, int steps, int evalK) {
        VaeModel vae = VaeModels.create(spec, 1);
        vae.setThreads(1);
        MinibatchIterator batches = new MinibatchIterator(data.train(), batch, Binarization.DYNAMIC, 1);
        float[] buffer = new float[batch * ImageSet.PIXELS];
        long[] step = {0};
        Runnable oneStep = () -> BenchCommand.runSteps(vae, batches, buffer, 1, step);
        for (int i = 0; i < 200; i++) {
            oneStep.run(); // JIT and buffers
        }
        List<Product> trainShapes = MatrixProducts.of(oneStep);
        double stepSeconds = MatrixProducts.median(() -> {
            for (int i = 0; i < steps; i++) {
                oneStep.run();
            }
        }) / steps;
        float[] image = Arrays.copyOf(buffer, ImageSet.PIXELS);
        vae.importanceSampledNll(image, 1, evalK, 1);
        List<Product> evalShapes = MatrixProducts.of(() -> vae.importanceSampledNll(image, 1, evalK, 1));
        int evalImages = Math.max(2, 2_000 / evalK);
        double evalSeconds = MatrixProducts.median(() -> {
            for (int i = 0; i < evalImages; i++) {
                vae.importanceSampledNll(image, 1, evalK, 2 + i);
            }
        }) / evalImages;

        System.out.printf(Locale.ROOT, "bench --gemm: %s, batch %d, %d timed steps, one thread (--threads does not apply),"
                + " OPENBLAS_CORETYPE=%s, OMP_NUM_THREADS=%s%n", spec.describe(), batch, steps, System.getenv("OPENBLAS_CORETYPE"),
                System.getenv("OMP_NUM_THREADS"));
        double trainGemm = report("training step", trainShapes);
        double evalGemm = report("eval, one image at k = " + evalK, evalShapes);
        System.out.printf(Locale.ROOT, "training: GEMM bound %.0f images/s a core (%.3f ms of products a step); measured %.0f"
                + " images/s (%.3f ms a step): %.0f %% of the bound%n", batch / trainGemm, trainGemm * 1e3, batch / stepSeconds,
                stepSeconds * 1e3, 100 * trainGemm / stepSeconds);
        System.out.printf(Locale.ROOT, "eval k = %d: GEMM bound %.0f images/s a core (%.2f ms of products an image); measured"
                + " %.1f images/s (%.2f ms an image): %.0f %% of the bound%n", evalK, 1 / evalGemm, evalGemm * 1e3,
                1 / evalSeconds, evalSeconds * 1e3, 100 * evalGemm / evalSeconds);
        System.out.printf(Locale.ROOT, "gemm fraction: %.2f%n", trainGemm / stepSeconds);
        return 0;
    }

    /** Prints each distinct shape's count and GFLOP/s; returns the seconds all of {@code shapes} take. */
    private static double report(String what, List<Product> shapes) {
        Map<Product, Integer> counts = new LinkedHashMap<>();
        shapes.forEach(s -> counts.merge(s, 1, Integer::sum));
        System.out.printf(Locale.ROOT, "%s: %d products, %d shapes%n", what, shapes.size(), counts.size());
        double total = 0;
        double flops = 0;
        for (Map.Entry<Product, Integer> e : counts.entrySet()) {
            double seconds = MatrixProducts.seconds(e.getKey());
            total += seconds * e.getValue();
            flops += e.getKey().flops() * e.getValue();
            System.out.printf(Locale.ROOT, "  %3d × %-22s %7.1f µs  %6.1f GFLOP/s%n", e.getValue(), e.getKey(), seconds * 1e6,
                    e.getKey().flops() / seconds / 1e9);
        }
        System.out.printf(Locale.ROOT, "  all: %.1f MFLOP in %.3f ms, %.1f GFLOP/s%n", flops / 1e6, total * 1e3, flops / total / 1e9);
        return total;
    }
}

package org.concretelab.model;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.concretelab.model.nn.Gemm;
import org.concretelab.model.nn.Mat;

/**
 * The matrix products a piece of model work makes, and how long each takes alone: the GEMM bound of a training step or
 * an evaluation ({@code bench --gemm}), from outside the model's internals (the layering keeps {@code nn} inside).
 */
public final class MatrixProducts {
    private static final int REPEATS = 7;

    private MatrixProducts() {
    }

    /** One product's shape: C (m×n) ← op(A) (m×k) · op(B) (k×n). */
    public record Product(int m, int n, int k, boolean transA, boolean transB) {
        public double flops() {
            return 2.0 * m * n * k;
        }

        @Override
        public String toString() {
            return m + "×" + k + (transA ? "ᵀ" : "") + " · " + k + "×" + n + (transB ? "ᵀ" : "");
        }
    }

    /** The products {@code work} makes on this thread, in order (run the model on one thread to see them all). */
    public static List<Product> of(Runnable work) {
        List<Product> products = new java.util.ArrayList<>(); // only this thread's products are told
        Gemm.record(work, (m, n, k, transA, transB) -> products.add(new Product(m, n, k, transA, transB)));
        return List.copyOf(products);
    }

    /** Median seconds of one product of {@code p} alone on this thread (cblas_sgemm on random operands). */
    public static double seconds(Product p) {
        Mat a = random(p.transA() ? p.k() : p.m(), p.transA() ? p.m() : p.k());
        Mat b = random(p.transB() ? p.n() : p.k(), p.transB() ? p.k() : p.n());
        Mat c = new Mat(p.m(), p.n());
        int reps = (int) Math.max(3, Math.min(10_000, 2e8 / Math.max(1, p.flops())));
        Runnable products = () -> {
            for (int i = 0; i < reps; i++) {
                Gemm.gemm(a, p.transA(), b, p.transB(), c, 1f, 0f);
            }
        };
        products.run();
        return median(products) / reps;
    }

    /** Median wall seconds of {@code work} over a few runs. */
    public static double median(Runnable work) {
        double[] seconds = new double[REPEATS];
        for (int i = 0; i < REPEATS; i++) {
            long start = System.nanoTime();
            work.run();
            seconds[i] = (System.nanoTime() - start) / 1e9;
        }
        Arrays.sort(seconds);
        return seconds[REPEATS / 2];
    }

    private static Mat random(int rows, int cols) {
        Mat m = new Mat(rows, cols);
        float[] v = new float[rows * cols];
        Random r = new Random(rows * 31L + cols);
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian() * 0.1f;
        }
        m.load(v, 0);
        return m;
    }
}

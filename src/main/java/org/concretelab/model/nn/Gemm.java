package org.concretelab.model.nn;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * C ← α·op(A)·op(B) + β·C on {@link Mat}s, straight to OpenBLAS's {@code cblas_sgemm} (the library ND4J itself
 * calls, on the calling thread: the trainer's own threads give the parallelism; OMP_NUM_THREADS=1 from the
 * launcher keeps BLAS to one). Why not {@code Nd4j.gemm}: its op dispatch costs 20–80 µs a call, a third of a 100×200×200 product here
 * (measured: 118 vs 81 µs; 265 vs 180 µs for 100×784×200), and a training step makes 17 such calls.
 */
public final class Gemm {
    /** While {@link #record} runs: where each product's shape goes (null otherwise: one volatile read a call). */
    private static volatile Recorder recorder;
    /** The thread whose products are recorded: other threads' (a warm-up, another model) are not the work's. */
    private static volatile Thread recording;

    private Gemm() {
    }

    /** Hears the shape of each product: C (m×n) ← op(A) (m×k) · op(B) (k×n). */
    @FunctionalInterface
    public interface Recorder {
        void product(int m, int n, int k, boolean transA, boolean transB);
    }

    /**
     * Runs {@code work}, telling {@code to} the shape of every product it makes on this thread, in order
     * ({@code MatrixProducts}): run a model on one thread to record all of its products.
     */
    public static synchronized void record(Runnable work, Recorder to) {
        recording = Thread.currentThread();
        recorder = to;
        try {
            work.run();
        } finally {
            recorder = null;
            recording = null;
        }
    }

    public static void gemm(Mat a, boolean transA, Mat b, boolean transB, Mat c, float alpha, float beta) {
        int m = transA ? a.cols() : a.rows();
        int k = transA ? a.rows() : a.cols();
        int kb = transB ? b.cols() : b.rows();
        int n = transB ? b.rows() : b.cols();
        if (k != kb || c.rows() != m || c.cols() != n) {
            throw new IllegalArgumentException("gemm shapes do not match: " + a.rows() + "×" + a.cols() + (transA ? "ᵀ" : "")
                    + " · " + b.rows() + "×" + b.cols() + (transB ? "ᵀ" : "") + " → " + c.rows() + "×" + c.cols());
        }
        Recorder r = recorder;
        if (r != null && Thread.currentThread() == recording) {
            r.product(m, n, k, transA, transB);
        }
        openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor, transA ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans,
                transB ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans, m, n, k, alpha, a.pointer(), a.cols(),
                b.pointer(), b.cols(), beta, c.pointer(), c.cols());
    }
}

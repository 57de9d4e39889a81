package org.concretelab.model.vector;

/**
 * The element-wise loops of a training step or an evaluation that dominate once the GEMMs are fast: each over one
 * row of a heap array, in SIMD lanes when the JDK's Vector API ({@code jdk.incubator.vector}) is in the module
 * graph, otherwise as plain loops (same formulas, to float rounding). Why lanes: {@code Math.exp} and
 * {@code Math.log} cost 3–4 ns an element here and the JIT does not vectorise them, while the Vector API's
 * (Intel SVML) take 0.2 ns; the Bernoulli likelihood alone is 784 of each per image and sample.
 */
public interface RowKernels {

    /**
     * Σ_i x_i·o_i − softplus(o_i) over {@code n} elements from {@code offset}: a row's Bernoulli log-likelihood of
     * targets x given logits o; when {@code residual} is not null, also x_i − σ(o_i) into it (same offsets).
     */
    double bernoulliRow(float[] x, float[] o, int offset, int n, float[] residual);

    /** v[i] ← log v[i] for the {@code n} first elements, each a positive normal float (e.g. u/(1 − u) of a uniform). */
    void logInPlace(float[] v, int n);

    /**
     * Logistic noise from uniforms: l[i] ← log(u[i]/(1 − u[i])) for the {@code n} first, the ratio in double rounded to
     * float and its log as {@link #logInPlace} takes it (the division in lanes too: it was a fifth of an evaluation).
     * {@code u} is overwritten (the caller's scratch).
     */
    void logisticRow(double[] u, int n, float[] l);

    /**
     * Hard Bernoulli samples from logits and logistic noise: z[i] ← 1 if a[i] + l[i] &gt; 0, else 0
     * ({@code Bernoulli.sampleFromLogistic}, whose double sum has the float sum's sign), without a branch per unit:
     * the outcomes are coin flips, which a branch predictor cannot learn.
     */
    void hardRow(float[] a, float[] l, int n, float[] z);

    /** {@link #bernoulliRow} of hard codes for rows that repeat their logits ({@link BernoulliRows}), over n units. */
    BernoulliRows bernoulliRows(int n);

    /**
     * One row of Binary Concrete samples from logits {@code a} and logistic noise {@code l} (BinaryConcrete's
     * formulas): y = (a + l)/λ into {@code y}, σ(y) — or the hard value y &gt; 0 — into {@code x}; returns
     * Σ_i −l_i − 2·softplus(−l_i), the row's log density at the samples without its constants n·log λ.
     */
    double binaryConcreteRow(float[] a, float[] l, int n, float lambda, boolean hard, float[] y, float[] x);

    /**
     * One row of the Binary Concrete log density of logit-space values {@code y} under logits {@code q} at temperature
     * λ: t = q − λ·y, σ(t) into {@code s} (the gradient's factor); returns Σ_i t_i − 2·softplus(t_i), the log density
     * without its constants n·log λ.
     */
    double binaryConcreteDensityRow(float[] q, float[] y, int n, float lambda, float[] s);

    /**
     * Adam's step of one parameter in place: its values {@code p} and gradient slots {@code g[0..slots)} in native
     * memory (what BLAS reads and writes; native byte order), its moments {@code m}, {@code v} on the heap, each of
     * {@code m.length} floats. Per element, in float and rounded as written (no fused multiply-add, so the lanes and
     * the scalar loop give the same bits): g = g₀ + g₁ + … in slot order, m ← β1·m + (1 − β1)·g,
     * v ← β2·v + (1 − β2)·g·g, p ← p − step·m / (√v + ε). In place: copying each buffer to the heap and back, for a
     * loop the JIT would vectorise, was half of Adam's time.
     */
    void adamRow(java.nio.ByteBuffer p, java.nio.ByteBuffer[] g, int slots, float[] m, float[] v, float beta1, float beta2,
                 float epsilon, float step);

    /**
     * Sets the subnormal values among the first {@code n} of {@code v} (0 &lt; |x| &lt; 2⁻¹²⁶) to zero of the same sign;
     * returns whether any was. (Why: {@code Dense#flushSubnormals}.)
     */
    boolean flushSubnormals(float[] v, int n);

    /** The kernels of this JVM: in lanes when the Vector API is present, else scalar. */
    static RowKernels get() {
        return Selected.KERNELS;
    }

    /** Whether {@link #get()} works in SIMD lanes (for benchmarks and logs). */
    static boolean vectorized() {
        return !(Selected.KERNELS instanceof ScalarRowKernels);
    }

    /** Chosen once: the vector class is only loaded when its module is there (else it would not link). */
    final class Selected {
        static final RowKernels KERNELS = choose();

        private Selected() {
        }

        private static RowKernels choose() {
            if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
                try {
                    return (RowKernels) Class.forName("org.concretelab.model.vector.VectorRowKernels")
                            .getDeclaredConstructor().newInstance();
                } catch (ReflectiveOperationException | LinkageError e) {
                    // a JVM without the module's intrinsics: the scalar loops are right, only slower
                }
            }
            return new ScalarRowKernels();
        }
    }
}

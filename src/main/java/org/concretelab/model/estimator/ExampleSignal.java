package org.concretelab.model.estimator;

/**
 * An estimator's objective and loss gradient for one example, computed from that example's own m log-weights (and
 * the batch's size) alone: the relaxed bound's softmax weights, VIMCO's leave-one-out signals. Such an estimator can
 * let the model run each block's forward pass, signal and backward pass in one go ({@link ModelPasses#relaxedStep},
 * {@link ModelPasses#discreteStep}): no barrier waits for the whole batch's log-weights between the passes.
 */
@FunctionalInterface
public interface ExampleSignal {

    /**
     * The objective of the example whose log-weights are {@code logw[r0 .. r0 + m)}; writes ∂loss/∂log w (and, on the
     * discrete graph, the score weights) at the same rows, for a loss that is the mean over {@code examples} examples.
     */
    double of(double[] logw, int r0, int m, int examples, double[] gLogw, double[] scoreWeights);

    /** The batch's mean objective: the examples' objectives summed in order, then divided (as a batch loop adds them). */
    static double mean(double[] objectives) {
        double total = 0;
        for (double o : objectives) {
            total += o;
        }
        return total / objectives.length;
    }
}

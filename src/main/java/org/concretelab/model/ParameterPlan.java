package org.concretelab.model;

import java.util.ArrayList;
import java.util.List;
import org.concretelab.model.task.Task;

/**
 * The model's networks and learned prior, in creation order (which fixes the initial weights drawn and the
 * checkpoint's array order), computed from the spec alone: {@link ConcreteVae} builds its networks from it and
 * {@link ParameterShapes} lists their arrays from it, so the two cannot disagree. Sizes are longs: a huge spec must
 * not overflow before {@link MemoryEstimate} refuses it.
 *
 * @param networks    each network: its name, input width, hidden widths and output width
 * @param priorLogits width of the learned top prior's logits, 0 when a task's prior is a network of the input
 */
record ParameterPlan(List<Network> networks, long priorLogits) {

    /** What a network does: q(z_l | ·), p(z_l | ·) or p(target | z_1). */
    enum Role { ENCODER, PRIOR, DECODER }

    /**
     * One MLP: Dense {@code name.i.W} [in, out] and {@code name.i.b} [1, out] per layer i; {@code layer} the
     * stochastic layer (0 the first) it encodes or gives the prior of.
     */
    record Network(String name, Role role, int layer, long in, long[] hidden, long out) {
        int[] hiddenInts() {
            int[] h = new int[hidden.length];
            for (int i = 0; i < h.length; i++) {
                h[i] = Math.toIntExact(hidden[i]);
            }
            return h;
        }
    }

    static ParameterPlan of(ModelSpec spec, Task task) {
        long logits = spec.discreteLogits();
        long params = spec.posteriorWidth(); // logits, then means and log-variances
        // a unit's code values: 1 binary, K one-hot or log2 K corners; a Gaussian unit's: 1
        long code = (long) spec.discreteUnits() * spec.latentLayout().slotsPerUnit() + spec.gaussianUnits();
        long[] hidden = spec.architecture().nonlinear() ? new long[] {spec.hiddenUnits(), spec.hiddenUnits()} : new long[0];
        int depth = spec.architecture().stochasticLayers();
        List<Network> nets = new ArrayList<>();
        if (task.conditionalPrior()) { // in sampling order: the input's prior network, then the conditional priors
            for (int l = depth; l >= 1; l--) {
                nets.add(new Network("prior" + l, Role.PRIOR, l - 1, l == depth ? task.inputWidth() : code, hidden, params));
            }
        } else {
            nets.add(new Network("encoder1", Role.ENCODER, 0, task.inputWidth(), hidden, params));
            for (int l = 1; l < depth; l++) {
                nets.add(new Network("encoder" + (l + 1), Role.ENCODER, l, code, hidden, params));
                nets.add(new Network("prior" + l, Role.PRIOR, l - 1, code, hidden, params));
            }
        }
        nets.add(new Network("decoder", Role.DECODER, 0, code, hidden, task.targetWidth()));
        return new ParameterPlan(List.copyOf(nets), task.conditionalPrior() ? 0 : logits);
    }
}

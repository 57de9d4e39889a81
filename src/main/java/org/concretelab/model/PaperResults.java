package org.concretelab.model;

import java.util.Map;
import java.util.OptionalDouble;
import org.concretelab.model.estimator.ConcreteRelaxation;
import org.concretelab.model.estimator.Nvil;
import org.concretelab.model.estimator.Vimco;
import org.concretelab.model.task.Completion;
import org.concretelab.model.task.DensityEstimation;

/**
 * The paper's published MNIST test NLLs (nats; Maddison et al. 2017: Table 1, the n-ary Table 2 of appendix E and
 * the structured-prediction table of Figure 4, read from the ICLR 2017 text), looked up by the model a run trained:
 * the number a result is set beside, only for the configuration the paper ran (its layer widths included: a "~"
 * network's tanh layers as wide as the stochastic layer, appendix D.1). The paper trained 10⁷ steps at batch 64 on a
 * fixed binarization and estimated density NLLs with k = 50,000 and structured prediction with k = 100, so a figure
 * here is that protocol's, not a shorter run's target.
 */
public final class PaperResults {
    /** Table 1, density estimation, binary 200H models: {Concrete, score-function} for m = 1, 5, 50. */
    private static final Map<Architecture, double[][]> TABLE_1 = Map.of(
            Architecture.LINEAR_ONE, new double[][] {{107.3, 104.4}, {104.9, 101.9}, {104.3, 98.8}},
            Architecture.LINEAR_TWO, new double[][] {{102.1, 92.9}, {99.9, 91.7}, {99.5, 90.7}},
            Architecture.NONLINEAR_ONE, new double[][] {{92.1, 93.8}, {89.5, 91.4}, {88.5, 89.3}},
            Architecture.NONLINEAR_TWO, new double[][] {{87.9, 88.4}, {86.3, 86.4}, {85.7, 85.5}});
    /**
     * Table 2 (appendix E), Concrete, 240 code values per layer (240 binary, 120 4-ary, 80 8-ary units), tanh layers
     * 240 wide: [arity 2, 4, 8][m = 1, 5, 50] for 240H~784V and for 240H~240H~784V.
     */
    private static final double[][] NARY_ONE = {{91.9, 89.0, 88.4}, {91.4, 89.4, 89.7}, {92.5, 90.5, 90.5}};
    private static final double[][] NARY_TWO = {{87.9, 86.6, 86.0}, {87.4, 86.7, 86.7}, {88.2, 87.4, 87.2}};
    /** Figure 4's table, structured prediction, binary 392V–240H–240H–392V: {Concrete, NVIL (m = 1) or VIMCO}. */
    private static final double[][] COMPLETION = {{58.5, 61.4}, {54.3, 54.5}, {53.4, 51.8}};
    /** Code values per stochastic layer of the n-ary models and of the structured-prediction ones (the paper's 240H). */
    private static final int WIDTH_240 = 240;

    private PaperResults() {
    }

    /**
     * The paper's test NLL for a model of {@code spec} trained with its estimator, if the paper reports one: Table 1
     * (binary, 200 units, tanh layers 200 wide; Concrete, NVIL at m = 1, VIMCO at m = 5 and 50), Table 2 (240H~784V
     * and 240H~240H~784V, Concrete: 240 binary, 120 4-ary or 80 8-ary corner units, tanh layers 240 wide) and
     * structured prediction (392V–240H–240H–392V, binary, both estimators). A model of another width has none.
     */
    public static OptionalDouble testNll(ModelSpec spec) {
        boolean concrete = ConcreteRelaxation.NAME.equals(spec.estimator());
        boolean scoreFunction = spec.samples() == 1 ? Nvil.NAME.equals(spec.estimator()) : Vimco.NAME.equals(spec.estimator());
        int row = switch (spec.samples()) {
            case 1 -> 0;
            case 5 -> 1;
            case 50 -> 2;
            default -> -1;
        };
        if (spec.gaussianUnits() != 0 || !concrete && !scoreFunction || row < 0) {
            return OptionalDouble.empty();
        }
        int column = concrete ? 0 : 1;
        if (Completion.NAME.equals(spec.task())) {
            return spec.architecture() == Architecture.LINEAR_TWO && spec.latentKind() == LatentKind.BINARY
                    && spec.discreteUnits() == WIDTH_240 ? OptionalDouble.of(COMPLETION[row][column]) : OptionalDouble.empty();
        }
        if (!DensityEstimation.NAME.equals(spec.task())) {
            return OptionalDouble.empty();
        }
        int arity = nary(spec);
        if (arity >= 0) {
            boolean paperWidth = spec.hiddenUnits() == WIDTH_240;
            if (!concrete || !paperWidth) {
                return OptionalDouble.empty();
            }
            if (spec.architecture() == Architecture.NONLINEAR_ONE) {
                return OptionalDouble.of(NARY_ONE[arity][row]);
            }
            if (spec.architecture() == Architecture.NONLINEAR_TWO) {
                return OptionalDouble.of(NARY_TWO[arity][row]);
            }
            return OptionalDouble.empty();
        }
        boolean paperWidth = !spec.architecture().nonlinear() || spec.hiddenUnits() == PaperDefaults.HIDDEN; // "-": no tanh layers
        if (spec.latentKind() != LatentKind.BINARY || spec.discreteUnits() != PaperDefaults.UNITS || !paperWidth) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(TABLE_1.get(spec.architecture())[row][column]);
    }

    /**
     * The importance samples k behind the paper's figure for {@code spec}'s task: 100 for structured prediction (Figure
     * 4's table), 50,000 for density estimation (Tables 1 and 2).
     */
    public static int samples(ModelSpec spec) {
        return Completion.NAME.equals(spec.task()) ? 100 : 50_000;
    }

    /**
     * The row of Table 2 a non-linear density model of 240 code values per layer belongs to (0 binary, 1 4-ary, 2 8-ary),
     * or −1 if {@code spec} is not one (its width is checked by the caller).
     */
    private static int nary(ModelSpec spec) {
        if (!spec.architecture().nonlinear()) {
            return -1;
        }
        if (spec.latentKind() == LatentKind.BINARY && spec.discreteUnits() == WIDTH_240) {
            return 0;
        }
        if (spec.latentKind() == LatentKind.CORNERS && spec.classes() == 4 && spec.discreteUnits() == 120) {
            return 1;
        }
        if (spec.latentKind() == LatentKind.CORNERS && spec.classes() == 8 && spec.discreteUnits() == 80) {
            return 2;
        }
        return -1;
    }
}

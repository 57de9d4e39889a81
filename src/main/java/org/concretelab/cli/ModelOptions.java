package org.concretelab.cli;

import org.concretelab.model.Architecture;
import org.concretelab.model.LatentKind;
import org.concretelab.model.ModelSpec;
import org.concretelab.model.PaperDefaults;
import org.concretelab.model.estimator.Estimators;
import org.concretelab.model.estimator.StraightThrough;
import picocli.CommandLine.Option;

/** The model options shared by {@code train} and {@code bench}; defaults are the paper's binary model. */
public final class ModelOptions {
    @Option(names = "--arch", description = "200H-784V, 200H-200H-784V, 200H~784V or 200H~200H~784V (default: ${DEFAULT-VALUE})")
    String architecture = "200H~784V";

    @Option(names = "--latent", description = "binary, categorical or corners (default: ${DEFAULT-VALUE}). binary: one number"
            + " per unit; categorical: K classes per unit, fed on as a one-hot code of K slots (Jang et al.); corners: K"
            + " classes per unit, fed on as the paper's n-ary code, log2 K values in {-1, 1} per unit (K a power of two;"
            + " the paper's 240H is --units 120 -K 4 or --units 80 -K 8)")
    String latent = "binary";

    @Option(names = "--units", description = "discrete units per stochastic layer (default: ${DEFAULT-VALUE})")
    int units = PaperDefaults.UNITS;

    /** Null when not given: a binary model must not silently ignore it. */
    @Option(names = {"--classes", "-K"}, description = "classes per unit of categorical or corners latents (default: 4;"
            + " corners: 2, 4, 8, ...)")
    Integer classes;

    @Option(names = "--gaussian", description = "extra Gaussian units per layer, e.g. 100 for the mixed model (default: ${DEFAULT-VALUE})")
    int gaussian = 0;

    @Option(names = "--hidden", description = "width of each tanh layer (default: ${DEFAULT-VALUE})")
    int hidden = PaperDefaults.HIDDEN;

    @Option(names = "--lambda1", description = "posterior temperature λ1 (default: 2/3 binary, 1 categorical;"
            + " corners: 2/3 for K = 2, 1 for K = 4, 2/3 for K = 8, else 1)")
    Double lambda1;

    @Option(names = "--lambda2", description = "prior temperature λ2 (default: 1/2 binary, 2/3 categorical;"
            + " corners: 1/2 for K = 2, 2/3 for K = 4, 2/5 for K = 8, else 2/3)")
    Double lambda2;

    @Option(names = {"-m", "--samples"}, description = "samples m of the multi-sample objective (default: ${DEFAULT-VALUE})")
    int samples = PaperDefaults.SAMPLES;

    @Option(names = "--lr", description = "Adam learning rate (default: ${DEFAULT-VALUE})")
    double learningRate = PaperDefaults.LEARNING_RATE;

    @Option(names = "--estimator", description = "gradient estimator: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})",
            completionCandidates = EstimatorNames.class)
    String estimator = PaperDefaults.ESTIMATOR;

    @Option(names = "--straight-through", description = "the same as --estimator straight-through: feed hard samples forward, relaxed gradients backward")
    boolean straightThrough;

    /** The registered estimators, for the help text. */
    static final class EstimatorNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Estimators.names().iterator();
        }
    }

    /** The validated spec; a bad value is an IllegalArgumentException naming it. */
    public ModelSpec spec() {
        Architecture arch = Architecture.parse(architecture);
        LatentKind kind = switch (latent.toLowerCase()) {
            case "binary" -> LatentKind.BINARY;
            case "categorical" -> LatentKind.CATEGORICAL;
            case "corners" -> LatentKind.CORNERS;
            default -> throw new IllegalArgumentException("--latent must be binary, categorical or corners, was '" + latent + "'");
        };
        boolean binary = kind == LatentKind.BINARY;
        if (binary && classes != null) {
            throw new IllegalArgumentException("-K/--classes applies to categorical and corners latents only; drop it, or add"
                    + " --latent categorical or --latent corners");
        }
        int k = binary ? 2 : classes != null ? classes : PaperDefaults.CLASSES;
        double l1 = lambda1 != null ? lambda1 : PaperDefaults.lambdaPosterior(kind, k);
        double l2 = lambda2 != null ? lambda2 : PaperDefaults.lambdaPrior(kind, k);
        if (straightThrough && !estimator.equals(PaperDefaults.ESTIMATOR) && !estimator.equals(StraightThrough.NAME)) {
            throw new IllegalArgumentException("--straight-through contradicts --estimator " + estimator + "; give one of them");
        }
        String chosen = straightThrough ? StraightThrough.NAME : estimator;
        return new ModelSpec(arch, kind, units, k, gaussian, hidden, l1, l2, samples, learningRate, chosen);
    }
}
